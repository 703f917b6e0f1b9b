/**
 * Coverage and minimisation for an exhaustive check, as library functions that `runCheck`
 * (or a test) can call: situation counts over the states a check expands and the transitions
 * it computes, and the two-stage counterexample (BFS's shortest, then minimised by replay).
 */
import {
  minimiseTrace,
  observeModel,
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
  return result.violations
    .filter((v) => v.kind === "invariant")
    .map((v) => minimiseTrace(model, v.trace, v.property, { isFault: isFaultAction }));
}
