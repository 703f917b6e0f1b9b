/**
 * Greenplum situations, for coverage: how often a search saw the states and steps that the
 * protocol is about. A random search that never saw a double fault or a rewound WAL has not
 * tested the code paths that handle them, however many steps it took.
 *
 * State situations (counted once per visited state in which some content shows them):
 * - the catalog pair of a mirrored content, as its two `gp_segment_configuration` rows read
 *   (status,mode of the primary row, then of the mirror row): (u,s,u,s) in sync,
 *   (u,n,u,n) mirror up but not in sync, (u,n,d,n) mirror down;
 * - double fault: a mirrored content whose catalog primary is down in mode n;
 * - zombie primary: an instance alive with role p that is not its content's catalog primary
 *   (an old primary restarted after its mirror was promoted).
 * Step situations (counted once per step that shows them):
 * - rewound WAL: a RecoverIncremental whose catalog mirror had a WAL that was not a prefix
 *   of the primary's, so pg_rewind cut its diverged tail.
 */
import type { Action } from "./action.js";
import { catalogMirror, catalogPrimary, inDoubleFault, isPrefix } from "./derived.js";
import type { State } from "./state.js";

export const SITUATIONS = [
  "catalog (u,s,u,s)",
  "catalog (u,n,u,n)",
  "catalog (u,n,d,n)",
  "double fault",
  "zombie primary",
  "rewound WAL",
] as const;

export type Situation = (typeof SITUATIONS)[number];

export const SITUATION_DESCRIPTIONS: Readonly<Record<Situation, string>> = {
  "catalog (u,s,u,s)": "states with a mirrored content in sync: both rows up, mode s",
  "catalog (u,n,u,n)": "states with a mirrored content whose mirror is up but not in sync",
  "catalog (u,n,d,n)": "states with a mirrored content whose mirror row is down",
  "double fault": "states with a mirrored content whose catalog primary is down in mode n",
  "zombie primary": "states with an instance running as p that is not its content's catalog primary",
  "rewound WAL": "steps: a RecoverIncremental that cut the diverged tail of the mirror's WAL (pg_rewind)",
};

/** Whether the situation is counted per step (true) or per visited state (false). */
export const SITUATION_PER_STEP: Readonly<Record<Situation, boolean>> = {
  "catalog (u,s,u,s)": false,
  "catalog (u,n,u,n)": false,
  "catalog (u,n,d,n)": false,
  "double fault": false,
  "zombie primary": false,
  "rewound WAL": true,
};

/** The state situations that `s` shows, each once, in SITUATIONS order. */
export function stateSituations(s: State): Situation[] {
  let inSync = false;
  let upNotInSync = false;
  let down = false;
  let doubleFault = false;
  let zombie = false;
  for (const c of s.contents) {
    if (c.hasMirror) {
      // (u,s,d,s) is no legal pair (CatalogConsistent): it is counted as none of the three.
      if (c.catalog.mirrorUp) {
        if (c.catalog.mode === "s") inSync = true;
        else upNotInSync = true;
      } else if (c.catalog.mode === "n") down = true;
      if (inDoubleFault(c)) doubleFault = true;
    }
    // A mirror that does not exist yet is an inert placeholder, never alive.
    const other = catalogMirror(c);
    if (other.alive && other.role === "p") zombie = true;
  }
  const out: Situation[] = [];
  if (inSync) out.push("catalog (u,s,u,s)");
  if (upNotInSync) out.push("catalog (u,n,u,n)");
  if (down) out.push("catalog (u,n,d,n)");
  if (doubleFault) out.push("double fault");
  if (zombie) out.push("zombie primary");
  return out;
}

/** The step situations of the transition before → after by `action`. */
export function stepSituations(before: State, action: Action, after: State): Situation[] {
  void after;
  if (action.type === "RecoverIncremental") {
    const c = before.contents[action.content];
    if (!isPrefix(catalogMirror(c).wal, catalogPrimary(c).wal)) return ["rewound WAL"];
  }
  return [];
}

/** Counts situations over states and steps; `counts()` lists every situation, seen or not. */
export class SituationCounter {
  private readonly n: Record<Situation, number> = Object.fromEntries(SITUATIONS.map((s) => [s, 0])) as Record<
    Situation,
    number
  >;

  /** A visited (or, for check, distinct) state. */
  state(s: State): void {
    for (const x of stateSituations(s)) this.n[x]++;
  }

  /** A step taken (or, for check, a transition computed). */
  step(before: State, action: Action, after: State): void {
    for (const x of stepSituations(before, action, after)) this.n[x]++;
  }

  counts(): Record<Situation, number> {
    return { ...this.n };
  }
}

/**
 * Situation counts over a set of states and transitions, e.g. the distinct states and the
 * transitions of an exhaustive check. Pass each state and each transition once.
 */
export function situationCounts(
  states: Iterable<State>,
  transitions: Iterable<{ readonly before: State; readonly action: Action; readonly after: State }> = [],
): Record<Situation, number> {
  const counter = new SituationCounter();
  for (const s of states) counter.state(s);
  for (const t of transitions) counter.step(t.before, t.action, t.after);
  return counter.counts();
}

/** The state situations of `s` as a bit mask (bit i: SITUATIONS[i]), e.g. to count them in a worker thread. */
export function stateSituationMask(s: State): number {
  let m = 0;
  for (const x of stateSituations(s)) m |= 1 << SITUATIONS.indexOf(x);
  return m;
}

/** The step situations of a transition as a bit mask (bit i: SITUATIONS[i]). */
export function stepSituationMask(before: State, action: Action, after: State): number {
  let m = 0;
  for (const x of stepSituations(before, action, after)) m |= 1 << SITUATIONS.indexOf(x);
  return m;
}
