/** `mirrorcheck check`: exhaustive check of a configuration. */
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Command, Option } from "commander";
import { runCheck, type CheckReport } from "../api/index.js";
import type { Progress } from "../checker/index.js";
import {
  checkJson,
  checkText,
  counterexampleItf,
  counterexampleTrace,
  htmlInputFromViolation,
  htmlReport,
  num,
} from "../report/index.js";
import { addConfigOptions, overridesFrom, type ConfigFlags } from "./configOptions.js";
import { EXIT } from "./exitCodes.js";
import { writeOutput } from "./files.js";
import { nonNegativeInteger, positiveInteger } from "./parse.js";

interface CheckFlags extends ConfigFlags {
  strategy: "bfs" | "dfs";
  all?: boolean;
  maxStates?: number;
  maxDepth?: number;
  json?: boolean;
  progress: boolean;
  exact?: boolean;
  symmetry?: boolean;
  workers: number;
  coverage?: boolean;
  traceOut?: string;
  itf?: string;
  html?: string;
  liveness: boolean;
}

function progressLine(p: Progress): string {
  return `progress: ${num(p.distinctStates)} states, ${num(Math.round(p.statesPerSecond))} states/s, queue ${num(p.queue)}, depth ${p.depth}, ${(p.elapsedMs / 1000).toFixed(0)} s`;
}

/**
 * The file for the k-th of n counterexamples: FILE itself when there is one, otherwise the
 * property's name inserted before the extension (cex.trace → cex.NoLostAckedCommit.trace).
 */
export function outputPath(file: string, property: string, n: number): string {
  if (n <= 1) return file;
  const m = /^(.*?)((?:\.itf)?\.[^./]+)$/.exec(file);
  return m === null ? `${file}.${property}` : `${m[1]}.${property}${m[2]}`;
}

/** Writes the counterexamples where --trace-out, --itf and --html ask; returns the trace files written. */
function writeCounterexamples(report: CheckReport, flags: CheckFlags): string[] {
  const violations = report.result.violations.filter((v) => v.kind === "invariant" || v.kind === "liveness");
  const written: string[] = [];
  for (const v of violations) {
    if (flags.traceOut !== undefined) {
      const path = outputPath(flags.traceOut, v.property, violations.length);
      writeOutput(path, counterexampleTrace(report.name, report.config, v), writeFileSync);
      written.push(path);
    }
    if (flags.itf !== undefined) {
      const itf = counterexampleItf(report.name, report.config, v);
      writeOutput(outputPath(flags.itf, v.property, violations.length), JSON.stringify(itf, null, 1) + "\n", writeFileSync);
    }
    if (flags.html !== undefined) {
      const tracePath = flags.traceOut === undefined ? undefined : outputPath(flags.traceOut, v.property, violations.length);
      const input = htmlInputFromViolation(report.name, report.config, v, {
        ...(tracePath === undefined ? {} : { replayCommand: `mirrorcheck replay ${tracePath}` }),
      });
      writeOutput(outputPath(flags.html, v.property, violations.length), htmlReport(input), writeFileSync);
    }
  }
  return written;
}

export function checkCommand(setExit: (code: number) => void): Command {
  return addConfigOptions(new Command("check").description("explore every reachable state of a configuration and check every property"))
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
    .option(
      "--no-liveness",
      "skip the liveness properties (checked by default whenever the whole graph is explored; not with --symmetry, --exact, DFS or bounds)",
    )
    .option("--coverage", "count Greenplum situations over the states and transitions (runs on one worker)")
    .option("--trace-out <file>", "write the counterexample as a trace file (with --all, one file per property)")
    .option("--itf <file>", "write the counterexample as an ITF JSON trace")
    .option("--html <file>", "write the counterexample as a self-contained HTML report")
    .option("--json", "print exactly one JSON object on stdout")
    .option("--no-progress", "no progress lines on stderr")
    .addHelpText(
      "after",
      "\nExit codes: 0 pass; 1 a property violated or an expected witness unreached; 2 bad input; 3 incomplete (a bound was hit).",
    )
    .action((flags: CheckFlags) => {
      const report = runCheck({
        config: flags.config,
        overrides: overridesFrom(flags),
        coverage: flags.coverage === true,
        options: {
          strategy: flags.strategy,
          all: flags.all === true,
          maxStates: flags.maxStates,
          maxDepth: flags.maxDepth,
          exact: flags.exact === true,
          symmetry: flags.symmetry === true,
          workers: flags.workers,
          liveness: flags.liveness,
          ...(flags.progress ? { onProgress: (p: Progress) => process.stderr.write(progressLine(p) + "\n") } : {}),
        },
      });
      const traceFiles = writeCounterexamples(report, flags);
      process.stdout.write((flags.json ? JSON.stringify(checkJson(report), null, 2) : checkText(report, { traceFiles })) + "\n");
      const verdict = report.result.verdict;
      setExit(verdict === "pass" ? EXIT.pass : verdict === "incomplete" ? EXIT.incomplete : EXIT.violation);
    });
}
