/**
 * Loading a proposal: import the JavaScript module, check that its default export was made
 * by `defineVariant`, register it (registry.ts) and return the reference a Config carries.
 * Every failure is one VariantError line naming the file. A `.ts` file is refused here with
 * the command that compiles it (the CLI compiles it on the fly when TypeScript is installed).
 */
import { isVariant } from "./define.js";
import { thrownText, VariantError } from "./errors.js";
import { isVariantLoaded, registerVariant } from "./registry.js";
import type { VariantRef } from "./types.js";

/** The file URL of a path (relative to the working directory) or of a file URL given as is. */
export function moduleUrl(path: string): string {
  if (path.startsWith("file:")) return path;
  const cwd = process.cwd().replace(/\\/g, "/");
  return new URL(path.replace(/\\/g, "/"), `file://${cwd.startsWith("/") ? "" : "/"}${encodeURI(cwd)}/`).href;
}

export interface LoadVariantOptions {
  /** How messages name the file (default: the path given). */
  readonly file?: string;
}

/**
 * Imports a proposal (`.mjs` or `.js`, a path relative to the working directory or a file
 * URL), registers it in this thread and returns its reference, for `ConfigInput.variant`.
 */
export async function loadVariant(path: string, options: LoadVariantOptions = {}): Promise<VariantRef> {
  const file = options.file ?? path;
  if (/\.(c|m)?tsx?$/.test(path)) {
    throw new VariantError(`proposal ${file}: a TypeScript file must be compiled first: npx tsc --module nodenext --target es2022 ${file}`);
  }
  const url = moduleUrl(path);
  let mod: { default?: unknown };
  try {
    mod = (await import(url)) as { default?: unknown };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const own = decodeURIComponent(new URL(url).pathname);
    if (code === "ERR_MODULE_NOT_FOUND" && String((e as Error).message).includes(`'${own}'`)) {
      throw new VariantError(`proposal ${file}: no such file`);
    }
    // `import ... from "mirrorcheck"` resolves like any package: from a folder where it is installed (or the checkout itself).
    if (code === "ERR_MODULE_NOT_FOUND" && String((e as Error).message).includes("Cannot find package 'mirrorcheck'")) {
      throw new VariantError(
        `proposal ${file}: cannot import "mirrorcheck" from its folder: put the file inside a project that has mirrorcheck installed (npm install mirrorcheck) or inside the mirrorcheck checkout`,
      );
    }
    const kind = e instanceof Error ? `${e.name}: ` : "";
    throw new VariantError(`proposal ${file}: cannot be imported: ${kind}${thrownText(e)}`);
  }
  if (!isVariant(mod.default)) {
    throw new VariantError(`proposal ${file}: its default export is not a variant (write export default defineVariant({...}), defineVariant from "mirrorcheck")`);
  }
  return registerVariant(url, file, mod.default);
}

/** Loads the proposal a reference names unless this thread has it already (worker threads). */
export async function ensureVariantLoaded(ref: VariantRef | null | undefined): Promise<void> {
  if (ref === null || ref === undefined || isVariantLoaded(ref)) return;
  await loadVariant(ref.module, { file: ref.file });
}
