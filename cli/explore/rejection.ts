/**
 * A command the explorer refuses (unknown command, action not enabled, bad argument): printed
 * as one `error: ...` line; the session goes on, and a script ends with exit code 2.
 */
export class Rejection extends Error {
  override readonly name: string = "Rejection";
}
