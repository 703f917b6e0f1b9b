/**
 * Graph-shaped toy models for the liveness checker: a state is a node number, an action is
 * one labelled edge. Nothing here knows Greenplum.
 */
import type { Model } from "../../checker/index.js";

/** One transition: from `from` to `to`, taken by action instance `inst`. */
export interface Edge {
  readonly from: number;
  readonly inst: string;
  readonly to: number;
}

export interface GraphSpec {
  readonly nodes: number;
  readonly edges: readonly Edge[];
  /** Weakly fair instances, by name. */
  readonly fair: readonly string[];
  /** One GF P goal per entry: the set of nodes where P holds, named. */
  readonly goals: Readonly<Record<string, readonly number[]>>;
  readonly initial?: number;
}

/**
 * The model of a labelled graph: actions(s) are the edges leaving s in the order given. An
 * action instance must have one successor per state (checked), as in any real model.
 */
export function graphModel(spec: GraphSpec): Model<number, Edge> {
  for (const e of spec.edges) {
    if (spec.edges.some((f) => f !== e && f.from === e.from && f.inst === e.inst)) {
      throw new Error(`toy graph: ${e.inst} has two successors from ${e.from}`);
    }
  }
  const goalNames = Object.keys(spec.goals);
  return {
    initialStates: () => [spec.initial ?? 0],
    actions: (s) => spec.edges.filter((e) => e.from === s),
    next: (_s, a) => a.to,
    key: (s) => String(s),
    actionName: (a) => a.inst.split(" ")[0],
    actionNames: [...new Set(spec.edges.map((e) => e.inst.split(" ")[0]))],
    formatAction: (a) => a.inst,
    invariants: [],
    witnesses: [],
    liveness: {
      fairInstances: spec.fair,
      fairInstanceOf: (a) => spec.fair.indexOf(a.inst),
      properties: [
        {
          name: "Eventually",
          description: "for every goal: always eventually the state is in its set",
          subjects: goalNames,
          holds: (s, i) => spec.goals[goalNames[i]].includes(s),
          explain: (cycle, i) => `goal ${goalNames[i]} never holds on the cycle through ${cycle.join(",")}`,
        },
      ],
    },
  };
}

/**
 * A brute-force oracle, independent of SCCs: goal g is violated iff some non-empty set C of
 * reachable states where P is false is strongly connected through transitions inside C (one
 * state is, by stuttering) and every fair instance enabled in all of C is taken by a
 * transition inside C. That is the definition: a cycle visits some C, may use every transition
 * inside it, and is fair iff each fair instance is taken or disabled somewhere on it.
 */
export function bruteForceViolated(spec: GraphSpec, goal: string): boolean {
  const reach = reachable(spec);
  const bad = [...reach].filter((v) => !spec.goals[goal].includes(v));
  for (let mask = 1; mask < 1 << bad.length; mask++) {
    const set = bad.filter((_, i) => (mask & (1 << i)) !== 0);
    if (!stronglyConnected(spec, set)) continue;
    const inside = spec.edges.filter((e) => set.includes(e.from) && set.includes(e.to));
    const fairOk = spec.fair.every((f) => {
      const enabledEverywhere = set.every((v) => spec.edges.some((e) => e.from === v && e.inst === f));
      return !enabledEverywhere || inside.some((e) => e.inst === f);
    });
    if (fairOk) return true;
  }
  return false;
}

function reachable(spec: GraphSpec): Set<number> {
  const seen = new Set([spec.initial ?? 0]);
  const todo = [spec.initial ?? 0];
  while (todo.length > 0) {
    const v = todo.pop() as number;
    for (const e of spec.edges) {
      if (e.from === v && !seen.has(e.to)) {
        seen.add(e.to);
        todo.push(e.to);
      }
    }
  }
  return seen;
}

function stronglyConnected(spec: GraphSpec, set: readonly number[]): boolean {
  for (const a of set) {
    const seen = new Set([a]);
    const todo = [a];
    while (todo.length > 0) {
      const v = todo.pop() as number;
      for (const e of spec.edges) {
        if (e.from === v && set.includes(e.to) && !seen.has(e.to)) {
          seen.add(e.to);
          todo.push(e.to);
        }
      }
    }
    if (set.some((b) => !seen.has(b))) return false;
  }
  return true;
}
