/** Reading and writing the files users name, with one-line errors. */
import { UsageError } from "./errors.js";

type Reader = (path: string, encoding: "utf8") => string;

export function readInput(path: string, read: Reader): string {
  try {
    return read(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String(e);
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
}

type Writer = (path: string, data: string) => void;

function writeProblem(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT"
      ? "no such directory"
      : code === "EACCES"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a directory"
          : code === "ENOSPC"
            ? "no space left on device"
            : e instanceof Error
              ? e.message
              : String(e);
  return `cannot write ${path}: ${why}`;
}

export function writeOutput(path: string, data: string, write: Writer): void {
  try {
    write(path, data);
  } catch (e) {
    throw new UsageError(writeProblem(path, e));
  }
}

/**
 * Writes a file after a run, when the outputs were already checked (outputs.ts): if the
 * write fails anyway (the disk filled up meanwhile), the run's report matters more than the
 * file, so the problem comes back as a warning to print instead of an error that hides it.
 */
export function writeOutputOrWarn(path: string, data: string, write: Writer): string | null {
  try {
    write(path, data);
    return null;
  } catch (e) {
    return `mirrorcheck: warning: ${writeProblem(path, e)}`;
  }
}
