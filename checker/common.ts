/** Pieces shared by the search strategies: option checks, counters, property tracking, results. */
import { isOutOfMemoryError } from "./alloc.js";
import { RunBudget, type Stop } from "./budget.js";
import type { Invariant, Model, Witness } from "./model.js";
import { pathWitnessDepth, PATH_SEARCH_STOPPED } from "./pathWitness.js";
import type {
  CheckOptions,
  CheckResult,
  LivenessReport,
  Progress,
  ProgressPhase,
  Strategy,
  Violation,
  WitnessResult,
} from "./result.js";
import type { StateTable } from "./stateTable.js";
import { rebuildTrace } from "./trace.js";
import type { VisitedSet } from "./visited.js";

/** Throws a RangeError (one line) on a bad option value. */
export function validateOptions(options: CheckOptions): void {
  const { strategy, maxStates, maxDepth, progressIntervalMs } = options;
  if (strategy !== undefined && strategy !== "bfs" && strategy !== "dfs") {
    throw new RangeError(`strategy must be "bfs" or "dfs", got ${JSON.stringify(strategy)}`);
  }
  if (maxStates !== undefined && !(Number.isSafeInteger(maxStates) && maxStates >= 1)) {
    throw new RangeError(`maxStates must be a positive integer, got ${String(maxStates)}`);
  }
  if (maxDepth !== undefined && !(Number.isSafeInteger(maxDepth) && maxDepth >= 0)) {
    throw new RangeError(`maxDepth must be a non-negative integer, got ${String(maxDepth)}`);
  }
  if (
    progressIntervalMs !== undefined &&
    !(typeof progressIntervalMs === "number" && Number.isFinite(progressIntervalMs) && progressIntervalMs >= 0)
  ) {
    throw new RangeError(`progressIntervalMs must be a non-negative number, got ${String(progressIntervalMs)}`);
  }
  const { timeLimitMs, maxMemoryBytes, interrupted } = options;
  if (timeLimitMs !== undefined && !(typeof timeLimitMs === "number" && Number.isFinite(timeLimitMs) && timeLimitMs > 0)) {
    throw new RangeError(`timeLimitMs must be a positive number of milliseconds, got ${String(timeLimitMs)}`);
  }
  if (maxMemoryBytes !== undefined && !(Number.isSafeInteger(maxMemoryBytes) && maxMemoryBytes >= 1)) {
    throw new RangeError(`maxMemoryBytes must be a positive integer, got ${String(maxMemoryBytes)}`);
  }
  if (interrupted !== undefined && typeof interrupted !== "function") {
    throw new RangeError(`interrupted must be a function, got ${typeof interrupted}`);
  }
  const { workers, parallelMinLevel } = options;
  if (parallelMinLevel !== undefined && !(Number.isSafeInteger(parallelMinLevel) && parallelMinLevel >= 1)) {
    throw new RangeError(`parallelMinLevel must be a positive integer, got ${String(parallelMinLevel)}`);
  }
  if (workers !== undefined && !(Number.isSafeInteger(workers) && workers >= 1 && workers <= 256)) {
    throw new RangeError(`workers must be an integer from 1 to 256, got ${String(workers)}`);
  }
}

export function maxStatesReason(maxStates: number): string {
  return `max-states ${maxStates} reached`;
}

export function maxDepthReason(maxDepth: number): string {
  return `max-depth ${maxDepth} reached: states at depth ${maxDepth} have unexplored successors`;
}

export function maxStatesStop(maxStates: number): Stop {
  return { kind: "max-states", reason: maxStatesReason(maxStates) };
}

export function maxDepthStop(maxDepth: number): Stop {
  return { kind: "max-depth", reason: maxDepthReason(maxDepth) };
}

