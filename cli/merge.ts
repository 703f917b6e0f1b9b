/** `mirrorcheck merge RESULT.json...`: one result from the JSON results of several jobs (shards). */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { MergeInputError, mergeResults, mergeText, readResult, type MergedJson } from "../report/index.js";
import { UsageError } from "./errors.js";
import { EXIT } from "./exitCodes.js";
import { readInput } from "./files.js";

interface MergeFlags {
  json?: boolean;
  force?: boolean;
}

export function mergeCommand(setExit: (code: number) => void): Command {
  return new Command("merge")
    .description("combine JSON results of simulate (e.g. the shards of a CI matrix) or check: counts summed, first violation kept")
    .argument("<results...>", "files written by `mirrorcheck simulate --json` (or `check --json`)")
    .option("--json", "print exactly one JSON object on stdout")
    .option("--force", "merge results of different seeds, shard counts or configurations (with a warning saying what was mixed)")
    .addHelpText(
      "after",
      "\nExit codes: 0 no violation; 1 some result has a violation; 2 unreadable or malformed input, or results of different searches without --force; 3 a check was incomplete.",
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
      let merged: MergedJson;
      try {
        merged = mergeResults(inputs, { force: flags.force === true });
      } catch (e) {
        if (e instanceof MergeInputError) throw new UsageError(e.message);
        throw e;
      }
      for (const x of merged.mixed) process.stderr.write(`warning: merged results of different searches: ${x}\n`);
      process.stdout.write((flags.json ? JSON.stringify(merged, null, 2) : mergeText(merged)) + "\n");
      setExit(merged.result === "violation" ? EXIT.violation : merged.result === "incomplete" ? EXIT.incomplete : EXIT.pass);
    });
}
