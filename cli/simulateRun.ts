/**
 * One `simulate` run, from its flags to the text it prints: what the search thread does
 * (searchWorker.ts). Output is byte for byte what `simulate` printed before it ran in a
 * worker, except when a signal stopped it (then the verdict is incomplete, not pass).
 */
import { writeFileSync } from "node:fs";
import { parseShard, runSimulate, type SimulateReport } from "../api/index.js";
import type { RandomProgress } from "../checker/index.js";
import { num, simulateJson, simulateText, timingLine, traceFileText } from "../report/index.js";
import { overridesFrom } from "./configOptions.js";
import { UsageError } from "./errors.js";
import { EXIT } from "./exitCodes.js";
import { writeOutputOrWarn } from "./files.js";
import type { VariantRef } from "../model/index.js";
import { variantPathFrom } from "./variantFile.js";
import type { ProgressFigures, SearchOutcome } from "./searchProtocol.js";
import type { SimulateFlags } from "./simulateFlags.js";

export function simulateProgressLine(p: RandomProgress): string {
  return `progress: ${num(p.runs)} walks, ${num(p.steps)} steps, ${num(Math.round(p.stepsPerSecond))} steps/s, ${(p.elapsedMs / 1000).toFixed(0)} s`;
}

export function simulateProgressFigures(p: RandomProgress): ProgressFigures {
  return { count: p.runs, depth: null, elapsedMs: p.elapsedMs };
}

/** fast-check's path syntax: the run, then shrink steps (0:1:4). */
export const PATH_SYNTAX = /^\d+(:\d+)*$/;

/** Why a signal, not the runs or the time limit, ended a search without a violation. */
function interruptedReason(report: SimulateReport, signal: string): string {
  const r = report.result;
  return `interrupted (${signal}) after ${num(r.runs)} of ${num(r.runsRequested)} walks`;
}

/**
 * The report of a search a signal stopped: incomplete, not pass, since the walks asked for
 * were not all run. The reports in report/ know only the time limit's wording, so the verdict
 * line (text) and fields (JSON) are replaced here.
 */
function interruptedOutput(report: SimulateReport, flags: SimulateFlags, signal: string): string {
  const timing = flags.timing === true;
  const reason = interruptedReason(report, signal);
  if (flags.json) {
    const json = { ...simulateJson(report, { timing }), result: "incomplete", incompleteReason: reason };
    return JSON.stringify(json, null, 2);
  }
  const r = report.result;
  const distinct = r.distinctStates === null ? "" : `, ${num(r.distinctStates)} distinct states`;
  const line = `INCOMPLETE  ${reason}: ${num(r.steps)} steps${distinct}; no violation found in the walks run`;
  return simulateText(report, { timing })
    .split("\n")
    .map((l) => (l.startsWith("PASS  ") ? line : l))
    .join("\n");
}

export function simulateOutcome(
  flags: SimulateFlags,
  interruptedBy: () => string | null,
  onProgress: (p: RandomProgress) => void,
  variant: VariantRef | null = null,
): SearchOutcome {
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const replay = flags.path !== undefined && flags.seed !== undefined ? { seed: flags.seed, path: flags.path } : undefined;
  let report: SimulateReport;
  try {
    report = runSimulate({
      variant,
      config: flags.config,
      overrides: overridesFrom(flags),
      options: {
        runs: flags.runs,
        depth: flags.depth,
        seed: flags.seed,
        timeLimitMs: flags.timeLimit === undefined ? undefined : flags.timeLimit * 1000,
        shard,
        ...(replay === undefined ? {} : { replay }),
        shrink: flags.shrink,
        minimise: flags.shrink,
        interrupted: () => interruptedBy() !== null,
        onProgress,
      },
    });
  } catch (e) {
    // fast-check refuses a path that leaves its shrink tree: the user's path, not a defect.
    if (replay !== undefined && e instanceof Error && /^Unable to replay/.test(e.message)) {
      throw new UsageError(`--path ${replay.path} does not fit the walks of seed ${replay.seed} at depth ${flags.depth}: use the --seed, --depth and --path a report printed`);
    }
    throw e;
  }
  // A path past the end of the shrink tree runs no walk at all: fast-check says nothing.
  if (replay !== undefined && report.result.violation === null && report.result.steps === 0 && report.result.distinctStates === 0) {
    throw new UsageError(`--path ${replay.path} does not fit the walks of seed ${replay.seed} at depth ${flags.depth}: it names no walk (use the --seed, --depth and --path a report printed)`);
  }
  const warnings: string[] = [];
  if (flags.trace !== undefined && report.result.violation !== null) {
    const variantPath = variant === null ? undefined : variantPathFrom(flags.trace, variant);
    const w = writeOutputOrWarn(flags.trace, traceFileText(report, { variantPath }), writeFileSync);
    if (w !== null) warnings.push(w);
  }
  // Stopped by a signal only if walks were left to run: one that came after the last walk stopped nothing.
  const r = report.result;
  const signal = r.violation === null && r.runs < r.runsRequested ? interruptedBy() : null;
  const timing = flags.timing === true;
  const stdout =
    (signal !== null
      ? interruptedOutput(report, flags, signal)
      : flags.json
        ? JSON.stringify(simulateJson(report, { timing }), null, 2)
        : simulateText(report, { timing })) + "\n";
  if (flags.progress) warnings.push(timingLine(report));
  const exitCode = report.result.verdict === "violation" ? EXIT.violation : signal !== null ? EXIT.incomplete : EXIT.pass;
  return { stdout, warnings, exitCode };
}
