/**
 * The steps a violation depends on: a 1-minimal core of a trace, found by leaving steps out
 * one at a time, greedily, from the end backwards, pass after pass, as long as the rest still
 * replays and still breaks the property.
 *
 * Replaying every trial from the initial state made this quadratic in the trace length
 * (5,000 steps: 40 s). The decisions here are the same, in the same order, but each trial
 * costs only what it must:
 * - going backwards, a trial only changes steps after the one left out, so the state before
 *   it is the current sequence's, already known (the first pass reuses the replay's states);
 * - the trial replays only the kept steps after it, and stops as soon as it reaches the state
 *   the current sequence has at the same place: the model is deterministic, so from there the
 *   rest replays identically and ends in the current final state, which breaks the property.
 *   A step that changes nothing (a probe of a healthy pair) is dropped without replaying at all.
 * Irrelevant steps thus cost next to nothing, and the steps kept cost at most the length of
 * the (short) core after them. A trace made of many steps each needed by the next could still
 * make it quadratic, so the search has a budget of replayed steps linear in the trace length;
 * when it runs out, the steps not tried yet are kept and the result says the core is not
 * minimised fully.
 */
import { findAction, stateKey, stepFast, type Action, type BoundAction, type Config, type State } from "../model/index.js";

export interface CoreProgress {
  /** Steps whose removal was tried in this pass, of `total`. */
  readonly tried: number;
  readonly total: number;
  readonly pass: number;
  /** Steps applied in trials so far, of `budget`. */
  readonly work: number;
  readonly budget: number;
  readonly elapsedMs: number;
}

export interface CoreOptions {
  /** The most steps the search may apply in its trials; default 500,000 + 100 per step of the trace (about a second per 2,000,000 on this machine). */
  readonly budget?: number;
  readonly onProgress?: (p: CoreProgress) => void;
  /** Least time between two progress calls; default 3,000 ms. */
  readonly progressEveryMs?: number;
}

export interface CoreResult {
  /** 0-based indexes of the steps kept, ascending. */
  readonly kept: readonly number[];
  /** True when the core is 1-minimal: the search reached a pass that removed nothing. */
  readonly minimal: boolean;
  /** When not minimal: how many steps at the start were never tried in the first pass (kept untried). */
  readonly untried: number;
  readonly work: number;
  readonly budget: number;
}

export function defaultCoreBudget(steps: number): number {
  return 500_000 + 100 * steps;
}

/** The search's running totals, shared by its passes. */
interface Search {
  readonly bound: readonly (BoundAction | undefined)[];
  readonly violates: (s: State) => boolean;
  readonly budget: number;
  readonly options: CoreOptions;
  readonly start: number;
  lastProgress: number;
  work: number;
}

/**
 * `states[i]` is the state after the first i `actions` (states[0] the initial state); the
 * last one must break the property (`violates`). Returns the core's step indexes.
 */
export function minimalCore(
  cfg: Config,
  actions: readonly Action[],
  states: readonly State[],
  violates: (s: State) => boolean,
  options: CoreOptions = {},
): CoreResult {
  const budget = options.budget ?? defaultCoreBudget(actions.length);
  const search: Search = {
    bound: actions.map((a) => findAction(cfg, a)),
    violates,
    budget,
    options,
    start: Date.now(),
    lastProgress: Date.now(),
    work: 0,
  };
  let kept: number[] = actions.map((_, k) => k);
  let seqStates: readonly State[] = states;
  for (let pass = 1; ; pass++) {
    const r = onePass(search, kept, seqStates, pass);
    const work = search.work;
    if (r.stoppedAt >= 0) {
      // Out of budget: the steps not tried yet in this pass stay, untried.
      const untried = pass === 1 ? r.stoppedAt + 1 : 0;
      return { kept: [...kept.slice(0, r.stoppedAt + 1), ...r.kept], minimal: false, untried, work, budget };
    }
    kept = r.kept;
    if (!r.changed) return { kept, minimal: true, untried: 0, work, budget };
    // The next pass starts from the states of the shorter sequence: one replay of it.
    const next: State[] = [states[0]];
    for (const k of kept) next.push(stepFast(next[next.length - 1], boundOf(search, k)));
    search.work += kept.length;
    seqStates = next;
  }
}

function boundOf(search: Search, k: number): BoundAction {
  const b = search.bound[k];
  // The steps come from a replay that applied every one of them.
  if (b === undefined) throw new Error(`step ${k + 1} is not an action instance of the configuration`);
  return b;
}

/**
 * One pass from the last kept step back to the first. `seqStates[p]` is the state before the
 * p-th kept step. `stoppedAt` is the position where the budget ran out (-1: it did not).
 */
function onePass(
  search: Search,
  kept: readonly number[],
  seqStates: readonly State[],
  pass: number,
): { kept: number[]; changed: boolean; stoppedAt: number } {
  // The kept steps after position p, and the state after each under the current sequence,
  // stored last-first so that keeping a step is a push.
  const sufIdx: number[] = [];
  const sufStates: State[] = [];
  const sufKeys: (string | undefined)[] = [];
  const keyAt = (q: number): string => (sufKeys[q] ??= stateKey(sufStates[q]));
  let changed = false;
  const { options } = search;
  const every = options.progressEveryMs ?? 3000;
  for (let p = kept.length - 1; p >= 0; p--) {
    if (search.work >= search.budget) return { kept: sufIdx.reverse(), changed, stoppedAt: p };
    const now = Date.now();
    if (options.onProgress !== undefined && now - search.lastProgress >= every) {
      search.lastProgress = now;
      const { work, budget } = search;
      options.onProgress({ tried: kept.length - 1 - p, total: kept.length, pass, work, budget, elapsedMs: now - search.start });
    }
    const after = seqStates[p + 1];
    const trial = tryWithout(seqStates[p], after);
    if (trial === null) {
      sufIdx.push(kept[p]);
      sufStates.push(after);
      sufKeys.push(undefined);
    } else {
      changed = true;
      // The suffix's states change up to where the trial rejoined the current sequence.
      for (let i = 0; i < trial.length; i++) {
        const q = sufStates.length - 1 - i;
        sufStates[q] = trial[i];
        sufKeys[q] = undefined;
      }
    }
  }
  return { kept: sufIdx.reverse(), changed, stoppedAt: -1 };

  /** Null when the step cannot go; else the trial's suffix states before it rejoined, first first. */
  function tryWithout(before: State, after: State): State[] | null {
    if (stateKey(before) === stateKey(after)) return [];
    let s = before;
    const trialStates: State[] = [];
    for (let q = sufIdx.length - 1; q >= 0; q--) {
      const b = search.bound[sufIdx[q]];
      if (b === undefined || b.guard(s) !== undefined) return null;
      s = stepFast(s, b);
      search.work++;
      if (stateKey(s) === keyAt(q)) return trialStates;
      trialStates.push(s);
    }
    return search.violates(s) ? trialStates : null;
  }
}