/** What would help a run that ran out of memory, in the user's terms. */
export function memoryAdvice<S, A>(model: Model<S, A>, options: CheckOptions): string {
  const tries = [
    ...(model.symmetry !== undefined && options.symmetry !== true ? ["--symmetry"] : []),
    "a smaller configuration",
    "--max-states to stop before memory runs out",
  ];
  return `try ${tries.slice(0, -1).join(", ")} or ${tries[tries.length - 1]}`;
}

/** The run's budget (time, memory, interruption), its clock started at `t0`. */
export function runBudget<S, A>(model: Model<S, A>, options: CheckOptions, t0: number): RunBudget {
  return new RunBudget(options, t0, memoryAdvice(model, options));
}

/** Transitions per action family; every declared family is listed, in declared order. */
export class ActionCounts {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private counts = new Float64Array(8);

  constructor(names: readonly string[]) {
    for (const n of names) this.slot(n);
  }

  private slot(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
      if (i >= this.counts.length) {
        const c = new Float64Array(this.counts.length * 2);
        c.set(this.counts);
        this.counts = c;
      }
    }
    return i;
  }

  add(name: string): void {
    const i = this.index.get(name);
    if (i !== undefined) this.counts[i]++;
    else this.counts[this.slot(name)]++;
  }

  /** Adds counts made elsewhere (a worker thread's). */
  addAll(record: Readonly<Record<string, number>>): void {
    for (const name of Object.keys(record)) this.counts[this.slot(name)] += record[name];
  }

  /** Declared families first, in order; any undeclared family the model produced after. */
  toRecord(): Record<string, number> {
    const r: Record<string, number> = {};
    for (let i = 0; i < this.names.length; i++) r[this.names[i]] = this.counts[i];
    return r;
  }
}

/** Accumulates the time of BFS phases when asked to (`timing`); otherwise does nothing. */
export class PhaseTimer {
  transition = 0;
  fingerprint = 0;
  visited = 0;
  queue = 0;
  properties = 0;
  pathWitness = 0;
}

/** Calls `onProgress` at most every `progressIntervalMs`. The caller polls it sparsely. */
export class ProgressClock {
  private last: number;
  private readonly interval: number;

  constructor(
    private readonly onProgress: (p: Progress) => void,
    intervalMs: number | undefined,
    private readonly t0: number,
  ) {
    this.interval = intervalMs ?? 3000;
    this.last = t0;
  }

  poll(distinctStates: number, generatedStates: number, queue: number, depth: number, phase: ProgressPhase = "search"): void {
    const now = performance.now();
    if (now - this.last < this.interval) return;
    this.last = now;
    const elapsedMs = now - this.t0;
    this.onProgress({
      phase,
      distinctStates,
      generatedStates,
      statesPerSecond: elapsedMs > 0 ? (distinctStates * 1000) / elapsedMs : 0,
      queue,
      depth,
      elapsedMs,
    });
  }
}

/**
 * Checks newly discovered states against the invariants and the plain witnesses
 * (those without `after`), remembering the first violating state of each invariant
 * and the depth at which each witness was first reached.
 */
export class PropertyTracker<S> {
  private readonly invariants: readonly Invariant<S>[];
  private readonly witnesses: readonly Witness<S>[];
  /** Per invariant: index of the first violating state, -1 if none yet. */
  readonly violIndex: Int32Array;
  readonly violDepth: Int32Array;
  readonly violMessage: (string | undefined)[];
  /** Number of invariants violated so far. */
  violated = 0;
  /** Per witness: depth at which it was reached, null if not (yet). */
  readonly witnessDepth: (number | null)[];
  /** Plain witnesses not reached yet (indices into `witnesses`). */
  private readonly pending: number[] = [];

  constructor(invariants: readonly Invariant<S>[], witnesses: readonly Witness<S>[]) {
    this.invariants = invariants;
    this.witnesses = witnesses;
    this.violIndex = new Int32Array(invariants.length).fill(-1);
    this.violDepth = new Int32Array(invariants.length);
    this.violMessage = new Array<string | undefined>(invariants.length).fill(undefined);
    this.witnessDepth = new Array<number | null>(witnesses.length).fill(null);
    for (let j = 0; j < witnesses.length; j++) if (witnesses[j].after === undefined) this.pending.push(j);
  }

