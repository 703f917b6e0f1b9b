/**
 * A model that reports what a search does with it: `observeModel(model, observer)` behaves
 * exactly like `model` and calls `observer.state(s)` when a search asks for the actions of
 * `s` and `observer.step(s, a, t)` for each transition it computes. That is how coverage is
 * counted without a hook in a search loop.
 *
 * A search may compute the same state's actions more than once (BFS's path-witness search
 * and its --max-depth boundary check do), so with `distinct: true` (for exhaustive checks)
 * each state is reported once by its key, and the transitions from a state only the first
 * time they are computed: the counts are then over distinct states and transitions, up to
 * 52-bit hash collisions (probability about n²/2^53), at the cost of a map entry per state.
 *
 * The observed model has no `source`, so a parallel BFS runs it on one thread (a worker
 * could not call the observer).
 */
import { hash52 } from "./actionIds.js";
import type { Model } from "./model.js";
import type { WalkObserver } from "./random.js";

export interface ObserveOptions {
  /** Report each distinct state and each distinct transition once (default false: every call). */
  readonly distinct?: boolean;
}

export function observeModel<S, A>(model: Model<S, A>, observer: WalkObserver<S, A>, options: ObserveOptions = {}): Model<S, A> {
  const { source: _source, ...rest } = model;
  void _source;
  if (options.distinct !== true) {
    return {
      ...rest,
      actions: (s) => {
        observer.state?.(s);
        return model.actions(s);
      },
      next: (s, a) => {
        const t = model.next(s, a);
        observer.step?.(s, a, t);
        return t;
      },
    };
  }
  // State hash → transitions from it still to report: set to the number of its actions when
  // the state is first seen, so that a second expansion reports nothing again.
  const pending = new Map<number, number>();
  let lastState: S | undefined;
  let lastHash = 0;
  const hashOf = (s: S): number => {
    if (s !== lastState) {
      lastState = s;
      lastHash = hash52(model.key(s));
    }
    return lastHash;
  };
  return {
    ...rest,
    actions: (s) => {
      const acts = model.actions(s);
      const h = hashOf(s);
      if (!pending.has(h)) {
        pending.set(h, acts.length);
        observer.state?.(s);
      }
      return acts;
    },
    next: (s, a) => {
      const t = model.next(s, a);
      const h = hashOf(s);
      const left = pending.get(h) ?? 0;
      if (left > 0) {
        pending.set(h, left - 1);
        observer.step?.(s, a, t);
      }
      return t;
    },
  };
}
