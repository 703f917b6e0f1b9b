import type { Model } from "./model.js";
import type { Trace, TraceStep } from "./result.js";
import type { StateTable } from "./stateTable.js";

/**
 * Replays a path given as ordinals: `initialOrd` is a position in `initial`
 * (the model's `initialStates()`), then each ordinal is a position in `model.actions(s)`.
 * Relies on the model being deterministic; throws if an ordinal is out of range.
 */
export function replayOrdinals<S, A>(
  model: Model<S, A>,
  initial: readonly S[],
  initialOrd: number,
  ordinals: readonly number[],
): Trace<S, A> {
  if (initialOrd < 0 || initialOrd >= initial.length) {
    throw new Error(`trace replay: initial state ${initialOrd} does not exist (model is not deterministic?)`);
  }
  let s = initial[initialOrd];
  const steps: TraceStep<S, A>[] = [{ action: null, state: s }];
  for (let i = 0; i < ordinals.length; i++) {
    const acts = model.actions(s);
    const o = ordinals[i];
    if (o >= acts.length) {
      throw new Error(
        `trace replay: step ${i + 1} wants action #${o} but only ${acts.length} are enabled (model is not deterministic?)`,
      );
    }
    const a = acts[o];
    s = model.next(s, a);
    steps.push({ action: a, state: s });
  }
  return steps;
}

/** Rebuilds the trace from an initial state to the state with index `index` in `table`. */
export function rebuildTrace<S, A>(
  model: Model<S, A>,
  initial: readonly S[],
  table: StateTable,
  index: number,
): Trace<S, A> {
  const reversed: number[] = [];
  let i = index;
  while (table.parentOf(i) !== -1) {
    reversed.push(table.ordOf(i));
    i = table.parentOf(i);
  }
  reversed.reverse();
  return replayOrdinals(model, initial, table.ordOf(i), reversed);
}
