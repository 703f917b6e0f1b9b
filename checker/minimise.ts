/**
 * Counterexample minimisation by replay: remove steps from a trace that violates a property
 * while the same property still breaks, and prefer traces with fewer fault actions.
 *
 * Every candidate is re-validated by replaying it through the model from the trace's
 * initial state: each action (compared by its text, `formatAction`) must be enabled in the
 * state before it, and the trace ends at the first state that violates the property. A
 * candidate is kept only if it replays and breaks the same property, so the result is a real
 * path of the model, never a guess.
 *
 * The search is greedy and deterministic (the same trace always gives the same result):
 *   1. fault steps first: try removing each fault action alone, last to first;
 *   2. chunks: try removing runs of k consecutive steps, k from half the length down to 1
 *      (delta debugging's complement step);
 *   2b. single steps with repair: remove one step and, where a later action is no longer
 *      enabled, take the first enabled action of the same family instead;
 *   2c. contraction: replace two consecutive steps by one action enabled before them
 *      (repairing later steps as in 2b);
 *   3. fault substitution: try replacing each remaining fault action by a non-fault action
 *      enabled at that point, kept only if the trace still breaks the property with fewer
 *      faults and no more steps;
 * and again from 1 until nothing changes (or the replay budget is spent). The result is
 * 1-minimal: removing any single step no longer breaks the property.
 *
 * A trace found by BFS is already a shortest one, so steps 1-2 cannot shorten it; step 3 can
 * still trade a fault for an ordinary action. Traces found by DFS or by random walks shrink.
 */
import { actionIds } from "./actionIds.js";
import type { Invariant, Model } from "./model.js";
import type { Trace, TraceStep } from "./result.js";

export interface MinimiseOptions<A> {
  /** Whether an action spends fault budget (a crash, a cut link...): such steps are removed first. */
  readonly isFault?: (a: A) => boolean;
  /** The most candidate replays to try (default 20,000); the best trace so far is returned. */
  readonly maxReplays?: number;
  /**
   * Called every 16 replays (progress, the run's limits): true stops the minimisation there,
   * and the best trace so far is returned with `stopped` set.
   */
  readonly poll?: () => boolean;
}

export interface MinimiseResult<S, A> {
  readonly property: string;
  /** The minimised trace: `trace[0]` is the initial state; its last state violates `property`. */
  readonly trace: Trace<S, A>;
  /** The violation message at the last state of `trace`. */
  readonly message: string;
  /** Actions in `trace`. */
  readonly length: number;
  /** Fault actions in `trace`. */
  readonly faults: number;
  readonly originalLength: number;
  readonly originalFaults: number;
  /** Candidate replays tried. */
  readonly replays: number;
  /**
   * Whether the trace had to keep `property` as the first violation on its path: true when
   * the given trace broke no other property before it, so the minimised one does not either.
   */
  readonly strict: boolean;
  /** Whether `poll` stopped the minimisation before it was done (the trace is still a real counterexample). */
  readonly stopped: boolean;
}

/** A step of a candidate: the action's text, and its family for repairs. */
interface Step {
  readonly text: string;
  readonly family: string;
}

interface Replayed<S, A> {
  readonly trace: TraceStep<S, A>[];
  readonly steps: Step[];
  readonly message: string;
}

/**
 * Minimises `trace` (a path from an initial state, e.g. a counterexample of `check` or of a
 * random walk) for `property`, one of `model.invariants`. Throws a RangeError if the
 * property is unknown or if the trace does not replay to a violation of it.
 */
