import { isOutOfMemoryError } from "./alloc.js";
import { livenessNotChecked, livenessRefusal } from "./liveness.js";
import {
  ActionCounts,
  buildResult,
  maxDepthStop,
  maxStatesStop,
  ProgressClock,
  PropertyTracker,
  runBudget,
  validateOptions,
} from "./common.js";
import type { Model } from "./model.js";
import type { CheckOptions, CheckResult } from "./result.js";
import { makeVisited, symmetryName } from "./setup.js";
import { StateTable } from "./stateTable.js";
import type { VisitedSet } from "./visited.js";

/**
 * Exhaustive iterative depth-first search, in one thread, with the same visited set and
 * bookkeeping as the BFS. Every initial state is discovered (depth 0) before the search
 * descends from each in turn. The stack is four parallel arrays (state, index, enabled actions, next
 * action ordinal); a state's parent is the stack frame below it, so a rebuilt trace is
 * the stack path at the time the state was found (not necessarily shortest).
 *
 * Without `all`, the search stops at the first violating state; with `all` it keeps the
 * first violation found of each invariant. With `maxDepth`, states at that depth are not
 * expanded; those with a successor not yet visited are kept and re-examined at the end,
 * and the run is incomplete only if one of them still has an unvisited successor.
 *
 * The time and memory limits and `interrupted()` are polled every 1024 transitions; an
 * allocation failure ends the run as incomplete ("memory") like them, with the figures so far.
 */
export function checkDfs<S, A>(model: Model<S, A>, options: CheckOptions = {}): CheckResult<S, A> {
  validateOptions(options);
  const t0 = performance.now();
  const all = options.all === true;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const progress =
    options.onProgress !== undefined ? new ProgressClock(options.onProgress, options.progressIntervalMs, t0) : null;
  const budget = runBudget(model, options, t0);

  const visited: VisitedSet<S> = makeVisited(model, options);
  const table = new StateTable();
  const props = new PropertyTracker<S>(model.invariants, model.witnesses);
  const counts = new ActionCounts(model.actionNames);
  const initial = model.initialStates();

  let generated = 0;
  let stoppedOnViolation = false;
  let depth = 0;
  let expansions = 0;
  /** States at maxDepth that had an unvisited successor when found. */
  const frontier: S[] = [];

  const roots: S[] = [];
  const stackState: S[] = [];
  const stackIndex: number[] = [];
  const stackActs: (readonly A[])[] = [];
  const stackNext: number[] = [];
  try {
    for (let i = 0; i < initial.length; i++) {
      const s = initial[i];
      generated++;
      visited.identify(s, 0);
      if (visited.hasAt(0)) continue;
      if (visited.size >= maxStates) {
        budget.set(maxStatesStop(maxStates));
        break;
      }
      visited.insertAt(0);
      const idx = table.add(-1, i);
      props.discover(s, idx, 0);
      roots.push(s);
    }
    if (!all && props.violated > 0) stoppedOnViolation = true;

    search: for (let r = 0; r < roots.length && budget.stop() === null && !stoppedOnViolation; r++) {
      const root = roots[r];
      if (maxDepth === 0) {
        if (hasUnvisitedSuccessor(model, visited, root)) frontier.push(root);
        continue;
      }
      stackState.push(root);
      stackIndex.push(r); // roots are the first states discovered, in order
      stackActs.push(model.actions(root));
      stackNext.push(0);
      while (stackState.length > 0) {
        const top = stackState.length - 1;
        const acts = stackActs[top];
        const o = stackNext[top];
        if (o >= acts.length) {
          stackState.pop();
          stackIndex.pop();
          stackActs.pop();
          stackNext.pop();
          continue;
        }
        stackNext[top] = o + 1;
        const s = stackState[top];
        const a = acts[o];
        counts.add(model.actionName(a));
        generated++;
        if ((++expansions & 1023) === 0) {
          progress?.poll(visited.size, generated, stackState.length, top);
          if (budget.poll() !== null) break search;
        }
        const t = model.next(s, a);
        visited.identify(t, 0);
        if (visited.hasAt(0)) continue;
        if (visited.size >= maxStates) {
          budget.set(maxStatesStop(maxStates));
          break search;
        }
        visited.insertAt(0);
        const idx = table.add(stackIndex[top], o);
        const d = top + 1;
        if (d > depth) depth = d;
        props.discover(t, idx, d);
        if (!all && props.violated > 0) {
          stoppedOnViolation = true;
          break search;
        }
        if (d >= maxDepth) {
          if (hasUnvisitedSuccessor(model, visited, t)) frontier.push(t);
          continue;
        }
        stackState.push(t);
        stackIndex.push(idx);
        stackActs.push(model.actions(t));
        stackNext.push(0);
      }
    }

    if (budget.stop() === null && !stoppedOnViolation) {
      for (let i = 0; i < frontier.length; i++) {
        if (hasUnvisitedSuccessor(model, visited, frontier[i])) {
          budget.set(maxDepthStop(maxDepth));
          break;
        }
        if ((i & 1023) === 1023 && budget.poll() !== null) break;
      }
    }
  } catch (e) {
    // A structure that could not grow: the run ends here, with what it found.
    if (!isOutOfMemoryError(e)) throw e;
    budget.outOfMemory(e);
  }

  return buildResult(model, {
    liveness: livenessNotChecked(model, livenessRefusal(model, { ...options, strategy: "dfs" }) ?? "not checked with DFS"),
    strategy: "dfs",
    all,
    t0,
    initial,
    table,
    visited,
    generated,
    depth,
    counts,
    props,
    budget,
    skipped: [],
    progress,
    stoppedOnViolation,
    symmetry: symmetryName(model, options),
    workers: 1,
    timer: null,
  });
}

function hasUnvisitedSuccessor<S, A>(model: Model<S, A>, visited: VisitedSet<S>, s: S): boolean {
  const acts = model.actions(s);
  for (let o = 0; o < acts.length; o++) {
    if (!visited.has(model.next(s, acts[o]))) return true;
  }
  return false;
}
