/** The result of a check, shared by every strategy. */

export type Verdict = "pass" | "violation" | "incomplete";
export type Strategy = "bfs" | "dfs";

/** One step of a trace: the action taken (null for the initial state) and the state it led to. */
export interface TraceStep<S, A> {
  readonly action: A | null;
  readonly state: S;
}

/** A path from an initial state: `steps[0]` is the initial state, then one step per action. */
export type Trace<S, A> = readonly TraceStep<S, A>[];

export interface Violation<S, A> {
  /** The invariant's name, or the witness's name for an unreached witness. */
  readonly property: string;
  readonly kind: "invariant" | "witness-unreached";
  readonly message: string;
  /** Number of actions in `trace` (0 for an unreached witness). */
  readonly length: number;
  readonly trace: Trace<S, A>;
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
  /** Why the run is incomplete (bound hit), when it is. */
  readonly incompleteReason: string | null;
  readonly strategy: Strategy;
  /** Violations in property order: with `all`, the shortest trace of every violated property. */
  readonly violations: readonly Violation<S, A>[];
  readonly witnesses: readonly WitnessResult[];
  /** How states are told apart: exact keys never collide. */
  readonly fingerprint: { readonly kind: "exact" };
}

export interface CheckOptions {
  readonly strategy?: Strategy;
  /** Keep going after the first violation and report the shortest trace of every violated property. */
  readonly all?: boolean;
  /** Stop (incomplete) once this many distinct states are stored. */
  readonly maxStates?: number;
  /** Do not expand states at this depth (incomplete if that leaves states unexplored). */
  readonly maxDepth?: number;
  /** Called every `progressIntervalMs` (default 3000) during long runs. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressIntervalMs?: number;
}

export interface Progress {
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly statesPerSecond: number;
  readonly queue: number;
  readonly depth: number;
  readonly elapsedMs: number;
}
