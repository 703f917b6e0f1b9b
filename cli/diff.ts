/**
 * `mirrorcheck diff A B`: two traces replayed and compared step by step; `mirrorcheck diff A
 * --on X` (or --off, --sync-rep-reload): one trace compared with its own replay under other
 * rules. Exit 0 same, 1 different, 2 bad input.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { diffJson, diffText } from "../report/index.js";
import { diffTraces, diffWhatIf, hasOverrides, type ParseOptions } from "../trace/index.js";
import { traceParseOptions } from "./replay.js";
import { UsageError } from "./errors.js";
import { escapeControlsKeepLines } from "./escape.js";
import { EXIT } from "./exitCodes.js";
import { readInput } from "./files.js";
import { writeStdout } from "./stdout.js";
import { addWhatIfOptions, rulesFrom, type WhatIfFlags } from "./whatIfOptions.js";

interface DiffFlags extends WhatIfFlags {
  json?: boolean;
}

export function diffCommand(setExit: (code: number) => void): Command {
  return addWhatIfOptions(
    new Command("diff")
      .description("compare two traces step by step, or one trace with its replay under other rules (--on/--off/--sync-rep-reload)")
      .argument("<a>", "a .trace file or an ITF JSON trace")
      .argument("[b]", "the trace to compare it with (leave out with --on, --off or --sync-rep-reload)"),
  )
    .option("--json", "print exactly one JSON object on stdout")
    .addHelpText(
      "after",
      [
        "",
        "Both traces are replayed; the states after each step are compared. The report names the first step after which",
        "the states differ (and the fields that differ), the first step whose actions differ, and the lengths. A replay",
        "that stops (an action not enabled) is compared as far as it went. With one trace and --on/--off/--sync-rep-reload,",
        "B is the same trace under those rules, and expectations that changed outcome count as a difference.",
        "Exit codes: 0 the same; 1 different; 2 bad input (a malformed or unreadable file, an unknown safeguard, two traces",
        "and what-if options together, or neither).",
      ].join("\n"),
    )
    .action(async (a: string, b: string | undefined, flags: DiffFlags) => {
      const rules = rulesFrom(flags);
      const whatIf = hasOverrides(rules);
      if (b !== undefined && whatIf) throw new UsageError("diff takes a second trace or --on/--off/--sync-rep-reload, not both");
      if (b === undefined && !whatIf) throw new UsageError("diff needs a second trace, or --on/--off/--sync-rep-reload to compare one trace under other rules");
      // Each trace is read under the proposal its config line names (variant=PATH), if any.
      const side = async (file: string): Promise<{ file: string; text: string; parse: ParseOptions }> => {
        const text = readInput(file, readFileSync);
        return { file, text, parse: await traceParseOptions(file, text) };
      };
      const sa = await side(a);
      const d = b === undefined ? diffWhatIf(a, sa.text, rules, sa.parse) : diffTraces(sa, await side(b));
      writeStdout((flags.json ? JSON.stringify(diffJson(d), null, 2) : escapeControlsKeepLines(diffText(d))) + "\n");
      setExit(d.same ? EXIT.pass : EXIT.violation);
    });
}
