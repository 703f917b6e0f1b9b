/** `mirrorcheck replay FILE`: apply a trace (text or ITF JSON) step by step and check its expectations. */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { Command } from "commander";
import { htmlInputFromReplay, htmlReport, replayHtmlTitle, replayJson, traceConfigName, replayText } from "../report/index.js";
import { replayExitCode, replayTraceText, toItf, type TraceReplay } from "../trace/index.js";
import { escapeControls, escapeControlsKeepLines } from "./escape.js";
import { readInput, writeOutputOrWarn } from "./files.js";
import { checkOutputs, type NamedPath } from "./outputs.js";
import { writeStdout } from "./stdout.js";

interface ReplayFlags {
  json?: boolean;
  itf?: string;
  html?: string;
}

/** Replays a .trace file, or an ITF JSON file (whose recorded states must match the replay). */
export function replayFile(file: string): TraceReplay {
  return replayTraceText(readInput(file, readFileSync), file);
}

export function replayCommand(setExit: (code: number) => void): Command {
  return new Command("replay")
    .description("replay a trace file: apply each action, check each expectation, show what changed")
    .argument("<file>", "a .trace file (docs/trace-format.md) or an ITF JSON trace (.itf.json)")
    .option("--json", "print exactly one JSON object on stdout")
    .option("--itf <file>", "also write the replayed path as an ITF JSON trace")
    .option("--html <file>", "also write a self-contained HTML report (sequence diagram, catalog after each step)")
    .addHelpText(
      "after",
      "\nExit codes: 0 every action applied and every expectation held; 1 an expectation failed; 2 malformed file or an action not enabled.",
    )
    .action((file: string, flags: ReplayFlags) => {
      const outputs: NamedPath[] = [];
      if (flags.itf !== undefined) outputs.push({ option: "--itf", path: flags.itf });
      if (flags.html !== undefined) outputs.push({ option: "--html", path: flags.html });
      checkOutputs(outputs, [{ option: "input", path: file }]);
      const { trace, result } = replayFile(file);
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
        write(flags.html, htmlReport(input));
      }
      const name = trace.configName ?? "custom";
      // The text quotes the file's lines: their control bytes are shown, not sent to the terminal (JSON escapes its own).
      writeStdout((flags.json ? JSON.stringify(replayJson(file, name, result), null, 2) : escapeControlsKeepLines(replayText(file, result))) + "\n");
      for (const w of warnings) process.stderr.write(escapeControls(w) + "\n");
      setExit(replayExitCode(result));
    });
}
