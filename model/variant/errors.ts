/**
 * VariantError: a proposal that cannot be loaded, or whose rule broke the model (threw, or
 * changed the state's shape). One line naming the file and the rule; the CLI prints it and
 * exits 2. `userError` lets the checker's worker threads carry it as one line (checker/model.ts).
 */
export class VariantError extends Error {
  override readonly name = "VariantError";
  readonly userError = true;
}

/** The message of anything thrown, on one line. */
export function thrownText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n")[0] ?? "";
}
