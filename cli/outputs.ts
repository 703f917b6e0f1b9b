/**
 * Output paths checked before any work: a search can take hours, and finding only at its end
 * that `--trace-out nodir/cex.trace` cannot be written loses the counterexample. Each output's
 * directory must exist and be writable, no two outputs may name one file, and no output may
 * overwrite an input. A failure is an OutputError: one line, exit 2, before the search.
 */
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { OutputError } from "./errors.js";

export interface NamedPath {
  /** The option that named it ("--trace-out"), or "input" for a file read. */
  readonly option: string;
  readonly path: string;
}

/** The path as the file system resolves it, symbolic links followed where they exist. */
function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return resolve(realpathSync(dirname(abs)), abs.slice(dirname(abs).length + 1));
    } catch {
      return abs;
    }
  }
}

function checkWritable(o: NamedPath): void {
  const dir = dirname(resolve(o.path));
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch {
    throw new OutputError(`cannot write ${o.path}: no such directory`);
  }
  if (!dirStat.isDirectory()) throw new OutputError(`cannot write ${o.path}: ${dirname(o.path)} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new OutputError(`cannot write ${o.path}: permission denied in ${dirname(o.path)}`);
  }
  let fileStat;
  try {
    fileStat = statSync(o.path);
  } catch {
    return; // does not exist yet: the directory's permission is what counts
  }
  if (fileStat.isDirectory()) throw new OutputError(`cannot write ${o.path}: is a directory`);
  try {
    accessSync(o.path, constants.W_OK);
  } catch {
    throw new OutputError(`cannot write ${o.path}: permission denied`);
  }
}

/** Throws an OutputError for the first output that cannot be written where the user asked. */
export function checkOutputs(outputs: readonly NamedPath[], inputs: readonly NamedPath[] = []): void {
  const seen = new Map<string, NamedPath>();
  for (const i of inputs) seen.set(canonical(i.path), i);
  for (const o of outputs) {
    checkWritable(o);
    const key = canonical(o.path);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new OutputError(
        other.option === "input"
          ? `${o.option} ${o.path} would overwrite the input file ${other.path}`
          : `${other.option} and ${o.option} both name ${o.path}: give each output its own file`,
      );
    }
    seen.set(key, o);
  }
}
