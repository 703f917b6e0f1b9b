/**
 * The what-if options of `replay` and `diff`: other rules than the trace's config line names
 * (docs/trace-format.md, "What-ifs"). Names are checked by trace/'s `applyOverrides`.
 */
import { Command, Option } from "commander";
import { SYNC_REP_RELOAD } from "../model/index.js";
import type { RuleOverrides } from "../trace/index.js";
import { collectList } from "./parse.js";

export interface WhatIfFlags {
  on: string[];
  off: string[];
  syncRepReload?: string;
}

export function addWhatIfOptions(cmd: Command): Command {
  return cmd
    .option("--off <safeguard>", "what-if: replay with this safeguard off (repeatable, or comma-separated)", collectList, [])
    .option("--on <safeguard>", "what-if: replay with this safeguard on (repeatable, or comma-separated)", collectList, [])
    .addOption(new Option("--sync-rep-reload <when>", "what-if: replay with this sync rep reload").choices(SYNC_REP_RELOAD));
}

export function rulesFrom(flags: WhatIfFlags): RuleOverrides {
  return { on: flags.on, off: flags.off, ...(flags.syncRepReload === undefined ? {} : { syncRepReload: flags.syncRepReload }) };
}
