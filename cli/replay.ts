/** `mirrorcheck replay FILE`: apply a trace (text or ITF JSON) step by step and check its expectations. */
import { readFileSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { htmlInputFromReplay, htmlReport, replayJson, replayText } from "../report/index.js";
import { replayExitCode, replayTraceText, toItf, traceVariantPath, type TraceReplay } from "../trace/index.js";
import { escapeControls, escapeControlsKeepLines } from "./escape.js";
import { readInput, writeOutputOrWarn } from "./files.js";
import { checkOutputs, type NamedPath } from "./outputs.js";
import { writeStdout } from "./stdout.js";
import { prepareVariant, variantInputs, variantPathFrom, variantPathOfTrace } from "./variantFile.js";

interface ReplayFlags {
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
  const named = traceVariantPath(text);
  const path = variant ?? (named === null ? undefined : variantPathOfTrace(file, named));
  const ref = path === undefined ? null : await prepareVariant(path);
  return replayTraceText(text, file, { variant: ref });
}

/** The --variant option of replay and explain. */
export const VARIANT_OPTION_HELP = "the proposal to replay under (docs/variants.md); default: the variant= of the trace's config line";

export function replayCommand(setExit: (code: number) => void): Command {
  return new Command("replay")
    .description("replay a trace file: apply each action, check each expectation, show what changed")
    .argument("<file>", "a .trace file (docs/trace-format.md) or an ITF JSON trace (.itf.json)")
    .option("--json", "print exactly one JSON object on stdout")
    .option("--itf <file>", "also write the replayed path as an ITF JSON trace")
    .option("--html <file>", "also write a self-contained HTML report (sequence diagram, catalog after each step)")
    .option("--variant <file>", VARIANT_OPTION_HELP)
    .addHelpText(
      "after",
      "\nExit codes: 0 every action applied and every expectation held; 1 an expectation failed; 2 malformed file or an action not enabled.",
    )
    .action(async (file: string, flags: ReplayFlags) => {
      const outputs: NamedPath[] = [];
      if (flags.itf !== undefined) outputs.push({ option: "--itf", path: flags.itf });
      if (flags.html !== undefined) outputs.push({ option: "--html", path: flags.html });
      checkOutputs(outputs, [{ option: "input", path: file }, ...variantInputs(flags)]);
      const { trace, result } = await replayFile(file, flags.variant);
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
          description: `replay of ${file}`,
          ...(result.lasso === null ? {} : { loop: result.lasso.loopStart }),
          ...(variant === null || flags.itf === undefined ? {} : { variantPath: variantPathFrom(flags.itf, variant) }),
        });
        write(flags.itf, JSON.stringify(itf, null, 1) + "\n");
      }
      if (flags.html !== undefined) {
        const input = htmlInputFromReplay(result, { title: `replay of ${file}`, replayCommand: `mirrorcheck replay ${file}` });
        write(flags.html, htmlReport(input));
      }
      const name = trace.configName ?? "custom";
      // The text quotes the file's lines: their control bytes are shown, not sent to the terminal (JSON escapes its own).
      writeStdout((flags.json ? JSON.stringify(replayJson(file, name, result), null, 2) : escapeControlsKeepLines(replayText(file, result))) + "\n");
      for (const w of warnings) process.stderr.write(escapeControls(w) + "\n");
      setExit(replayExitCode(result));
    });
}
