/** A usage problem found by the CLI itself (a file it cannot read); printed as one line, exit 2. */
export class UsageError extends Error {
  override readonly name: string = "UsageError";
}

/**
 * An output the CLI was asked to write and cannot (no such directory, two outputs naming one
 * file, an output that would overwrite an input). Found before any search, so that a long
 * run never ends in a file it cannot write.
 */
export class OutputError extends UsageError {
  override readonly name: string = "OutputError";
}

/** usage: the command line; config: a configuration or option value; input: a file read; output: a file to write; memory: the engine ran out. */
export type ErrorKind = "usage" | "config" | "input" | "output" | "memory";

/** An error already classified elsewhere (in the search thread), carried to the main thread to be printed. */
export class ClassifiedError extends Error {
  override readonly name: string = "ClassifiedError";
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}
