/** `mirrorcheck replay FILE`: apply a trace (text or ITF JSON) step by step and check its expectations. */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { Command } from "commander";
import {
  htmlInputFromReplay,
  htmlReport,
  replayHtmlTitle,
  replayJson,
  replayText,
  traceConfigName,
  whatIfJson,
  whatIfLines,
  type HtmlReportInput,
} from "../report/index.js";
import {
  hasOverrides,
  overrideText,
  replayExitCode,
  replayTraceText,
  replayWhatIf,
  toItf,
  traceVariantPath,
  type ParseOptions,
  type ReplayResult,
  type TraceFile,
  type TraceReplay,
  type WhatIfReplay,
} from "../trace/index.js";
import { escapeControls, escapeControlsKeepLines } from "./escape.js";
import { readInput, writeOutputOrWarn } from "./files.js";
import { checkOutputs, type NamedPath } from "./outputs.js";
import { writeStdout } from "./stdout.js";
import { addWhatIfOptions, rulesFrom, type WhatIfFlags } from "./whatIfOptions.js";
import { prepareVariant, variantInputs, variantPathFrom, variantPathOfTrace } from "./variantFile.js";

interface ReplayFlags extends WhatIfFlags {
  json?: boolean;
  itf?: string;
  html?: string;
  variant?: string;
}

/**
 * Replays a .trace file, or an ITF JSON file (whose recorded states must match the replay).
 * The proposal is `variant` (--variant) if given, else the `variant=PATH` of the file's config
 * line, resolved relative to the file's folder.
 */
export async function replayFile(file: string, variant?: string): Promise<TraceReplay> {
  const text = readInput(file, readFileSync);
  return replayTraceText(text, file, await traceParseOptions(file, text, variant));
}

/** The proposal a trace is read under: `variant` (--variant) if given, else its config line's `variant=PATH`, loaded. */
export async function traceParseOptions(file: string, text: string, variant?: string): Promise<ParseOptions> {
  const named = traceVariantPath(text);
  const path = variant ?? (named === null ? undefined : variantPathOfTrace(file, named));
  return { variant: path === undefined ? null : await prepareVariant(path) };
}

/** The first line of a what-if replay, so that nobody mistakes it for the trace's own. */
function whatIfHeader(w: WhatIfReplay): string {
  return `WHAT-IF  replayed with ${w.applied.map(overrideText).join(", ")}: not the trace's own rules`;
}

/** The HTML input of a what-if: its title says the rules were overridden, its replay command repeats the overrides. */
function whatIfHtml(input: HtmlReportInput, w: WhatIfReplay): HtmlReportInput {
  const options = w.applied.map((a) => `${a.option} ${a.value}`).join(" ");
  return {
    ...input,
    title: `${input.title} (what-if: ${options})`,
    replayCommand: `${input.replayCommand ?? `mirrorcheck replay ${input.trace?.fileName ?? ""}`} ${options}`,
  };
}

/** The --variant option of replay and explain. */
export const VARIANT_OPTION_HELP = "the proposal to replay under (docs/variants.md); default: the variant= of the trace's config line";

export function replayCommand(setExit: (code: number) => void): Command {
  return addWhatIfOptions(new Command("replay"))
    .description("replay a trace file: apply each action, check each expectation, show what changed")
    .argument("<file>", "a .trace file (docs/trace-format.md) or an ITF JSON trace (.itf.json)")
    .option("--json", "print exactly one JSON object on stdout")
    .option("--itf <file>", "also write the replayed path as an ITF JSON trace")
    .option("--html <file>", "also write a self-contained HTML report (sequence diagram, catalog after each step)")
    .option("--variant <file>", VARIANT_OPTION_HELP)
    .addHelpText(
      "after",
      [
        "",
        "Exit codes: 0 every action applied and every expectation held; 1 an expectation failed; 2 malformed file or an action not enabled.",
        "With --on/--off/--sync-rep-reload (a what-if) the same codes apply to the replay under the overridden rules; the",
        "report says so and where the path leaves the trace's own replay (the first state that differs, or the first step",
        "no longer enabled) and which expectations changed outcome. An unknown safeguard, or one given to both, exits 2;",
        "--on of a safeguard the trace has on (or --off of one it has off) is accepted and noted as no change.",
      ].join("\n"),
    )
    .action(async (file: string, flags: ReplayFlags) => {
      const outputs: NamedPath[] = [];
      if (flags.itf !== undefined) outputs.push({ option: "--itf", path: flags.itf });
      if (flags.html !== undefined) outputs.push({ option: "--html", path: flags.html });
      checkOutputs(outputs, [{ option: "input", path: file }, ...variantInputs(flags)]);
      const rules = rulesFrom(flags);
      let whatIf: WhatIfReplay | null = null;
      let trace: TraceFile;
      let result: ReplayResult;
      if (hasOverrides(rules)) {
        const text = readInput(file, readFileSync);
        whatIf = replayWhatIf(text, file, rules, await traceParseOptions(file, text, flags.variant));
        ({ trace, result } = whatIf);
      } else {
        ({ trace, result } = await replayFile(file, flags.variant));
      }
      const variant = result.config.variant ?? null;
      const warnings: string[] = [];
      const write = (path: string, data: string): void => {
        const w = writeOutputOrWarn(path, data, writeFileSync);
        if (w !== null) warnings.push(w);
      };
      if (flags.itf !== undefined) {
        const steps = result.items.flatMap((i) => (i.kind === "step" ? [i] : []));
        const itf = toItf({
          config: result.config,
          states: [result.initial, ...steps.map((s) => s.after)],
          actions: steps.map((s) => s.action),
          description: whatIf === null ? `replay of ${file}` : `replay of ${file} with ${whatIf.applied.map(overrideText).join(", ")}`,
          ...(result.lasso === null ? {} : { loop: result.lasso.loopStart }),
          ...(variant === null || flags.itf === undefined ? {} : { variantPath: variantPathFrom(flags.itf, variant) }),
        });
        write(flags.itf, JSON.stringify(itf, null, 1) + "\n");
      }
      if (flags.html !== undefined) {
        // Titled by the configuration the trace names, not by the file's path; the trace is embedded under its base name.
        const input = htmlInputFromReplay(result, {
          title: replayHtmlTitle(traceConfigName(trace.configName, result.config), result),
          subtitle: `replay of ${basename(file)}`,
          trace: { text: readInput(file, readFileSync), fileName: basename(file), saved: true },
        });
        write(flags.html, htmlReport(whatIf === null ? input : whatIfHtml(input, whatIf)));
      }
      // Overridden rules make another configuration than the one named: "+" as check names one with overrides.
      // The name the trace's config line gives, or the canonical configuration whose values it has (as the HTML title).
      const baseName = traceConfigName(trace.configName, whatIf === null ? result.config : whatIf.original.config);
      const name = baseName + (whatIf === null ? "" : "+");
      const json = whatIf === null ? replayJson(file, name, result) : { ...replayJson(file, name, result), whatIf: whatIfJson(baseName, whatIf) };
      const text =
        whatIf === null ? replayText(file, result, baseName) : [whatIfHeader(whatIf), replayText(file, result, name), "", ...whatIfLines(whatIf)].join("\n");
      // The text quotes the file's lines: their control bytes are shown, not sent to the terminal (JSON escapes its own).
      writeStdout((flags.json ? JSON.stringify(json, null, 2) : escapeControlsKeepLines(text)) + "\n");
      for (const w of warnings) process.stderr.write(escapeControls(w) + "\n");
      setExit(replayExitCode(result));
    });
}
