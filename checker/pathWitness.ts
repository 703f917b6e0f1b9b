import type { Model, Witness } from "./model.js";
import type { VisitedSet } from "./visited.js";

/**
 * The shortest path s0..sd such that some si (i <= d) satisfies `witness.after` and sd
 * satisfies `witness.holds`, found by a BFS over (state, flag) pairs where the flag records
 * that a state satisfying `after` is on the path. Returns d, or null if there is none.
 *
 * The search is confined to the states of a finished main run (`stored`):
 * successors the main run did not store are skipped. After a complete run that is every
 * reachable state, so the answer is exact; after a run cut short by a bound it is the
 * answer within the explored region (a path found is always a real path). Paths are not
 * limited in length: the confinement alone bounds the work to twice the stored states.
 * None of this work is counted in the main run's statistics.
 */
export function pathWitnessDepth<S, A>(
  model: Model<S, A>,
  initial: readonly S[],
  witness: Witness<S>,
  stored: VisitedSet<S>,
): number | null {
  const after = witness.after;
  if (after === undefined) throw new Error(`witness ${witness.name} has no path condition`);
  // Bit 1: (state, flag=false) seen; bit 2: (state, flag=true) seen.
  // (s, true) dominates (s, false): the flag only helps, so a false node is skipped
  // when the true node of the same state has been seen.
  const seen = new Uint8Array(stored.idBound);
  let cur: S[] = [];
  let curFlag: boolean[] = [];
  for (let i = 0; i < initial.length; i++) {
    const s = initial[i];
    const idx = stored.idOf(s);
    if (idx === -1) continue;
    const f = after(s);
    if (f ? (seen[idx] & 2) !== 0 : seen[idx] !== 0) continue;
    seen[idx] |= f ? 2 : 1;
    if (f && witness.holds(s)) return 0;
    cur.push(s);
    curFlag.push(f);
  }
  let depth = 0;
  while (cur.length > 0) {
    const next: S[] = [];
    const nextFlag: boolean[] = [];
    const nextDepth = depth + 1;
    for (let p = 0; p < cur.length; p++) {
      const s = cur[p];
      const flag = curFlag[p];
      const acts = model.actions(s);
      for (let o = 0; o < acts.length; o++) {
        const t = model.next(s, acts[o]);
        const idx = stored.idOf(t);
        if (idx === -1) continue;
        const f = flag || after(t);
        if (f ? (seen[idx] & 2) !== 0 : seen[idx] !== 0) continue;
        seen[idx] |= f ? 2 : 1;
        if (f && witness.holds(t)) return nextDepth;
        next.push(t);
        nextFlag.push(f);
      }
    }
    cur = next;
    curFlag = nextFlag;
    depth = nextDepth;
  }
  return null;
}
