import { isOutOfMemoryError } from "./alloc.js";
import {
  ActionCounts,
  buildResult,
  maxDepthStop,
  maxStatesStop,
  PhaseTimer,
  ProgressClock,
  PropertyTracker,
  runBudget,
  validateOptions,
} from "./common.js";
import { FingerprintTable } from "./fpTable.js";
import type { Model } from "./model.js";
import { openPool, type LevelPool } from "./parallel.js";
import { PathSearches } from "./pathSearch.js";
import { analyseLiveness, livenessNotChecked, livenessRefusal } from "./liveness.js";
import { LivenessRecorder } from "./livenessRecorder.js";
import { Level } from "./queue.js";
import type { CheckOptions, CheckResult } from "./result.js";
import { checkModelOptions, makeQueue, makeVisited, symmetryName } from "./setup.js";
import { StateTable } from "./stateTable.js";
import { HashedVisited, type VisitedSet } from "./visited.js";

/**
 * Exhaustive level-synchronous breadth-first search.
 *
 * States get indices in discovery order, so the states of one level have consecutive
 * indices and are expanded in index order: a state's index is the level's first index
 * plus its position in the level. Only the current and the next level are held as states
 * (as bytes when the model has a codec); every discovered state costs one fingerprint in
 * the visited set and 5 bytes in the state table (parent, ordinal).
 *
 * Each state is expanded in phases, so that `timing` can tell them apart: successors, their
 * fingerprints, the visited set, the queue, the properties of the new ones.
 *
 * Witnesses with a path condition are searched during the same levels (pathSearch.ts), with
 * fingerprints; with exact keys they are searched after a complete run (pathWitness.ts).
 *
 * Whatever stops the run (max-states, max-depth, the time or memory limit, an allocation
 * failure, `interrupted()`) ends it as incomplete with the figures so far; the limits are
 * polled at each level and every 1024 expansions, and bound the phases after the search
 * (path witnesses, liveness) too: a phase they cut short is named in `skipped`.
 *
 * With `workers` > 1, large levels are expanded by worker threads (parallel.ts) and merged
 * in the order this loop would have produced: the result is the same for any worker count.
 *
 * Without `all`, the level at which the first violation appears is finished (so that the
 * reported violation is the first in invariant order among those of that depth), then the
 * search stops. With `all`, violating states are expanded like any other.
 */
