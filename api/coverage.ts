/**
 * Coverage and minimisation for an exhaustive check, as library functions that `runCheck`
 * (or a test) can call: situation counts over the states a check expands and the transitions
 * it computes, and the two-stage counterexample (BFS's shortest, then minimised by replay).
 */
import {
  isOutOfMemoryError,
  minimiseTrace,
  observeModel,
  runBudget,
  type CheckOptions,
  type CheckResult,
  type MinimiseResult,
  type Model,
  type WalkObserver,
} from "../checker/index.js";
import { FAULT_ACTIONS, SituationCounter, type BoundAction, type State } from "../model/index.js";

/** Feeds a SituationCounter from a search over the Greenplum model (random walk or check). */
export function situationObserver(counter: SituationCounter): WalkObserver<State, BoundAction> {
  return {
    state: (s) => counter.state(s),
    step: (before, b, after) => counter.step(before, b.action, after),
  };
}

/**
 * The Greenplum model with the situations of every distinct state a check expands, and of
 * every transition it computes, counted in `counter` (see observeModel: one map entry per
 * state; a parallel BFS falls back to one thread).
 */
export function withSituationCounts(model: Model<State, BoundAction>, counter: SituationCounter): Model<State, BoundAction> {
  return observeModel(model, situationObserver(counter), { distinct: true });
}

/** Whether the action spends fault budget. */
export function isFaultAction(b: BoundAction): boolean {
  return FAULT_ACTIONS.has(b.action.type);
}

/**
 * Stage two for each invariant violation of a check: the trace minimised by replay (fewer
 * steps if it can, then fewer faults), with the original (BFS: shortest) length beside it.
 */
export function minimiseViolations(
  model: Model<State, BoundAction>,
  result: CheckResult<State, BoundAction>,
): MinimiseResult<State, BoundAction>[] {
  return minimiseWithinLimits(model, result, {}, performance.now()).minimised;
}

export interface BoundedMinimisation {
  /** In the order of the invariant violations; shorter when the limits left some out. */
  readonly minimised: MinimiseResult<State, BoundAction>[];
  /** What was not minimised, or not to the end, because of the limits (sentences). */
  readonly skipped: string[];
}

/** Limits that stop the whole run, minimisation included. */
const RUN_STOPS: ReadonlySet<string> = new Set(["time-limit", "memory", "interrupted"]);

/**
 * `minimiseViolations` within the run's limits (`options`: time limit from `startedAt`,
 * memory, `interrupted`), reporting progress in phase "minimise". A run already stopped by
 * one of them is not minimised at all; a minimisation they stop keeps its best trace so far
 * (a real counterexample), and the later ones are left out. Minimisation never changes the
 * verdict, so a limit hit here does not make the run incomplete: it is only named.
 */
export function minimiseWithinLimits(
  model: Model<State, BoundAction>,
  result: CheckResult<State, BoundAction>,
  options: CheckOptions,
  startedAt: number,
): BoundedMinimisation {
  const violations = result.violations.filter((v) => v.kind === "invariant");
  const minimised: MinimiseResult<State, BoundAction>[] = [];
  const skipped: string[] = [];
  if (violations.length === 0) return { minimised, skipped };
  const names = (from: number): string => violations.slice(from).map((v) => v.property).join(", ");
  if (result.incompleteKind !== null && RUN_STOPS.has(result.incompleteKind)) {
    skipped.push(`counterexample minimisation not run for ${names(0)}: the run was cut short (${result.incompleteReason ?? ""})`);
    return { minimised, skipped };
  }
  const budget = runBudget(model, options, startedAt);
  const interval = options.progressIntervalMs ?? 3000;
  let last = performance.now();
  const poll = (): boolean => {
    const now = performance.now();
    if (options.onProgress !== undefined && now - last >= interval) {
      last = now;
      options.onProgress({
        phase: "minimise",
        distinctStates: result.distinctStates,
        generatedStates: result.generatedStates,
        statesPerSecond: 0,
        queue: 0,
        depth: result.depth,
        elapsedMs: now - startedAt,
      });
    }
    return budget.poll("the counterexample minimisation") !== null;
  };
  for (let k = 0; k < violations.length; k++) {
    const v = violations[k];
    let m: MinimiseResult<State, BoundAction>;
    try {
      if (poll()) throw new LimitReached();
      m = minimiseTrace(model, v.trace, v.property, { isFault: isFaultAction, poll });
    } catch (e) {
      if (e instanceof LimitReached || isOutOfMemoryError(e)) {
        const reason = budget.stop()?.reason ?? (e instanceof Error ? e.message : "out of memory");
        skipped.push(`counterexample minimisation not run for ${names(k)}: ${reason}`);
        break;
      }
      throw e;
    }
    minimised.push(m);
    if (m.stopped) {
      const reason = budget.stop()?.reason ?? "stopped";
      skipped.push(`counterexample minimisation of ${v.property} stopped early (${reason}): the trace shown is the best found so far`);
      if (k + 1 < violations.length) skipped.push(`counterexample minimisation not run for ${names(k + 1)}: ${reason}`);
      break;
    }
  }
  return { minimised, skipped };
}

/** Thrown to leave the minimisation loop when a limit was reached before a violation. */
class LimitReached extends Error {}
