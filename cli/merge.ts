/** `mirrorcheck merge RESULT.json...`: one result from the JSON results of several jobs (shards). */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { MergeInputError, mergeResults, mergeText, readResult } from "../report/index.js";
import { UsageError } from "./errors.js";
import { EXIT } from "./exitCodes.js";
import { readInput } from "./files.js";

interface MergeFlags {
  json?: boolean;
}

export function mergeCommand(setExit: (code: number) => void): Command {
  return new Command("merge")
    .description("combine JSON results of simulate (e.g. the shards of a CI matrix) or check: counts summed, first violation kept")
    .argument("<results...>", "files written by `mirrorcheck simulate --json` (or `check --json`)")
    .option("--json", "print exactly one JSON object on stdout")
    .addHelpText(
      "after",
      "\nExit codes: 0 no violation; 1 some result has a violation; 2 unreadable or malformed input; 3 a check was incomplete.",
    )
    .action((files: string[], flags: MergeFlags) => {
      const inputs = files.map((file) => {
        const text = readInput(file, readFileSync);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (e) {
          throw new UsageError(`${file}: not JSON (${e instanceof Error ? e.message : String(e)})`);
        }
        try {
          return readResult(file, json);
        } catch (e) {
          if (e instanceof MergeInputError) throw new UsageError(e.message);
          throw e;
        }
      });
      const merged = mergeResults(inputs);
      process.stdout.write((flags.json ? JSON.stringify(merged, null, 2) : mergeText(merged)) + "\n");
      setExit(merged.result === "violation" ? EXIT.violation : merged.result === "incomplete" ? EXIT.incomplete : EXIT.pass);
    });
}
