// Witnesses with a path condition are found during the BFS (pathSearch.ts) by default and by
// a separate search after the run with exact keys or bounds (pathWitness.ts). Both must give
// the same depth, on every kind of graph: checked here on many seeded random graphs.
import { describe, expect, it } from "vitest";
import { checkBfs, type Model } from "../../checker/index.js";
import { witness } from "./toyModels.js";

interface GraphSpec {
  readonly n: number;
  readonly edges: readonly (readonly number[])[];
  readonly after: readonly boolean[];
  readonly holds: readonly boolean[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomGraph(seed: number): GraphSpec {
  const r = rng(seed);
  const n = 5 + Math.floor(r() * 60);
  const edges = Array.from({ length: n }, () => {
    const k = Math.floor(r() * 4);
    return Array.from({ length: k }, () => Math.floor(r() * n));
  });
  return {
    n,
    edges,
    after: Array.from({ length: n }, () => r() < 0.12),
    holds: Array.from({ length: n }, () => r() < 0.15),
  };
}

/** The graph as a model: states are node numbers, action o follows the o-th edge. */
function graphModel(g: GraphSpec): Model<number, number> {
  return {
    initialStates: () => [0],
    actions: (s) => g.edges[s].map((_, o) => o),
    next: (s, o) => g.edges[s][o],
    key: (s) => String(s),
    actionName: () => "Go",
    actionNames: ["Go"],
    formatAction: (o) => `Go ${o}`,
    invariants: [],
    witnesses: [
      witness<number>("plain", (s) => g.holds[s]),
      witness<number>("afterFirst", (s) => g.holds[s], false, (s) => g.after[s]),
      witness<number>("afterSecond", (s) => g.after[s] && s % 2 === 0, false, (s) => g.holds[s]),
    ],
  };
}

describe("path witnesses during the BFS", () => {
  it("give the depths of the search after the run, on 300 random graphs", () => {
    const differences: string[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const model = graphModel(randomGraph(seed));
      const during = checkBfs(model, {}).witnesses.map((w) => w.depth);
      const after = checkBfs(model, { exact: true }).witnesses.map((w) => w.depth);
      if (JSON.stringify(during) !== JSON.stringify(after)) differences.push(`seed ${seed}: ${JSON.stringify(during)} vs ${JSON.stringify(after)}`);
    }
    expect(differences).toEqual([]);
  });

  it("find a witness whose only flagged path revisits states of smaller depth", () => {
    // 0 -> 1 -> 2 (after) -> 0: the flagged path to 1 comes back through 0 (depth 0), so
    // BackTo-style witnesses need the B nodes (pathSearch.ts).
    const g: GraphSpec = { n: 3, edges: [[1], [2], [0]], after: [false, false, true], holds: [false, true, false] };
    const model = graphModel(g);
    expect(checkBfs(model, {}).witnesses[1].depth).toBe(4);
    expect(checkBfs(model, { exact: true }).witnesses[1].depth).toBe(4);
  });
});
