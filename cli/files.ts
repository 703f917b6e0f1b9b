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

export function writeOutput(path: string, data: string, write: Writer): void {
  try {
    write(path, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such directory" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a directory" : String(e);
    throw new UsageError(`cannot write ${path}: ${why}`);
  }
}