export function minimiseTrace<S, A>(
  model: Model<S, A>,
  trace: Trace<S, A>,
  property: string,
  options: MinimiseOptions<A> = {},
): MinimiseResult<S, A> {
  const target = model.invariants.find((p) => p.name === property);
  if (target === undefined) throw new RangeError(`minimiseTrace: the model has no invariant "${property}"`);
  if (trace.length === 0) throw new RangeError("minimiseTrace: empty trace");
  const ids = actionIds(model);
  const isFault = options.isFault ?? ((): boolean => false);
  let budget = options.maxReplays ?? 20_000;
  const poll = options.poll;
  let stopped = false;
  const init = trace[0].state;
  const stepOf = (a: A): Step => ({ text: ids.text(a), family: model.actionName(a) });
  const original = trace.slice(1).map((step, i) => {
    if (step.action === null) throw new RangeError(`minimiseTrace: step ${i + 1} has no action`);
    return stepOf(step.action);
  });

  let replays = 0;
  let strict = true;
  const replay = (steps: readonly Step[], repair = false): Replayed<S, A> | null => {
    replays++;
    if (poll !== undefined && (replays & 15) === 0 && !stopped && poll()) {
      // Spend the rest of the replay budget at once: every loop below ends.
      stopped = true;
      budget = replays;
    }
    return replaySteps(model, stepOf, init, steps, target, strict, repair);
  };

  let best = replay(original);
  if (best === null) {
    strict = false;
    best = replay(original);
  }
  if (best === null) {
    throw new RangeError(`minimiseTrace: the trace does not replay to a violation of ${property}`);
  }
  const faultsOf = (t: readonly TraceStep<S, A>[]): number =>
    t.reduce((n, step) => n + (step.action !== null && isFault(step.action) ? 1 : 0), 0);
  const originalLength = original.length;
  const originalFaults = faultsOf(trace);

  const better = (c: Replayed<S, A> | null, cur: Replayed<S, A>): c is Replayed<S, A> =>
    c !== null &&
    (c.steps.length < cur.steps.length ||
      (c.steps.length === cur.steps.length && faultsOf(c.trace) < faultsOf(cur.trace)));
  const without = (steps: readonly Step[], from: number, to: number): Step[] => [...steps.slice(0, from), ...steps.slice(to)];

  let changed = true;
  while (changed && replays < budget) {
    changed = false;
    // 1. Fault steps first, last to first.
    for (let i = best.steps.length - 1; i >= 0 && replays < budget; i--) {
      if (i >= best.steps.length) continue;
      const a = best.trace[i + 1].action;
      if (a === null || !isFault(a)) continue;
      const c = replay(without(best.steps, i, i + 1));
      if (better(c, best)) {
        best = c;
        changed = true;
      }
    }
    // 2. Chunks of k consecutive steps, k halving down to 1.
    for (let k = Math.max(1, Math.floor(best.steps.length / 2)); replays < budget; k = Math.floor(k / 2)) {
      let i = 0;
      while (i + k <= best.steps.length && replays < budget) {
        const c = replay(without(best.steps, i, i + k));
        if (better(c, best)) {
          best = c;
          changed = true;
        } else {
          i++;
        }
      }
      if (k <= 1) break;
    }
    // 2b. Remove one step and repair what that breaks: a later action no longer enabled is
    // replaced by the first enabled action of its family (the txn or dbid it names may have
    // shifted: without the first of two commits, CommitAck txn=2 becomes CommitAck txn=1).
    for (let i = 0; i < best.steps.length && replays < budget; i++) {
      const c = replay(without(best.steps, i, i + 1), true);
      if (better(c, best)) {
        best = c;
        changed = true;
        i--;
      }
    }
    // 2c. Contract two consecutive steps into one action enabled before them (a crash and
    // the probe that notices it may be one probe timeout), repairing later steps as in 2b.
    for (let i = 0; i + 1 < best.steps.length && replays < budget; i++) {
      for (const b of model.actions(best.trace[i].state)) {
        if (replays >= budget) break;
        const c = replay([...best.steps.slice(0, i), stepOf(b), ...best.steps.slice(i + 2)], true);
        if (better(c, best)) {
          best = c;
          changed = true;
          break;
        }
      }
    }
    // 3. Replace a fault by an ordinary action enabled at that point.
    for (let i = 0; i < best.steps.length && replays < budget; i++) {
      const a = best.trace[i + 1].action;
      if (a === null || !isFault(a)) continue;
      for (const b of model.actions(best.trace[i].state)) {
        if (isFault(b) || replays >= budget) continue;
        const steps = [...best.steps];
        steps[i] = stepOf(b);
        const c = replay(steps);
        if (better(c, best)) {
          best = c;
          changed = true;
          break;
        }
      }
    }
  }
  return {
    property,
    trace: best.trace,
    message: best.message,
    length: best.steps.length,
    faults: faultsOf(best.trace),
    originalLength,
    originalFaults,
    replays,
    strict,
    stopped,
  };
}

/**
 * Replays steps (actions by text) from `init`; returns the path up to the first state
 * violating `target`, or null if an action is not enabled where it stands (and, with
 * `repair`, no action of its family is), if no state violates `target`, or (strict) if a
 * state violates another invariant first.
 */
function replaySteps<S, A>(
  model: Model<S, A>,
  stepOf: (a: A) => Step,
  init: S,
  steps: readonly Step[],
  target: Invariant<S>,
  strict: boolean,
  repair: boolean,
): Replayed<S, A> | null {
  const trace: TraceStep<S, A>[] = [{ action: null, state: init }];
  const verdict = (s: S): string | null | undefined => {
    // undefined: no violation; null: another property first (strict); string: the target's message.
    const m = target.check(s);
    if (m !== undefined) return m;
    if (strict && model.invariants.some((p) => p !== target && p.check(s) !== undefined)) return null;
    return undefined;
  };
  let v = verdict(init);
  if (v === null) return null;
  if (v !== undefined) return { trace, steps: [], message: v };
  let s = init;
  const taken: Step[] = [];
  for (const want of steps) {
    const enabled = model.actions(s);
    let a = enabled.find((x) => stepOf(x).text === want.text);
    if (a === undefined && repair) a = enabled.find((x) => model.actionName(x) === want.family);
    if (a === undefined) return null;
    s = model.next(s, a);
    trace.push({ action: a, state: s });
    taken.push(stepOf(a));
    v = verdict(s);
    if (v === null) return null;
    if (v !== undefined) return { trace, steps: taken, message: v };
  }
  return null;
}
