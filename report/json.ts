/**
 * The JSON form of a check (`mirrorcheck check --json`): exactly one object, whose traces
 * list actions in trace-file syntax (docs/trace-format.md).
 */
import type { CheckReport } from "../api/index.js";
import type { LivenessReport, LivenessVerdict } from "../checker/index.js";
import { formatAction, SAFEGUARDS, type Config } from "../model/index.js";

export interface ConfigJson {
  readonly name: string;
  readonly contents: number;
  readonly txns: number;
  readonly faults: number;
  readonly mirroring: string;
  readonly hosts: number | null;
  readonly placement: string | null;
  readonly syncRepReload: string;
  readonly off: readonly string[];
  /** The proposal that changed the rules (docs/variants.md); absent for the built-in model. */
  readonly variant?: { readonly name: string; readonly file: string };
}

export interface CheckJson {
  readonly config: ConfigJson;
  readonly result: "pass" | "violation" | "incomplete";
  readonly incompleteReason: string | null;
  /** What stopped an incomplete run: max-states, max-depth, time-limit, memory or interrupted. */
  readonly incompleteKind: string | null;
  /** Phases not run (each a sentence), e.g. after a run was cut short. */
  readonly skipped: readonly string[];
  readonly strategy: string;
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly depth: number;
  readonly elapsedMs: number;
  /** exact: full keys; hash64: 64-bit fingerprints, with the probability (~n²/2^65) that two states collided. */
  readonly fingerprint: { readonly kind: string; readonly collisionProbability: number };
  /** null: distinctStates counts states; otherwise it counts orbits under this symmetry. */
  readonly symmetry: { readonly group: string; readonly distinctStatesCount: "orbits" } | null;
  /** Threads that expanded states. */
  readonly workers: number;
  /** Memory of the per-state structures (visited set, parents and ordinals for traces). */
  readonly memory: { readonly visitedBytes: number | null; readonly traceBytes: number; readonly bytesPerState: number | null };
  readonly violations: readonly {
    readonly property: string;
    readonly kind: string;
    readonly message: string;
    readonly length: number;
    readonly trace: readonly string[];
    /** Stage two: the trace minimised by replay (invariant violations only). */
    readonly minimisedLength?: number;
    readonly minimisedFaults?: number;
    /**
     * Liveness violations (kind "liveness") only: a lasso. `trace` is the stem (its first
     * `stemLength` actions) then the cycle (`cycleLength` actions), which returns to the state
     * after action `loopStart` (0: the initial state) and repeats for ever; an empty cycle
     * stutters there. `subject` is the property's content or txn ("content=0", "txn=1").
     */
    readonly subject?: string;
    readonly stemLength?: number;
    readonly cycleLength?: number;
    readonly loopStart?: number;
    /**
     * Why the cycle is fair, one entry per weakly fair action instance: `taken`, the number of
     * the first cycle action that takes it, else `disabledAt`, the number of the action after
     * which it is disabled in a cycle state (loopStart: in the loop state).
     */
    readonly fairness?: readonly { readonly instance: string; readonly taken: number | null; readonly disabledAt: number | null }[];
  }[];
  /**
   * Liveness verdicts (docs/protocol.md section 5); null when the model declares no liveness.
   * `checked` false with `notCheckedReason` when the run could not analyse the whole graph
   * (then every property's verdict is "not-checked"). `properties` has every liveness
   * property, in checking order as object keys: its verdict and the subjects that violate it.
   */
  readonly liveness: {
    readonly checked: boolean;
    readonly notCheckedReason: string | null;
    readonly properties: Readonly<Record<string, { readonly verdict: LivenessVerdict; readonly violators: readonly string[] }>>;
  } | null;
  readonly witnesses: Readonly<Record<string, { readonly reached: boolean; readonly depth: number | null; readonly required: boolean }>>;
  readonly actions: Readonly<Record<string, number>>;
  /** Greenplum situations over states and transitions, with --coverage; else null. */
  readonly situations: Readonly<Record<string, number>> | null;
  readonly expected: { readonly matches: boolean; readonly differences: readonly string[] } | null;
}

export function configJson(name: string, cfg: Config): ConfigJson {
  return {
    name,
    contents: cfg.contents,
    txns: cfg.txns,
    faults: cfg.faults,
    mirroring: cfg.mirroring,
    hosts: cfg.hosts?.count ?? null,
    placement: cfg.hosts?.placement ?? null,
    syncRepReload: cfg.syncRepReload,
    off: SAFEGUARDS.filter((g) => !cfg.safeguards[g]),
    ...(cfg.variant ? { variant: { name: cfg.variant.name, file: cfg.variant.file } } : {}),
  };
}

export function checkJson(report: CheckReport): CheckJson {
  const r = report.result;
  return {
    config: configJson(report.name, report.config),
    result: r.verdict,
    incompleteReason: r.incompleteReason,
    incompleteKind: r.incompleteKind,
    skipped: r.skipped,
    strategy: r.strategy,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    elapsedMs: Math.round(r.elapsedMs),
    fingerprint: { kind: r.fingerprint.kind, collisionProbability: r.fingerprint.collisionProbability },
    symmetry: r.symmetry === null ? null : { group: r.symmetry, distinctStatesCount: "orbits" },
    workers: r.workers,
    memory: {
      visitedBytes: r.memory.visitedBytes,
      traceBytes: r.memory.traceBytes,
      bytesPerState: r.memory.bytesPerState === null ? null : Math.round(r.memory.bytesPerState * 100) / 100,
    },
    violations: r.violations.map((v, k) => ({
      property: v.property,
      kind: v.kind,
      message: v.message,
      length: v.length,
      trace: v.trace.slice(1).map((step) => (step.action === null ? "" : formatAction(step.action.action))),
      ...(report.minimised[k] === undefined || v.kind !== "invariant"
        ? {}
        : { minimisedLength: report.minimised[k].length, minimisedFaults: report.minimised[k].faults }),
      ...(v.lasso === undefined
        ? {}
        : {
            subject: v.lasso.subject,
            stemLength: v.lasso.stemLength,
            cycleLength: v.lasso.cycleLength,
            loopStart: v.lasso.loopStart,
            fairness: v.lasso.fairness.map((e) => ({ instance: e.instance, taken: e.taken, disabledAt: e.disabledAt })),
          }),
    })),
    liveness: livenessJson(r.liveness),
    witnesses: Object.fromEntries(
      r.witnesses.map((w) => [w.name, { reached: w.reached, depth: w.depth, required: w.required }]),
    ),
    actions: r.actions,
    expected: report.expectation,
    situations: report.situations,
  };
}

function livenessJson(l: LivenessReport | null): CheckJson["liveness"] {
  if (l === null) return null;
  const checked = l.notCheckedReason === null;
  return {
    checked,
    notCheckedReason: l.notCheckedReason,
    properties: Object.fromEntries(
      l.properties.map((p) => [p.name, { verdict: checked ? p.verdict : "not-checked", violators: checked ? p.violators : [] }]),
    ),
  };
}
