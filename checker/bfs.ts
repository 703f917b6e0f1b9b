import {
  ActionCounts,
  buildResult,
  maxDepthReason,
  maxStatesReason,
  ProgressClock,
  PropertyTracker,
  validateOptions,
} from "./common.js";
import type { Model } from "./model.js";
import type { CheckOptions, CheckResult } from "./result.js";
import { StateTable } from "./stateTable.js";

/**
 * Exhaustive level-synchronous breadth-first search.
 *
 * States get indices in discovery order, so the states of one level have consecutive
 * indices and are expanded in index order: a state's index is the level's first index
 * plus its position in the level. Only the current and the next level are held as states;
 * every discovered state costs one visited-map entry (its key) and 8 bytes in the table.
 *
 * Without `all`, the level at which the first violation appears is finished (so that the
 * reported violation is the first in invariant order among those of that depth), then the
 * search stops. With `all`, violating states are expanded like any other.
 */
export function checkBfs<S, A>(model: Model<S, A>, options: CheckOptions = {}): CheckResult<S, A> {
  validateOptions(options);
  const t0 = performance.now();
  const all = options.all === true;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const progress =
    options.onProgress !== undefined ? new ProgressClock(options.onProgress, options.progressIntervalMs, t0) : null;

  const visited = new Map<string, number>();
  const table = new StateTable();
  const props = new PropertyTracker<S>(model.invariants, model.witnesses);
  const counts = new ActionCounts(model.actionNames);
  const initial = model.initialStates();

  let generated = 0;
  let boundReason: string | null = null;
  let stoppedOnViolation = false;
  let depth = 0;
  let expansions = 0;

  let cur: S[] = [];
  for (let i = 0; i < initial.length; i++) {
    const s = initial[i];
    generated++;
    const k = model.key(s);
    if (visited.has(k)) continue;
    if (visited.size >= maxStates) {
      boundReason = maxStatesReason(maxStates);
      break;
    }
    const idx = table.add(-1, i);
    visited.set(k, idx);
    props.discover(s, idx, 0);
    cur.push(s);
  }

  let level = 0;
  let levelStart = 0;
  search: while (cur.length > 0 && boundReason === null) {
    if (!all && props.violated > 0) {
      stoppedOnViolation = true;
      break;
    }
    if (level >= maxDepth) {
      // Not expanded: only look whether a successor lies outside the visited set, which
      // here holds every state of depth <= maxDepth.
      for (let p = 0; p < cur.length; p++) {
        const s = cur[p];
        const acts = model.actions(s);
        for (let o = 0; o < acts.length; o++) {
          if (!visited.has(model.key(model.next(s, acts[o])))) {
            boundReason = maxDepthReason(maxDepth);
            break search;
          }
        }
      }
      break;
    }
    const next: S[] = [];
    const nextLevel = level + 1;
    for (let p = 0; p < cur.length; p++) {
      const s = cur[p];
      const parent = levelStart + p;
      const acts = model.actions(s);
      for (let o = 0; o < acts.length; o++) {
        const a = acts[o];
        counts.add(model.actionName(a));
        generated++;
        const t = model.next(s, a);
        const k = model.key(t);
        if (visited.has(k)) continue;
        if (visited.size >= maxStates) {
          boundReason = maxStatesReason(maxStates);
          break search;
        }
        const idx = table.add(parent, o);
        visited.set(k, idx);
        depth = nextLevel;
        props.discover(t, idx, nextLevel);
        next.push(t);
      }
      if (progress !== null && (++expansions & 1023) === 0) {
        progress.poll(visited.size, generated, cur.length - p - 1 + next.length, level);
      }
    }
    levelStart += cur.length;
    cur = next;
    level = nextLevel;
  }

  return buildResult(model, {
    strategy: "bfs",
    all,
    t0,
    initial,
    table,
    visited,
    generated,
    depth,
    counts,
    props,
    boundReason,
    stoppedOnViolation,
  });
}
