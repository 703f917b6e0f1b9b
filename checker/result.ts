/** The result of a check, shared by every strategy. */

export type Verdict = "pass" | "violation" | "incomplete";
export type Strategy = "bfs" | "dfs";

/**
 * What cut a run short: a bound on states or depth, the time limit, the memory limit or an
 * allocation failure ("memory"), or the caller's `interrupted()`.
 */
export type IncompleteKind = "max-states" | "max-depth" | "time-limit" | "memory" | "interrupted";

/** The phase a progress report comes from: the search, then the phases after it. */
export type ProgressPhase = "search" | "witness paths" | "liveness" | "minimise";

/** One step of a trace: the action taken (null for the initial state) and the state it led to. */
export interface TraceStep<S, A> {
  readonly action: A | null;
  readonly state: S;
}

/** A path from an initial state: `steps[0]` is the initial state, then one step per action. */
export type Trace<S, A> = readonly TraceStep<S, A>[];

export interface Violation<S, A> {
  /** The invariant's name, the witness's name for an unreached witness, or the liveness property's. */
  readonly property: string;
  readonly kind: "invariant" | "witness-unreached" | "liveness";
  readonly message: string;
  /** Number of actions in `trace` (0 for an unreached witness; stem plus cycle for a lasso). */
  readonly length: number;
  readonly trace: Trace<S, A>;
  /** A lasso's shape; present exactly when `kind` is "liveness". */
  readonly lasso?: Lasso;
}

/**
 * A liveness counterexample: `trace` is the stem (its first `stemLength` actions) followed by
 * the cycle (`cycleLength` actions) that returns to `trace[stemLength].state`. A cycle of
 * length 0 stutters for ever in that state.
 */
export interface Lasso {
  /** The property's subject ("content=0", "txn=1"). */
  readonly subject: string;
  readonly stemLength: number;
  readonly cycleLength: number;
  /** Index in `trace` of the state where the cycle starts and ends (= stemLength). */
  readonly loopStart: number;
  /** Why the cycle is fair: one entry per weakly fair action instance, in the model's order. */
  readonly fairness: readonly FairnessEntry[];
}

/**
 * How the cycle treats one weakly fair instance: `taken`, the trace index of the first cycle
 * step that takes it (the step leading to `trace[taken]`); else `disabledAt`, the trace index
 * of the first cycle state in which it is disabled. Exactly one of the two is a number.
 */
export interface FairnessEntry {
  readonly instance: string;
  readonly taken: number | null;
  readonly disabledAt: number | null;
}

export type LivenessVerdict = "holds" | "violated" | "not-checked";

export interface LivenessPropertyResult {
  readonly name: string;
  readonly verdict: LivenessVerdict;
  /** The subjects for which a fair cycle keeps P false, in subject order. */
  readonly violators: readonly string[];
}

/** What the liveness phase did: every property's verdict, or why it was not checked. */
export interface LivenessReport {
  /** Null when checked; otherwise why not ("the run was cut short by --max-states"). */
  readonly notCheckedReason: string | null;
  readonly properties: readonly LivenessPropertyResult[];
  /** Transitions stored in the edge store (0 when not checked). */
  readonly transitions: number;
  /** Bytes of the edge store (compressed rows, targets and fair-instance ids) at its largest. */
  readonly edgeBytes: number;
  /** Time of the graph analysis after the search (SCCs and lassos), in ms. */
  readonly elapsedMs: number;
}

export interface WitnessResult {
  readonly name: string;
  readonly required: boolean;
  readonly reached: boolean;
  /** Length in actions of the shortest path found to it (BFS: the shortest there is). */
  readonly depth: number | null;
}

export interface CheckStats {
  /** Distinct states found (visited-set size). */
  readonly distinctStates: number;
  /** Successors computed (one per enabled action instance, self-loops included) plus initial states. */
  readonly generatedStates: number;
  /** BFS: the diameter, the longest shortest path in actions. DFS: the deepest stack, in actions. */
  readonly depth: number;
  readonly elapsedMs: number;
  /** Transitions computed per action family, every family listed (0 = never enabled). */
  readonly actions: Readonly<Record<string, number>>;
}