export function checkBfs<S, A>(model: Model<S, A>, options: CheckOptions = {}): CheckResult<S, A> {
  validateOptions(options);
  checkModelOptions(model, options);
  const t0 = performance.now();
  const all = options.all === true;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const progress =
    options.onProgress !== undefined ? new ProgressClock(options.onProgress, options.progressIntervalMs, t0) : null;
  const timer = options.timing === true ? new PhaseTimer() : null;
  const budget = runBudget(model, options, t0);

  // Liveness records every transition as it is computed, in this thread: worker threads
  // return only new states, so a run that checks liveness expands in one thread.
  const livenessRefused = livenessRefusal(model, options);
  const wantsLiveness = model.liveness !== undefined && livenessRefused === null;
  const pool: LevelPool<S> | null = openPool(model, wantsLiveness ? { ...options, workers: 1 } : options);
  const visited: VisitedSet<S> = makeVisited(model, options, pool);
  const hashed = visited instanceof HashedVisited ? visited : null;
  const live = wantsLiveness && hashed !== null && model.liveness !== undefined ? new LivenessRecorder(model.liveness) : null;
  const table = new StateTable();
  const props = new PropertyTracker<S>(model.invariants, model.witnesses);
  const counts = new ActionCounts(model.actionNames);
  const initial = model.initialStates();
  const paths =
    hashed !== null ? new PathSearches<S>(model as Model<S, unknown>, hashed, () => makeQueue(model), pool !== null) : null;

  let generated = 0;
  let stoppedOnViolation = false;
  // A level found but left unexpanded when the run stopped, and its number: the path
  // searches look at its states once more (pathSearch.ts, reachAt).
  let unexpanded: Level<S> | null = null;
  let unexpandedLevel = 0;
  // Max-depth left the last level unexpanded although nothing new lies beyond it.
  let lastLevelUnexpanded = false;
  let depth = 0;
  let expansions = 0;
  let level = 0;

  try {
    let cur = new Level<S>(makeQueue(model));
    for (let i = 0; i < initial.length; i++) {
      const s = initial[i];
      generated++;
      visited.identify(s, 0);
      if (visited.size >= maxStates) {
        if (visited.hasAt(0)) continue;
        budget.set(maxStatesStop(maxStates));
        break;
      }
      if (!visited.insertAt(0)) continue;
      const idx = table.add(-1, i);
      props.discover(s, idx, 0);
      if (live !== null && hashed !== null) {
        live.edges.addInitial(hashed.hiAt(0), hashed.loAt(0));
        live.discover(s, idx);
      }
      cur.push(s, hashed?.hiAt(0) ?? 0, hashed?.loAt(0) ?? 0, paths?.bitsOf(s) ?? 0);
    }

    // Successors of the state being expanded, and which of them are new (their index, or -1).
    let succ: S[] = [];
    let newIndex = new Int32Array(64);
    let levelStart = 0;
    search: while (cur.length > 0 && budget.stop() === null) {
      if (!all && props.violated > 0) {
        stoppedOnViolation = true;
        break;
      }
      unexpanded = cur;
      unexpandedLevel = level;
      if (budget.poll() !== null) break;
      if (level >= maxDepth) {
        // Not expanded: only look whether a successor lies outside the visited set, which
        // here holds every state of depth <= maxDepth.
        lastLevelUnexpanded = true;
        for (let p = 0; p < cur.length; p++) {
          const s = cur.queue.get(p);
          const acts = model.actions(s);
          for (let o = 0; o < acts.length; o++) {
            if (!visited.has(model.next(s, acts[o]))) {
              budget.set(maxDepthStop(maxDepth));
              break search;
            }
          }
          if ((++expansions & 1023) === 0 && budget.poll() !== null) break search;
        }
        break;
      }
      const nextLevel = level + 1;
      // Which states of this level are flagged nodes of a path-witness search.
      const pathFlags = paths === null ? null : paths.startLevel(level, cur.length, cur.hi, cur.lo, cur.bits);
      if (pool !== null && pool.wants(cur.length)) {
        const r = pool.expandLevel(cur, levelStart, nextLevel, table, props, counts, progress, budget, visited.size, paths, pathFlags);
        generated += r.generated;
        if (r.next.length > 0) depth = nextLevel;
        if (r.stopped) {
          unexpanded = r.next;
          unexpandedLevel = nextLevel;
          break;
        }
        levelStart += cur.length;
        cur = r.next;
        paths?.endLevel(level, false);
        level = nextLevel;
        continue;
      }
      // States found in this level (for the path searches: is a successor's depth L+1 or less?).
      const levelMain = pathFlags === null ? null : new FingerprintTable(Math.max(1 << 10, cur.length * 2));
      const next = cur.empty();
      unexpanded = next;
      unexpandedLevel = nextLevel;
      for (let p = 0; p < cur.length; p++) {
        const parent = levelStart + p;
        let t = timer === null ? 0 : performance.now();
        // Transitions.
        const s = cur.queue.get(p);
        const acts = model.actions(s);
        const n = acts.length;
        if (n > newIndex.length) newIndex = new Int32Array(n * 2);
        if (succ.length < n) succ = new Array<S>(n * 2);
        for (let o = 0; o < n; o++) {
          const a = acts[o];
          counts.add(model.actionName(a));
          succ[o] = model.next(s, a);
        }
        generated += n;
        if (timer !== null) t = lap(timer, "transition", t);
        // Fingerprints.
        for (let o = 0; o < n; o++) visited.identify(succ[o], o);
        if (live !== null && hashed !== null) {
          live.beginRow(parent);
          for (let o = 0; o < n; o++) live.transition(hashed.hiAt(o), hashed.loAt(o), acts[o]);
        }
        if (timer !== null) t = lap(timer, "fingerprint", t);
        // Visited set.
        let found = 0;
        for (let o = 0; o < n; o++) {
          newIndex[o] = -1;
          if (visited.size >= maxStates) {
            if (visited.hasAt(o)) continue;
            budget.set(maxStatesStop(maxStates));
            break;
          }
          if (!visited.insertAt(o)) continue;
          newIndex[o] = table.add(parent, o);
          if (levelMain !== null && hashed !== null) levelMain.insert(hashed.hiAt(o), hashed.loAt(o));
          found++;
        }
        if (timer !== null) t = lap(timer, "visited", t);
        if (found > 0) {
          depth = nextLevel;
          // Queue, then properties, of the new states in discovery order.
          const first = next.length;
          for (let o = 0; o < n; o++) {
            if (newIndex[o] === -1) continue;
            const encoded = hashed === null ? null : hashed.encodingAt(o);
            if (encoded !== null && hashed !== null) {
              next.pushBytes(encoded, 0, hashed.encodingLengthAt(o), hashed.hiAt(o), hashed.loAt(o), 0);
            } else next.push(succ[o], hashed?.hiAt(o) ?? 0, hashed?.loAt(o) ?? 0, 0);
          }
          if (timer !== null) t = lap(timer, "queue", t);
          for (let o = 0, k = first; o < n; o++) {
            if (newIndex[o] === -1) continue;
            props.discover(succ[o], newIndex[o], nextLevel);
            live?.discover(succ[o], newIndex[o]);
            if (paths !== null) next.bits[k] = paths.bitsOf(succ[o]);
            k++;
          }
        }
        if (pathFlags !== null && pathFlags[p] !== 0 && hashed !== null && levelMain !== null) {
          const mask = pathFlags[p];
          for (let o = 0; o < n; o++) {
            const hi = hashed.hiAt(o);
            const lo = hashed.loAt(o);
            const shallow = newIndex[o] === -1 && !levelMain.has(hi, lo);
            paths?.successor(level, mask, hi, lo, paths.holdsBits(succ[o], mask), shallow, succ[o]);
          }
        }
        if (timer !== null) t = lap(timer, "properties", t);
        if (budget.stop() !== null) break search;
        if ((++expansions & 1023) === 0) {
          progress?.poll(visited.size, generated, cur.length - p - 1 + next.length, level);
          if (budget.poll() !== null) break search;
        }
      }
      levelStart += cur.length;
      cur = next;
      if (paths !== null) {
        const tp = timer === null ? 0 : performance.now();
        paths.endLevel(level, false);
        if (timer !== null) timer.pathWitness += performance.now() - tp;
      }
      level = nextLevel;
    }
  } catch (e) {
    // A structure that could not grow: the run ends here, with what it found.
    if (!isOutOfMemoryError(e)) throw e;
    budget.outOfMemory(e);
    unexpanded = null;
  } finally {
    pool?.close();
  }

  const skipped: string[] = [];
  const figures = (): [number, number, number, number] => [visited.size, generated, 0, depth];
  let pathDepths: (number | null | undefined)[] | null = null;
  if (paths !== null && !stoppedOnViolation) {
    const tp = performance.now();
    if (budget.stop() === null && !lastLevelUnexpanded) {
      // The B levels left after the main BFS.
      const finished = paths.finish(level, () => {
        progress?.poll(...figures(), "witness paths");
        return budget.poll("the witness path search") !== null;
      });
      const stop = budget.stop();
      if (!finished && stop !== null) {
        skipped.push(
          `witness depths not computed for ${paths.unfinished().join(", ")} (witnesses with a path condition): the run was cut short (${stop.reason})`,
        );
      }
      pathDepths = paths.depths();
    } else if (budget.stop() !== null) {
      // Cut short: the depths found so far, in the levels the search explored.
      if (unexpanded !== null) paths.reachAt(unexpandedLevel, unexpanded.length, unexpanded.bits);
      pathDepths = paths.depths();
    }
    // Otherwise max-depth left the last level unexpanded in a complete run: the search after
    // the run (buildResult, pathWitness.ts) gives the exact depths.
    if (timer !== null) timer.pathWitness += performance.now() - tp;
  }

  let liveness = null;
  if (model.liveness !== undefined) {
    const stop = budget.stop();
    // With max-depth, the last level may be left unexpanded although nothing new lies beyond.
    if (live !== null && stop === null && !stoppedOnViolation && hashed !== null && live.edges.rowCount === table.size) {
      try {
        liveness = analyseLiveness(model, live, hashed.table, table, initial, () => {
          progress?.poll(...figures(), "liveness");
          return budget.poll("the liveness analysis") !== null;
        });
      } catch (e) {
        if (!isOutOfMemoryError(e)) throw e;
        budget.outOfMemory(e, "the liveness analysis");
      }
    }
    if (liveness === null) {
      const stopNow = budget.stop();
      const reason =
        livenessRefused ??
        (stopNow !== null
          ? `the run was cut short (${stopNow.reason})`
          : stoppedOnViolation
            ? "the search stopped at the first safety violation (explore the whole graph, with --all, to check it)"
            : options.maxDepth !== undefined
              ? `the states at depth ${options.maxDepth} were not expanded (max-depth)`
              : "the graph was not recorded");
      liveness = livenessNotChecked(model, reason);
      if (livenessRefused === null && stopNow !== null) skipped.push(`liveness not checked: the run was cut short (${stopNow.reason})`);
    }
  }

  return buildResult(model, {
    liveness,
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
    budget,
    skipped,
    progress,
    stoppedOnViolation,
    symmetry: symmetryName(model, options),
    workers: pool === null ? 1 : pool.used,
    timer,
    pathDepths,
  });
}

type Phase = "transition" | "fingerprint" | "visited" | "queue" | "properties";

function lap(timer: Record<Phase, number>, phase: Phase, since: number): number {
  const now = performance.now();
  timer[phase] += now - since;
  return now;
}
