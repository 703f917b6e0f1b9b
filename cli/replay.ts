/** `mirrorcheck replay FILE`: apply a trace file step by step and check its expectations. */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { replayJson, replayText } from "../report/index.js";
import { parseTrace, replayExitCode, replayTrace } from "../trace/index.js";
import { readInput } from "./files.js";

export function replayCommand(setExit: (code: number) => void): Command {
  return new Command("replay")
    .description("replay a trace file: apply each action, check each expectation, show what changed")
    .argument("<file>", "a .trace file (../shared/TRACE-FORMAT.md)")
    .option("--json", "print exactly one JSON object on stdout")
    .addHelpText("after", "\nExit codes: 0 every action applied and every expectation held; 1 an expectation failed; 2 malformed file or an action not enabled.")
    .action((file: string, flags: { json?: boolean }) => {
      const trace = parseTrace(readInput(file, readFileSync), file);
      const result = replayTrace(trace);
      const name = trace.configName ?? "custom";
      process.stdout.write((flags.json ? JSON.stringify(replayJson(file, name, result), null, 2) : replayText(file, result)) + "\n");
      setExit(replayExitCode(result));
    });
}
