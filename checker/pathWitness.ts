import { allocating } from "./alloc.js";
import type { Model, Witness } from "./model.js";
import type { LevelQueue } from "./queue.js";
import { makeQueue } from "./setup.js";
import type { VisitedSet } from "./visited.js";

/** What `pathWitnessDepth` returns when its `poll` asked it to stop. */
export const PATH_SEARCH_STOPPED = "stopped";

/**
 * The shortest path s0..sd such that some si (i <= d) satisfies `witness.after` and sd
 * satisfies `witness.holds`, found by a BFS over (state, flag) pairs where the flag records
 * that a state satisfying `after` is on the path. Returns d, or null if there is none.
 *
 * The search is confined to the states of a finished main run (`stored`): successors the
 * main run did not store are skipped. It is run only after a complete run (DFS, exact keys,
 * a BFS whose last level was left unexpanded by max-depth), where that is every reachable
 * state, so the answer is exact and the work at most twice the main search's: each state is
 * expanded at most once per flag. (After a run cut short most stored states were never
 * expanded, and this search would expand them all: bfs.ts searches such runs' witnesses
 * during the search instead, pathSearch.ts.)
 *
 * Levels are kept as bytes when the model has a codec (as the main BFS does), one queue per
 * flag, so memory stays that of two BFS levels. `poll` is called every 1024 expansions
 * (progress, limits); when it returns true the search stops and returns
 * `PATH_SEARCH_STOPPED`. None of this work is counted in the main run's statistics.
 */
export function pathWitnessDepth<S, A>(
  model: Model<S, A>,
  initial: readonly S[],
  witness: Witness<S>,
  stored: VisitedSet<S>,
  poll: () => boolean = () => false,
): number | null | typeof PATH_SEARCH_STOPPED {
  const after = witness.after;
  if (after === undefined) throw new Error(`witness ${witness.name} has no path condition`);
  // Bit 1: (state, flag=false) seen; bit 2: (state, flag=true) seen.
  // (s, true) dominates (s, false): the flag only helps, so a false node is skipped
  // when the true node of the same state has been seen.
  const seen = allocating("the witness path search", stored.idBound, () => new Uint8Array(stored.idBound));
  // The current level, split by flag: unflagged and flagged nodes.
  let cur: [LevelQueue<S>, LevelQueue<S>] = [makeQueue(model), makeQueue(model)];
  for (let i = 0; i < initial.length; i++) {
    const s = initial[i];
    const idx = stored.idOf(s);
    if (idx === -1) continue;
    const f = after(s);
    if (f ? (seen[idx] & 2) !== 0 : seen[idx] !== 0) continue;
    seen[idx] |= f ? 2 : 1;
    if (f && witness.holds(s)) return 0;
    cur[f ? 1 : 0].push(s);
  }
  let depth = 0;
  let expansions = 0;
  while (cur[0].length + cur[1].length > 0) {
    const next: [LevelQueue<S>, LevelQueue<S>] = [cur[0].empty(), cur[1].empty()];
    const nextDepth = depth + 1;
    for (let q = 0; q < 2; q++) {
      const queue = cur[q];
      const flag = q === 1;
      for (let p = 0; p < queue.length; p++) {
        if ((++expansions & 1023) === 0 && poll()) return PATH_SEARCH_STOPPED;
        const s = queue.get(p);
        const acts = model.actions(s);
        for (let o = 0; o < acts.length; o++) {
          const t = model.next(s, acts[o]);
          const idx = stored.idOf(t);
          if (idx === -1) continue;
          const f = flag || after(t);
          if (f ? (seen[idx] & 2) !== 0 : seen[idx] !== 0) continue;
          seen[idx] |= f ? 2 : 1;
          if (f && witness.holds(t)) return nextDepth;
          next[f ? 1 : 0].push(t);
        }
      }
    }
    cur = next;
    depth = nextDepth;
  }
  return null;
}