export interface CheckResult<S, A> extends CheckStats {
  readonly verdict: Verdict;
  /**
   * Why the run is incomplete, as a sentence ("max-states 5 reached", "interrupted"), or null.
   * Set whenever something cut the search or a phase after it short; the figures (distinct,
   * generated, depth, violations, witnesses) are then those found so far.
   */
  readonly incompleteReason: string | null;
  /** What cut the run short (null exactly when `incompleteReason` is). */
  readonly incompleteKind: IncompleteKind | null;
  /**
   * Phases not run, or not run to the end, because the run was cut short, each a sentence:
   * "depths of the witnesses with a path condition (W) not computed: the run was cut short".
   */
  readonly skipped: readonly string[];
  readonly strategy: Strategy;
  /** Violations in property order: with `all`, the shortest trace of every violated property. */
  readonly violations: readonly Violation<S, A>[];
  readonly witnesses: readonly WitnessResult[];
  /** How states are told apart, and the chance that two were taken for one. */
  readonly fingerprint: FingerprintInfo;
  /**
   * Symmetry the run reduced by (`symmetry` option), or null. With symmetry,
   * `distinctStates` counts orbits (states up to the symmetry), not states.
   */
  readonly symmetry: string | null;
  /** Threads that expanded states (1: the plain single-threaded search). */
  readonly workers: number;
  readonly memory: MemoryStats;
  /** Where the time went, when the run was asked to measure it (`timing`). */
  readonly timing: PhaseTimes | null;
  /** Liveness verdicts; null when the model declares no liveness. */
  readonly liveness: LivenessReport | null;
}

/**
 * `exact`: full keys, no collision possible. `hash64`: 64-bit fingerprints; the probability
 * that two of the distinct states found share one (so that one was never explored) is about
 * n²/2^65 for n states.
 */
export type FingerprintInfo =
  | { readonly kind: "exact"; readonly collisionProbability: 0 }
  | { readonly kind: "hash64"; readonly collisionProbability: number };

/** Memory of the per-state structures, which grow with the visited states. */
export interface MemoryStats {
  /** The visited set (fingerprint table), or null when not measurable (exact keys in a Map). */
  readonly visitedBytes: number | null;
  /** Parent index and action ordinal of every state, for traces. */
  readonly traceBytes: number;
  /** (visited + trace) / distinct states, or null with exact keys. */
  readonly bytesPerState: number | null;
}

/** Milliseconds spent in each phase of a BFS (`timing` option; costs a few percent). */
export interface PhaseTimes {
  /** Decoding queued states, computing enabled actions and successor states. */
  readonly transitionMs: number;
  /** Encoding (canonicalising under symmetry) and hashing successors, or building their keys. */
  readonly fingerprintMs: number;
  /** Looking fingerprints up and inserting them; recording parents and ordinals. */
  readonly visitedMs: number;
  /** Encoding new states into the next level's queue. */
  readonly queueMs: number;
  /** Checking invariants and witnesses on new states. */
  readonly propertiesMs: number;
  /** The shortest-path search of witnesses with a path condition, after the main search. */
  readonly pathWitnessMs: number;
}

export interface CheckOptions {
  readonly strategy?: Strategy;
  /** Keep going after the first violation and report the shortest trace of every violated property. */
  readonly all?: boolean;
  /** Stop (incomplete) once this many distinct states are stored. */
  readonly maxStates?: number;
  /** Do not expand states at this depth (incomplete if that leaves states unexplored). */
  readonly maxDepth?: number;
  /**
   * Tell states apart by full keys instead of 64-bit fingerprints (slower, more memory; for
   * cross-checking that fingerprints lost nothing).
   */
  readonly exact?: boolean;
  /** Explore one state per orbit of the model's symmetry (the model must have one). */
  readonly symmetry?: boolean;
  /**
   * Threads for BFS (default 1). More than 1 needs a model with `codec` and `source`, and
   * runs single-threaded anyway for DFS, `maxStates` and `exact`. Results do not depend on it.
   */
  readonly workers?: number;
  /**
   * With `workers` > 1: the level size from which worker threads share the work (default
   * 20,000; see parallel.ts for why). Changes nothing in the result.
   */
  readonly parallelMinLevel?: number;
  /**
   * Check the model's liveness properties (default true when it has some). Needs the whole
   * graph: a BFS that is cut short, stops at a safety violation (without `all`), runs DFS,
   * exact keys or symmetry reports liveness as not checked, with the reason.
   */
  readonly liveness?: boolean;
  /** Measure the time of each phase (`CheckResult.timing`). */
  readonly timing?: boolean;
  /** Called every `progressIntervalMs` (default 3000) during long runs, in every phase. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressIntervalMs?: number;
  /**
   * Stop (incomplete, kind "time-limit") once this many milliseconds have passed since the
   * run started. Bounds the phases after the search too: one that cannot finish is skipped.
   */
  readonly timeLimitMs?: number;
  /**
   * Stop (incomplete, kind "memory") when the process's memory (V8 heap in use plus array
   * buffers), read every 1024 expansions, exceeds this many bytes. No limit by default.
   */
  readonly maxMemoryBytes?: number;
  /**
   * Polled with the limits above (every 1024 expansions, and in every phase); true stops the
   * run at once (incomplete, kind "interrupted"), e.g. after a SIGINT.
   */
  readonly interrupted?: () => boolean;
}

export interface Progress {
  /** The phase running: the search, or one after it (its figures are then the search's final ones). */
  readonly phase: ProgressPhase;
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly statesPerSecond: number;
  readonly queue: number;
  readonly depth: number;
  readonly elapsedMs: number;
}
