/** `mirrorcheck history`: is a cluster's gp_configuration_history a run of the model? */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import {
  checkHistoryRows,
  historyFileSource,
  historyJson,
  historyText,
  parseSegmentConfiguration,
  rulesOf,
  WITNESS_ROW_LIMIT,
} from "../cluster/index.js";
import { type Safeguard, parseSafeguard } from "../model/index.js";
import { UsageError } from "./errors.js";
import { EXIT } from "./exitCodes.js";
import { readInput, writeOutput } from "./files.js";
import { collectList } from "./parse.js";

interface HistoryFlags {
  config: string;
  history: string;
  rules: string;
  off: string[];
  witnessDir?: string;
  json?: boolean;
}

function safeguards(names: readonly string[]): Safeguard[] {
  return names.map((n) => parseSafeguard(n, "--off"));
}

export function historyCommand(setExit: (code: number) => void): Command {
  return new Command("history")
    .description("check that a cluster's gp_configuration_history is a run of the model, content by content")
    .requiredOption("--config <file>", "CSV export of gp_segment_configuration (dbids, contents, preferred roles)")
    .requiredOption("--history <file>", "CSV export of gp_configuration_history (time, dbid, desc), in time order")
    .option("--rules <name>", "take the protocol rules (sync-rep reload, safeguards off) of this canonical configuration", "as-implemented")
    .option("--off <safeguard>", "switch a further safeguard off (repeatable, or comma-separated)", collectList, [])
    .option("--witness-dir <dir>", "write a witness trace per consistent content into this directory")
    .option("--json", "print exactly one JSON object on stdout")
    .addHelpText(
      "after",
      "\nExit codes: 0 consistent; 1 some content's rows are no run of the model; 2 unreadable input.",
    )
    .action((flags: HistoryFlags) => {
      const rules = rulesOf(flags.rules, safeguards(flags.off));
      const cfg = parseSegmentConfiguration(readInput(flags.config, readFileSync), flags.config);
      // Read row by row (cluster/historyStream.ts), never whole; one byte read here gives readInput's one-line errors.
      readInput(flags.history, (path) => {
        const fd = openSync(path, "r");
        try {
          readSync(fd, Buffer.alloc(1), 0, 1, null);
        } finally {
          closeSync(fd);
        }
        return "";
      });
      const withDir = flags.witnessDir !== undefined;
      const result = checkHistoryRows(cfg, historyFileSource(flags.history), rules, {
        witnessRowLimit: WITNESS_ROW_LIMIT,
        onWitnessLimit: () => {
          if (withDir) {
            throw new UsageError(
              `--witness-dir: ${flags.history} has more than ${WITNESS_ROW_LIMIT.toLocaleString("en-US")} rows, too many to keep every content's witness in memory; run without --witness-dir to check it`,
            );
          }
        },
      });
      const written = new Map<number, string>();
      if (flags.witnessDir !== undefined) {
        const dir = flags.witnessDir;
        try {
          mkdirSync(dir, { recursive: true });
        } catch (e) {
          throw new UsageError(`cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
        for (const c of result.contents) {
          if (c.witness === null) continue;
          const path = join(dir, c.witness.fileName);
          writeOutput(path, c.witness.text, writeFileSync);
          written.set(c.content, path);
        }
      }
      process.stdout.write((flags.json ? JSON.stringify(historyJson(result, written), null, 2) : historyText(result, written)) + "\n");
      setExit(result.verdict === "consistent" ? EXIT.pass : EXIT.violation);
    });
}
