/**
 * The forward search over sets of model states that decides whether a content's history is
 * a run of the model. A layer maps each state the history can be in to the cheapest path
 * that reaches it (fewest faults, then fewest steps), so that a witness can be read back.
 *
 * - `closeLayer`: add every state reachable by steps that leave the catalog projection
 *   alone (commits, streaming, crashes, restarts, recoveries, probes that change nothing):
 *   the steps a history does not record.
 * - `advance`: keep the successors by one observed step (a catalog change to a given
 *   projection, a double-fault probe, gpaddmirrors, a full recovery), or filter by an
 *   observed fact (the catalog primary is up again).
 */
import { catalogPrimary } from "../model/index.js";
import type { HistoryGraph, Projection } from "./historyGraph.js";

/** One step of a path through the graph, linked to the step before it. */
export interface PathNode {
  readonly state: number;
  readonly faults: number;
  readonly steps: number;
  readonly prev: PathNode | null;
  /** The action taken to reach `state` (index into graph.actions), or -1 for none. */
  readonly action: number;
  /** The observation this node records (its index in the content's list), or -1. */
  readonly mark: number;
}

export type Layer = Map<number, PathNode>;

/** An observed step or fact of a content's history, in the model's terms. */
export type Letter =
  | { readonly kind: "change"; readonly to: Projection }
  | { readonly kind: "doubleFault" }
  | { readonly kind: "addMirror" }
  | { readonly kind: "recoverFull" }
  | { readonly kind: "primaryUp"; readonly index: 0 | 1 };

const FAULT_WEIGHT = 1 << 20;

function cost(n: PathNode): number {
  return n.faults * FAULT_WEIGHT + n.steps;
}

function better(a: PathNode, b: PathNode | undefined): boolean {
  return b === undefined || cost(a) < cost(b);
}

/** A binary min-heap of path nodes by cost. */
class Heap {
  private readonly items: PathNode[] = [];
  get size(): number {
    return this.items.length;
  }
  push(n: PathNode): void {
    const a = this.items;
    a.push(n);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cost(a[p]) <= cost(a[i])) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): PathNode {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as PathNode;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && cost(a[l]) < cost(a[m])) m = l;
        if (r < a.length && cost(a[r]) < cost(a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

export function startLayer(g: HistoryGraph): Layer {
  return new Map([[g.initial, { state: g.initial, faults: 0, steps: 0, prev: null, action: -1, mark: -1 }]]);
}

/** Every state reachable from the layer by steps that keep the catalog projection, each by its cheapest path. */
export function closeLayer(g: HistoryGraph, seeds: Layer): Layer {
  const best: Layer = new Map(seeds);
  const done = new Set<number>();
  const heap = new Heap();
  for (const n of seeds.values()) heap.push(n);
  while (heap.size > 0) {
    const n = heap.pop();
    if (done.has(n.state) || best.get(n.state) !== n) continue;
    done.add(n.state);
    const proj = g.projection[n.state];
    for (let e = g.edgeStart[n.state]; e < g.edgeStart[n.state + 1]; e++) {
      const to = g.edgeTo[e];
      if (to === n.state || g.projection[to] !== proj || done.has(to)) continue;
      const next: PathNode = { state: to, faults: n.faults + g.edgeFault[e], steps: n.steps + 1, prev: n, action: g.edgeAction[e], mark: -1 };
      if (better(next, best.get(to))) {
        best.set(to, next);
        heap.push(next);
      }
    }
  }
  return best;
}

/** Whether edge e (from state `from`) is a step the letter observes. */
function edgeMatches(g: HistoryGraph, from: number, e: number, letter: Letter): boolean {
  const to = g.edgeTo[e];
  switch (letter.kind) {
    case "change":
      return g.projection[to] === letter.to && g.projection[from] !== letter.to;
    case "doubleFault":
      return g.edgeRow[e] === "E4";
    case "addMirror":
      return g.actions[g.edgeAction[e]].action.type === "AddMirror";
    case "recoverFull":
      return g.actions[g.edgeAction[e]].action.type === "RecoverFull";
    case "primaryUp":
      return false;
  }
}

/**
 * The states after the observed letter, from a closed layer: the successors by a matching
 * step, or for a fact the states where it holds. `mark` labels the new path nodes.
 */
export function advance(g: HistoryGraph, closed: Layer, letter: Letter, mark: number): Layer {
  const out: Layer = new Map();
  if (letter.kind === "primaryUp") {
    for (const n of closed.values()) {
      const content = g.states[n.state].contents[0];
      if (content.catalog.primary === letter.index && catalogPrimary(content).alive) {
        out.set(n.state, { ...n, prev: n, action: -1, mark });
      }
    }
    return out;
  }
  for (const n of closed.values()) {
    for (let e = g.edgeStart[n.state]; e < g.edgeStart[n.state + 1]; e++) {
      if (!edgeMatches(g, n.state, e, letter)) continue;
      const to = g.edgeTo[e];
      const next: PathNode = { state: to, faults: n.faults + g.edgeFault[e], steps: n.steps + 1, prev: n, action: g.edgeAction[e], mark };
      if (better(next, out.get(to))) out.set(to, next);
    }
  }
  return out;
}

/** A step the protocol allows from a closed layer, for messages: the projection it leads to and how. */
export interface AllowedStep {
  readonly letter: Letter;
  /** An action that takes it, in trace syntax with its FTS row when it is a probe: "FtsProbe content=0 (row D2)". */
  readonly via: string;
}

/** Every observable step the protocol allows from a closed layer: catalog changes, double-fault probes, admin steps. */
export function allowedSteps(g: HistoryGraph, closed: Layer): AllowedStep[] {
  const found = new Map<string, AllowedStep>();
  for (const n of closed.values()) {
    const from = g.projection[n.state];
    for (let e = g.edgeStart[n.state]; e < g.edgeStart[n.state + 1]; e++) {
      const to = g.edgeTo[e];
      const type = g.actions[g.edgeAction[e]].action.type;
      let letter: Letter | null = null;
      if (g.projection[to] !== from) letter = { kind: "change", to: g.projection[to] };
      else if (g.edgeRow[e] === "E4") letter = { kind: "doubleFault" };
      else if (type === "AddMirror") letter = { kind: "addMirror" };
      if (letter === null) continue;
      const key = JSON.stringify(letter);
      if (found.has(key)) continue;
      const row = g.edgeRow[e];
      found.set(key, { letter, via: `${type}${row === null ? "" : ` (row ${row})`}` });
    }
  }
  return [...found.values()].sort((a, b) => letterOrder(a.letter) - letterOrder(b.letter));
}

function letterOrder(l: Letter): number {
  switch (l.kind) {
    case "change":
      return l.to;
    case "doubleFault":
      return 100;
    case "addMirror":
      return 101;
    case "recoverFull":
      return 102;
    case "primaryUp":
      return 103 + l.index;
  }
}

/** The cheapest node of a layer (fewest faults, then fewest steps); undefined for an empty layer. */
export function cheapest(layer: Layer): PathNode | undefined {
  let best: PathNode | undefined;
  for (const n of layer.values()) if (better(n, best)) best = n;
  return best;
}

/** The path to a node, oldest first (the start node excluded). */
export function pathTo(n: PathNode): PathNode[] {
  const out: PathNode[] = [];
  for (let x: PathNode | null = n; x !== null && x.prev !== null; x = x.prev) out.push(x);
  return out.reverse();
}
