/** `mirrorcheck check`: exhaustive check of a configuration. */
import { availableParallelism } from "node:os";
import { Command, Option } from "commander";
import { runCheck, type ConfigOverrides } from "../api/index.js";
import type { Progress } from "../checker/index.js";
import { DEFAULT_CONFIG_NAME } from "../configs/index.js";
import { ConfigError, MIRRORING, PLACEMENTS, SAFEGUARDS, SYNC_REP_RELOAD, type Safeguard } from "../model/index.js";
import { checkJson, checkText, num } from "../report/index.js";
import { EXIT } from "./exitCodes.js";
import { collectList, nonNegativeInteger, positiveInteger, integer } from "./parse.js";

interface CheckFlags {
  config: string;
  contents?: number;
  txns?: number;
  faults?: number;
  mirroring?: ConfigOverrides["mirroring"];
  hosts?: number;
  placement?: ConfigOverrides["placement"];
  syncRepReload?: ConfigOverrides["syncRepReload"];
  off: string[];
  strategy: "bfs" | "dfs";
  all?: boolean;
  maxStates?: number;
  maxDepth?: number;
  json?: boolean;
  progress: boolean;
  exact?: boolean;
  symmetry?: boolean;
  workers: number;
}

function progressLine(p: Progress): string {
  return `progress: ${num(p.distinctStates)} states, ${num(Math.round(p.statesPerSecond))} states/s, queue ${num(p.queue)}, depth ${p.depth}, ${(p.elapsedMs / 1000).toFixed(0)} s`;
}

function safeguards(names: readonly string[]): Safeguard[] {
  return names.map((n) => {
    const g = SAFEGUARDS.find((x) => x === n);
    if (g === undefined) throw new ConfigError(`unknown safeguard "${n}" for --off; known: ${SAFEGUARDS.join(", ")}`);
    return g;
  });
}

export function checkCommand(setExit: (code: number) => void): Command {
  return new Command("check")
    .description("explore every reachable state of a configuration and check every property")
    .option("--config <name>", "canonical configuration (see `mirrorcheck list`)", DEFAULT_CONFIG_NAME)
    .option("--contents <K>", "number of contents (1..8)", integer)
    .option("--txns <W>", "client transactions in the run (0..6)", integer)
    .option("--faults <F>", "fault budget (0..4)", integer)
    .addOption(new Option("--mirroring <mode>", "mirroring mode").choices(MIRRORING))
    .option("--hosts <H>", "number of hosts (contents must be a multiple)", positiveInteger)
    .addOption(new Option("--placement <kind>", "mirror placement with --hosts (default group)").choices(PLACEMENTS))
    .addOption(new Option("--sync-rep-reload <when>", "when a sync rep change takes effect").choices(SYNC_REP_RELOAD))
    .option("--off <safeguard>", "switch a safeguard off (repeatable, or comma-separated): a bug variant", collectList, [])
    .addOption(new Option("--strategy <s>", "search strategy").choices(["bfs", "dfs"]).default("bfs"))
    .option("--all", "keep going after the first violation: the shortest trace of every violated property")
    .option("--max-states <N>", "stop (incomplete, exit 3) after N distinct states", positiveInteger)
    .option("--max-depth <D>", "do not explore beyond D actions (incomplete, exit 3, if states lie beyond)", nonNegativeInteger)
    .option("--exact", "tell states apart by full keys instead of 64-bit fingerprints (slower; for cross-checks)")
    .option("--symmetry", "explore one state per orbit under permutations of the content ids (counts orbits; not with --hosts)")
    .addOption(
      new Option("--workers <N>", "threads for BFS (1 = single-threaded; results do not depend on it)")
        .argParser(positiveInteger)
        .default(availableParallelism(), "the number of cores"),
    )
    .option("--json", "print exactly one JSON object on stdout")
    .option("--no-progress", "no progress lines on stderr")
    .addHelpText(
      "after",
      "\nExit codes: 0 pass; 1 a property violated or an expected witness unreached; 2 bad input; 3 incomplete (a bound was hit).",
    )
    .action((flags: CheckFlags) => {
      const report = runCheck({
        config: flags.config,
        overrides: {
          contents: flags.contents,
          txns: flags.txns,
          faults: flags.faults,
          mirroring: flags.mirroring,
          hosts: flags.hosts,
          placement: flags.placement,
          syncRepReload: flags.syncRepReload,
          off: safeguards(flags.off),
        },
        options: {
          strategy: flags.strategy,
          all: flags.all === true,
          maxStates: flags.maxStates,
          maxDepth: flags.maxDepth,
          exact: flags.exact === true,
          symmetry: flags.symmetry === true,
          workers: flags.workers,
          ...(flags.progress ? { onProgress: (p: Progress) => process.stderr.write(progressLine(p) + "\n") } : {}),
        },
      });
      process.stdout.write((flags.json ? JSON.stringify(checkJson(report), null, 2) : checkText(report)) + "\n");
      const verdict = report.result.verdict;
      setExit(verdict === "pass" ? EXIT.pass : verdict === "incomplete" ? EXIT.incomplete : EXIT.violation);
    });
}