  /** Bit i set: invariant i not violated yet (the first 31; parallel.ts needs no more). */
  unviolatedMask(): number {
    let m = 0;
    for (let i = 0; i < this.invariants.length && i < 31; i++) if (this.violIndex[i] === -1) m |= 1 << i;
    return m;
  }

  /** Bit j set: plain witness j not reached yet (the first 31). */
  pendingMask(): number {
    let m = 0;
    for (const j of this.pending) if (j < 31) m |= 1 << j;
    return m;
  }

  /** Checks a newly discovered state. */
  discover(s: S, index: number, depth: number): void {
    const invs = this.invariants;
    for (let i = 0; i < invs.length; i++) {
      if (this.violIndex[i] !== -1) continue;
      const msg = invs[i].check(s);
      if (msg !== undefined) {
        this.violIndex[i] = index;
        this.violDepth[i] = depth;
        this.violMessage[i] = msg;
        this.violated++;
      }
    }
    const pending = this.pending;
    for (let p = 0; p < pending.length; p++) {
      const j = pending[p];
      if (this.witnesses[j].holds(s)) {
        this.witnessDepth[j] = depth;
        pending.splice(p, 1);
        p--;
      }
    }
  }
}

/** Everything a finished search hands over to build its result. */
export interface RunOutcome<S> {
  readonly strategy: Strategy;
  readonly all: boolean;
  readonly t0: number;
  readonly initial: readonly S[];
  readonly table: StateTable;
  readonly visited: VisitedSet<S>;
  readonly generated: number;
  readonly depth: number;
  readonly counts: ActionCounts;
  readonly props: PropertyTracker<S>;
  /** The run's limits; its `stop` says what cut the run short, if anything did. */
  readonly budget: RunBudget;
  /** Phases already skipped (sentences); the result adds those it skips itself. */
  readonly skipped: readonly string[];
  /** Progress reports for the phases after the search. */
  readonly progress: ProgressClock | null;
  /** Set when the search stopped at a violation with work left (not `all`). */
  readonly stoppedOnViolation: boolean;
  readonly symmetry: string | null;
  readonly workers: number;
  /** Phase times, when measured. */
  readonly timer: PhaseTimer | null;
  /**
   * Depths of the witnesses with a path condition found during the search (pathSearch.ts),
   * by witness index; null when the search did not look for them (they are then searched
   * after the run, pathWitness.ts).
   */
  readonly pathDepths?: readonly (number | null | undefined)[] | null;
}

/** What the liveness phase hands over: every property's verdict, and a lasso per violated one. */
export interface LivenessOutcome<S, A> {
  readonly report: LivenessReport;
  readonly violations: readonly Violation<S, A>[];
}

