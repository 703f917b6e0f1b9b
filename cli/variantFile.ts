/**
 * `--variant FILE`: a proposal (docs/variants.md) made ready to load. A `.mjs` or `.js` file is
 * imported as it is; a `.ts` file is compiled on the fly with TypeScript's `transpileModule`
 * when the `typescript` package can be resolved, into a temporary `.mjs` beside it (so that
 * its `import ... from "mirrorcheck"` resolves the same way), deleted when the process exits.
 * Without TypeScript a `.ts` file is refused with the command that compiles it.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { loadVariant, VariantError, type VariantRef } from "../model/index.js";
import type { NamedPath } from "./outputs.js";

const TS = /\.(m|c)?ts$/;

/** The part of the `typescript` package used here. */
interface TypeScriptApi {
  transpileModule(
    input: string,
    options: { compilerOptions: Record<string, unknown>; fileName: string; reportDiagnostics: boolean },
  ): { outputText: string; diagnostics?: readonly { messageText: string | { messageText: string }; start?: number }[] };
  ModuleKind: { ESNext: number };
  ScriptTarget: { ES2022: number };
}

const temporary: string[] = [];
let cleanupInstalled = false;

function removeTemporaryFiles(): void {
  for (const f of temporary.splice(0)) rmSync(f, { force: true });
}

async function typescript(): Promise<TypeScriptApi | null> {
  try {
    const mod = (await import("typescript")) as { default?: TypeScriptApi } & Partial<TypeScriptApi>;
    const ts = (mod.default ?? mod) as TypeScriptApi;
    return typeof ts.transpileModule === "function" ? ts : null;
  } catch {
    return null;
  }
}

/** Compiles a `.ts` proposal to a temporary `.mjs` beside it; returns the `.mjs` path. */
async function compile(file: string): Promise<string> {
  const ts = await typescript();
  if (ts === null) {
    throw new VariantError(`proposal ${file}: TypeScript is not installed here to compile it; compile it first: npx tsc --module nodenext --target es2022 ${file}`);
  }
  const out = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: basename(file),
    reportDiagnostics: true,
  });
  const d = out.diagnostics?.[0];
  if (d !== undefined) {
    const text = typeof d.messageText === "string" ? d.messageText : d.messageText.messageText;
    throw new VariantError(`proposal ${file}: does not compile: ${text.split("\n")[0]}`);
  }
  const target = join(dirname(resolve(file)), `.${basename(file).replace(TS, "")}.mirrorcheck-${process.pid}-${temporary.length}.mjs`);
  writeFileSync(target, out.outputText);
  temporary.push(target);
  if (!cleanupInstalled) {
    cleanupInstalled = true;
    process.on("exit", removeTemporaryFiles);
  }
  return target;
}

/** Loads `--variant FILE` in this thread; the reference to put in the configuration. */
export async function prepareVariant(file: string): Promise<VariantRef> {
  if (!existsSync(file)) throw new VariantError(`proposal ${file}: no such file`);
  if (!statSync(file).isFile()) throw new VariantError(`proposal ${file}: not a file`);
  if (TS.test(file)) {
    const compiled = await compile(file);
    try {
      return await loadVariant(compiled, { file });
    } catch (e) {
      removeTemporaryFiles();
      throw e;
    }
  }
  if (!/\.(m|c)?js$/.test(file)) throw new VariantError(`proposal ${file}: must be a .mjs, .js or .ts file`);
  return loadVariant(file);
}

/** How a trace written to `traceFile` names the proposal: its path relative to the trace's folder. */
export function variantPathFrom(traceFile: string, ref: VariantRef): string {
  return relative(dirname(resolve(traceFile)), resolve(ref.file)) || basename(ref.file);
}

/** The proposal a trace names (`variant=PATH`, relative to the trace's folder), as a path from here. */
export function variantPathOfTrace(traceFile: string, path: string): string {
  return relative(process.cwd(), resolve(dirname(traceFile), path)) || path;
}

/** `--variant FILE` as an input no output may overwrite. */
export function variantInputs(flags: { readonly variant?: string }): NamedPath[] {
  return flags.variant === undefined ? [] : [{ option: "--variant", path: flags.variant }];
}
