/**
 * The JSON form of a random search (`mirrorcheck simulate --json`): the shape of `check
 * --json` (config, result, violations, witnesses, actions, expected ...) with the fields of a
 * random search added (runs, steps, seed, seeds, shard, situations). `mirrorcheck merge`
 * reads it back. With the same seed the object is the same, byte for byte: `elapsedMs` and
 * `stepsPerSecond` are null unless timing was asked for.
 */
import type { SimulateReport } from "../api/index.js";
import { LIVENESS_PROPERTIES } from "../properties/index.js";
import { configJson, type CheckJson, type ConfigJson } from "./json.js";
import { replayCommand, traceFileText, traceStrings } from "./simulateText.js";

export interface SimulateViolationJson {
  readonly property: string;
  readonly kind: "invariant";
  readonly message: string;
  /** Actions in `trace`, the counterexample as shrunk and minimised. */
  readonly length: number;
  /** The actions in trace-file syntax. */
  readonly trace: readonly string[];
  /** Actions up to the violation on the walk as generated, after fast-check's shrinking, after minimisation. */
  readonly walkLength: number;
  readonly shrunkLength: number;
  readonly minimisedLength: number;
  /** The shortest counterexample of this property BFS finds (canonical configurations only). */
  readonly bfsShortest: number | null;
  readonly faults: number;
  /** Milliseconds spent shrinking and minimising (only with timing; elapsedMs minus this is the time to find it). */
  readonly shrinkMs: number | null;
  /** The run that found it (0-based), its seed, fast-check's path and the command that replays it. */
  readonly run: number;
  readonly seed: number;
  readonly path: string;
  readonly replay: string;
  /** The counterexample as a trace file (`mirrorcheck replay` reproduces it). */
  readonly traceFile: string;
}

export interface SimulateJson {
  readonly config: ConfigJson;
  readonly result: "pass" | "violation";
  /** Why fewer runs than asked were made without a violation (the time limit), else null. */
  readonly incompleteReason: string | null;
  readonly strategy: "random";
  /** Distinct states the walks visited (by 52-bit hash). */
  readonly distinctStates: number | null;
  /** States computed: one per step, plus each walk's initial state. */
  readonly generatedStates: number;
  /** The depth bound: the most actions a walk takes. */
  readonly depth: number;
  /** Only with timing (else null, so that the same seed gives the same bytes): all of it, shrinking included. */
  readonly elapsedMs: number | null;
  /** Only with timing: steps of the search per second, shrinking excluded. */
  readonly stepsPerSecond: number | null;
  readonly fingerprint: { readonly kind: "hash52"; readonly collisionProbability: number };
  readonly runs: number;
  readonly runsRequested: number;
  readonly steps: number;
  readonly deadlocks: number;
  /** The base seed (`--seed`). */
  readonly seed: number;
  /**
   * The runs this result made: global runs offset + k*stride of the base seed, k < count; run k's
   * fast-check seed is a bijection of start + k*stride (mod 2^31). `merge` checks disjointness with it.
   */
  readonly seeds: {
    readonly base: number;
    readonly offset: number;
    readonly stride: number;
    readonly start: number;
    readonly count: number;
  };
  /** The walk replayed (`--seed S --path P`), or null. */
  readonly replay: { readonly seed: number; readonly path: string } | null;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly timeLimitMs: number | null;
  readonly violations: readonly SimulateViolationJson[];
  /** check's shape, never checked: walks check safety only, liveness needs the whole graph. */
  readonly liveness: CheckJson["liveness"];
  readonly witnesses: Readonly<Record<string, { readonly reached: boolean; readonly depth: number | null; readonly required: boolean }>>;
  readonly actions: Readonly<Record<string, number>>;
  readonly situations: Readonly<Record<string, number>>;
  readonly expected: { readonly matches: boolean; readonly differences: readonly string[] } | null;
}

export interface SimulateJsonOptions {
  /** Fill in elapsedMs and stepsPerSecond (the output then differs from run to run). */
  readonly timing?: boolean;
}

/** Why simulate reports no liveness verdict. */
export const SAFETY_ONLY = "random walks check safety only; liveness needs the whole graph (mirrorcheck check)";

/** Steps per second of the search itself (shrinking excluded). */
function stepsPerSecond(report: SimulateReport): number {
  const r = report.result;
  const ms = r.elapsedMs - (r.violation?.shrinkMs ?? 0);
  return Math.round(ms > 0 ? (r.steps * 1000) / ms : 0);
}

export function simulateJson(report: SimulateReport, options: SimulateJsonOptions = {}): SimulateJson {
  const r = report.result;
  const v = r.violation;
  const n = r.distinctStates ?? 0;
  return {
    config: configJson(report.name, report.config),
    result: r.verdict,
    incompleteReason:
      r.interrupted && v === null ? `time limit reached after ${r.runs} of ${r.runsRequested} runs` : null,
    strategy: "random",
    distinctStates: r.distinctStates,
    generatedStates: r.steps + r.runs,
    depth: report.depth,
    elapsedMs: options.timing === true ? Math.round(r.elapsedMs) : null,
    stepsPerSecond: options.timing === true ? stepsPerSecond(report) : null,
    fingerprint: { kind: "hash52", collisionProbability: Math.min(1, (n * n) / 2 ** 53) },
    runs: r.runs,
    runsRequested: r.runsRequested,
    steps: r.steps,
    deadlocks: r.deadlocks,
    seed: report.seeds.base,
    seeds: { ...report.seeds, count: r.runs },
    replay: report.replay,
    shard: report.shard,
    timeLimitMs: report.timeLimitMs,
    liveness: {
      checked: false,
      notCheckedReason: SAFETY_ONLY,
      properties: Object.fromEntries(LIVENESS_PROPERTIES.map((p) => [p.name, { verdict: "not-checked" as const, violators: [] }])),
    },
    violations:
      v === null
        ? []
        : [
            {
              property: v.property,
              kind: v.kind,
              message: v.message,
              length: v.length,
              trace: traceStrings(report),
              walkLength: v.walkLength,
              shrunkLength: v.shrunkLength,
              minimisedLength: v.minimisedLength,
              bfsShortest: report.bfsShortest,
              faults: v.faults,
              shrinkMs: options.timing === true ? Math.round(v.shrinkMs) : null,
              run: v.run,
              seed: v.runSeed,
              path: v.path,
              replay: replayCommand(report),
              traceFile: traceFileText(report),
            },
          ],
    witnesses: Object.fromEntries(r.witnesses.map((w) => [w.name, { reached: w.reached, depth: w.depth, required: w.required }])),
    actions: r.actions,
    situations: report.situations,
    expected: report.expectation,
  };
}