export function buildResult<S, A>(model: Model<S, A>, run: RunOutcome<S> & {
    /** The liveness phase's verdicts and lassos (liveness.ts); null when the model has none. */
    readonly liveness?: LivenessOutcome<S, A> | null;
  }): CheckResult<S, A> {
  const { props, table, initial } = run;
  const distinct = run.visited.size;

  const violations: Violation<S, A>[] = [];
  for (let i = 0; i < model.invariants.length; i++) {
    const idx = props.violIndex[i];
    if (idx === -1) continue;
    const inv = model.invariants[i];
    const trace = rebuildTrace(model, initial, table, idx);
    if (inv.check(trace[trace.length - 1].state) === undefined) {
      throw new Error(
        `model is not deterministic: replaying the trace of ${inv.name} did not reproduce a violating state`,
      );
    }
    violations.push({
      property: inv.name,
      kind: "invariant",
      message: props.violMessage[i] as string,
      length: trace.length - 1,
      trace,
    });
    // Without `all`, only the first violated invariant (in invariant order) is reported:
    // BFS records only violations of one depth, DFS only those of one state.
    if (!run.all) break;
  }

  const { budget } = run;
  const witnesses: WitnessResult[] = [];
  // Witnesses with a path condition that were left unsearched because the run was cut short.
  const unsearched: string[] = [];
  const poll = (): boolean => {
    run.progress?.poll(distinct, run.generated, 0, run.depth, "witness paths");
    return budget.poll("the witness path search") !== null;
  };
  for (let j = 0; j < model.witnesses.length; j++) {
    const w = model.witnesses[j];
    let depth = props.witnessDepth[j];
    const early = run.pathDepths?.[j];
    if (w.after !== undefined && early !== undefined) {
      depth = early;
    } else if (w.after !== undefined && !run.stoppedOnViolation) {
      // A search of its own, only after a complete run: after a run cut short it would expand
      // every stored state, unexpanded ones included (most of them after a wide BFS), which
      // costs many times the search itself.
      let found: number | null | typeof PATH_SEARCH_STOPPED = PATH_SEARCH_STOPPED;
      if (budget.stop() === null) {
        const t = performance.now();
        try {
          found = pathWitnessDepth(model, initial, w, run.visited, poll);
        } catch (e) {
          if (!isOutOfMemoryError(e)) throw e;
          budget.outOfMemory(e, "the witness path search");
        }
        if (run.timer !== null) run.timer.pathWitness += performance.now() - t;
      }
      if (found === PATH_SEARCH_STOPPED) unsearched.push(w.name);
      else depth = found;
    }
    witnesses.push({ name: w.name, required: w.required, reached: depth !== null, depth });
  }
  const stop = budget.stop();
  const skipped = [...run.skipped];
  if (unsearched.length > 0 && stop !== null) {
    skipped.push(
      `witness depths not computed for ${unsearched.join(", ")} (witnesses with a path condition): the run was cut short (${stop.reason})`,
    );
  }
  const complete = stop === null && !run.stoppedOnViolation;

  for (const v of run.liveness?.violations ?? []) violations.push(v);
  const invariantViolated = violations.length > 0;
  if (complete) {
    for (const w of witnesses) {
      if (w.required && !w.reached) {
        violations.push({
          property: w.name,
          kind: "witness-unreached",
          message: `witness ${w.name} was never reached in ${distinct} distinct states: the run is vacuous for it`,
          length: 0,
          trace: [],
        });
      }
    }
  }

  const verdict = invariantViolated
    ? "violation"
    : stop !== null
      ? "incomplete"
      : violations.length > 0
        ? "violation"
        : "pass";

  const visitedBytes = run.visited.bytes;
  const traceBytes = table.bytes;
  const timer = run.timer;
  return {
    verdict,
    incompleteReason: stop?.reason ?? null,
    incompleteKind: stop?.kind ?? null,
    skipped,
    strategy: run.strategy,
    violations,
    witnesses,
    fingerprint: run.visited.fingerprintInfo(),
    symmetry: run.symmetry,
    workers: run.workers,
    memory: {
      visitedBytes,
      traceBytes,
      bytesPerState: visitedBytes === null || distinct === 0 ? null : (visitedBytes + traceBytes) / distinct,
    },
    timing:
      timer === null
        ? null
        : {
            transitionMs: timer.transition,
            fingerprintMs: timer.fingerprint,
            visitedMs: timer.visited,
            queueMs: timer.queue,
            propertiesMs: timer.properties,
            pathWitnessMs: timer.pathWitness,
          },
    distinctStates: distinct,
    generatedStates: run.generated,
    depth: run.depth,
    elapsedMs: performance.now() - run.t0,
    actions: run.counts.toRecord(),
    liveness: run.liveness?.report ?? null,
  };
}
