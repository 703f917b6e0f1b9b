/**
 * `mirrorcheck compare --variant FILE`: check one configuration with the built-in rules and
 * with a proposal (both with every violation collected, as `check --all`, and liveness), and
 * print one table of what the proposal breaks and fixes, with the counterexamples that show it.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { configInput, runCheck, type CheckReport } from "../api/index.js";
import { lookupVariant, resolveConfig, type VariantRef } from "../model/index.js";
import {
  compareJson,
  compareReports,
  compareText,
  compareTraceFileName,
  counterexampleTrace,
  type Comparison,
  type ProposalInfo,
} from "../report/index.js";
import { addConfigOptions, overridesFrom, type ConfigFlags } from "./configOptions.js";
import { OutputError } from "./errors.js";
import { EXIT } from "./exitCodes.js";
import { writeOutputOrWarn } from "./files.js";
import { escapeControls } from "./escape.js";
import { writeStdout } from "./stdout.js";
import { prepareVariant, variantPathFrom } from "./variantFile.js";

interface CompareFlags extends ConfigFlags {
  json?: boolean;
  traceOut?: string;
  liveness: boolean;
}

/**
 * The exit code of a comparison: 1 when the proposal breaks what held or one of its own
 * properties or witnesses fails, 3 when a run was cut short, else 0.
 */
export function compareExitCode(c: Comparison): number {
  if (c.breaks.length > 0 || c.newFailing.length > 0) return EXIT.violation;
  return c.incomplete ? EXIT.incomplete : EXIT.pass;
}

/** Loads the proposal (a VariantError, one line and exit 2, when it cannot be loaded). */
async function loadProposal(file: string): Promise<{ ref: VariantRef; info: ProposalInfo }> {
  const ref = await prepareVariant(file);
  return { ref, info: { name: ref.name, file, description: lookupVariant(ref).variant.description } };
}

/** The directory --trace-out names: created if missing; an existing file there is refused before any search. */
function prepareTraceDir(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    try {
      mkdirSync(dir, { recursive: true });
      return;
    } catch (e) {
      throw new OutputError(`cannot create the directory ${dir} for --trace-out: ${(e as Error).message}`);
    }
  }
  if (!isDir) throw new OutputError(`--trace-out ${dir} must be a directory (compare writes one trace file per counterexample there)`);
}

function writeTraces(c: Comparison, dir: string, warnings: string[]): string[] {
  return c.counterexamples.map((x) => {
    const path = join(dir, compareTraceFileName(x));
    const variantPath = x.report.variant === null ? undefined : variantPathFrom(path, x.report.variant);
    const text = counterexampleTrace(x.report.name, x.report.config, x.violation, { variantPath });
    const w = writeOutputOrWarn(path, text, writeFileSync);
    if (w !== null) {
      warnings.push(w);
      return "";
    }
    return path;
  });
}

function run(flags: CompareFlags, ref: VariantRef | null): CheckReport {
  return runCheck({
    config: flags.config,
    overrides: overridesFrom(flags),
    variant: ref,
    options: { all: true, liveness: flags.liveness, workers: 1 },
  });
}

export function compareCommand(setExit: (code: number) => void): Command {
  const cmd = addConfigOptions(
    new Command("compare").description("check a configuration with and without a proposal and show what the proposal breaks and fixes"),
  );
  // The shared --variant option (configOptions.ts) is what compare is about: required here.
  cmd.options.find((o) => o.long === "--variant")?.makeOptionMandatory(true);
  return cmd
    .option("--trace-out <dir>", "write the counterexample of every row the proposal breaks or fixes into DIR (created if missing)")
    .option("--no-liveness", "skip the liveness properties on both sides")
    .option("--json", "print exactly one JSON object on stdout")
    .addHelpText(
      "after",
      [
        "",
        "Both runs collect every violated property's shortest counterexample (as check --all) and check",
        "liveness. A row is BREAKS when it held (or its witness was reached) with the built-in rules and",
        "fails with the proposal, fixes when it is the other way round.",
        "",
        "Exit codes: 0 the proposal breaks nothing that held; 1 it breaks something, or a property or witness",
        "of its own fails; 2 bad input (no such proposal, a proposal that fails to load, a bad configuration);",
        "3 a run was cut short (memory).",
      ].join("\n"),
    )
    .action(async (flags: CompareFlags) => {
      // Everything the user can get wrong is found before the first search.
      resolveConfig(configInput(flags.config, overridesFrom(flags)));
      const { ref, info } = await loadProposal(flags.variant ?? "");
      if (flags.traceOut !== undefined) prepareTraceDir(flags.traceOut);
      const builtin = run(flags, null);
      const variant = run(flags, ref);
      const comparison = compareReports(builtin, variant, info.name);
      const warnings: string[] = [];
      const files = flags.traceOut === undefined ? [] : writeTraces(comparison, flags.traceOut, warnings);
      const hint = `mirrorcheck ${process.argv.slice(2).join(" ")} --trace-out DIR`;
      writeStdout(
        (flags.json === true
          ? JSON.stringify(compareJson(comparison, info, files), null, 2)
          : compareText(comparison, info, { traceFiles: files, traceOutHint: hint })) + "\n",
      );
      for (const w of warnings) process.stderr.write(escapeControls(w) + "\n");
      setExit(compareExitCode(comparison));
    });
}
