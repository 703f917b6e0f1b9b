/** A usage problem found by the CLI itself (a file it cannot read); printed as one line, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
