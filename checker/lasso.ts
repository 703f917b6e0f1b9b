/**
 * Builds a lasso from a fair component (fairScc.ts): the stem is the BFS path to the
 * component's root (its smallest state index, so a shortest path to the component), and
 * the cycle starts and ends at the root and meets every fairness obligation of the
 * component: each fair instance enabled in all its states is taken by a transition, each
 * other one is seen disabled in a state. Greedily, the cycle walks to the nearest
 * unmet obligation (BFS inside the component) until none is left, then back to the root; a
 * root where every fair instance is disabled gives an empty cycle (stuttering for ever).
 *
 * The cycle is found on state indices, then replayed on concrete states from the stem's last
 * state, and its fairness account is computed from the concrete states.
 */
import type { Graph } from "./edgeStore.js";
import type { FairComponent } from "./fairScc.js";
import type { Liveness, Model } from "./model.js";
import type { FairnessEntry, Trace, TraceStep } from "./result.js";

/** Scratch for the BFS walks inside a component. */
export class WalkScratch {
  readonly seen: Int32Array;
  /** The transition and the state through which the walk first reached each state. */
  readonly viaEdge: Int32Array;
  readonly viaState: Int32Array;
  readonly queue: Int32Array;
  private stamp = 0;

  constructor(states: number) {
    this.seen = new Int32Array(states);
    this.viaEdge = new Int32Array(states);
    this.viaState = new Int32Array(states);
    this.queue = new Int32Array(states);
  }

  nextStamp(): number {
    return ++this.stamp;
  }
}

/** One step of a cycle on the graph: transition `edge`, taken from state `source`. */
export interface CycleStep {
  readonly source: number;
  readonly edge: number;
}

/** Writes the fair instances enabled in state v into `out`, as a bitset. */
function enabledSet(g: Graph, v: number, out: Uint32Array): Uint32Array {
  out.fill(0);
  for (let e = g.rowStart[v]; e < g.rowStart[v + 1]; e++) {
    const f = g.fair[e];
    if (f !== g.fairNone) out[f >>> 5] |= 1 << (f & 31);
  }
  return out;
}

const has = (set: Uint32Array, f: number): boolean => (set[f >>> 5] & (1 << (f & 31))) !== 0;

/** The cycle, from the component's root back to it, as steps on the graph. */
export function cycleSteps(g: Graph, c: FairComponent, fairCount: number, scratch: WalkScratch): CycleStep[] {
  const words = Math.max(1, Math.ceil(fairCount / 32));
  // An instance is covered once the cycle took it or passed a state where it is disabled.
  // Bits past fairCount start covered, so that whole words can be compared.
  const covered = new Uint32Array(words);
  for (let f = fairCount; f < words * 32; f++) covered[f >>> 5] |= 1 << (f & 31);
  const en = new Uint32Array(words);
  const coverDisabled = (v: number): void => {
    enabledSet(g, v, en);
    for (let w = 0; w < words; w++) covered[w] |= ~en[w];
  };
  const allCovered = (): boolean => {
    for (let w = 0; w < words; w++) if (covered[w] !== 0xffffffff) return false;
    return true;
  };
  const disablesUncovered = (v: number): boolean => {
    enabledSet(g, v, en);
    for (let w = 0; w < words; w++) if ((~covered[w] & ~en[w]) !== 0) return true;
    return false;
  };

  const steps: CycleStep[] = [];
  let cur = c.root;
  coverDisabled(cur);
  // BFS from `cur` over transitions inside the component, up to the first transition that
  // `stop` accepts; the path to it is appended to the cycle. `stop` sees each transition, and
  // `firstVisit` tells it whether its target is met for the first time in this walk.
  const walk = (stop: (e: number, to: number, firstVisit: boolean) => boolean): void => {
    const stamp = scratch.nextStamp();
    const { seen, viaEdge, viaState, queue } = scratch;
    let head = 0;
    let tail = 0;
    queue[tail++] = cur;
    seen[cur] = stamp;
    while (head < tail) {
      const u = queue[head++];
      for (let e = g.rowStart[u]; e < g.rowStart[u + 1]; e++) {
        const t = g.target[e];
        if (c.comp[t] !== c.id) continue;
        if (stop(e, t, seen[t] !== stamp)) {
          const path: CycleStep[] = [{ source: u, edge: e }];
          for (let x = u; x !== cur; x = viaState[x]) path.push({ source: viaState[x], edge: viaEdge[x] });
          for (let i = path.length - 1; i >= 0; i--) {
            const step = path[i];
            steps.push(step);
            const f = g.fair[step.edge];
            if (f !== g.fairNone) covered[f >>> 5] |= 1 << (f & 31);
            coverDisabled(g.target[step.edge]);
          }
          cur = t;
          return;
        }
        if (seen[t] !== stamp) {
          seen[t] = stamp;
          viaEdge[t] = e;
          viaState[t] = u;
          queue[tail++] = t;
        }
      }
    }
    throw new Error("lasso: an obligation is unreachable inside a strongly connected component");
  };

  // Each walk covers at least one more instance, so there are at most fairCount + 1 walks.
  while (!allCovered()) {
    walk((e, to, firstVisit) => {
      const f = g.fair[e];
      return (f !== g.fairNone && !has(covered, f)) || (firstVisit && disablesUncovered(to));
    });
  }
  if (cur !== c.root) walk((_e, to) => to === c.root);
  return steps;
}

/**
 * Replays the cycle from the stem's last state and checks that it returns there. Returns the
 * cycle's steps (not including the loop state itself).
 */
export function replayCycle<S, A>(model: Model<S, A>, from: S, g: Graph, cycle: readonly CycleStep[]): TraceStep<S, A>[] {
  const steps: TraceStep<S, A>[] = [];
  let s = from;
  for (const { source, edge } of cycle) {
    const acts = model.actions(s);
    // A transition's position in its row is the action's position in actions(s).
    const o = edge - g.rowStart[source];
    if (o >= acts.length) throw new Error("lasso replay: the model is not deterministic");
    const a = acts[o];
    s = model.next(s, a);
    steps.push({ action: a, state: s });
  }
  if (cycle.length > 0 && model.key(s) !== model.key(from)) {
    throw new Error("lasso replay: the cycle does not return to its first state (fingerprint collision?)");
  }
  return steps;
}

/**
 * The fairness account of a lasso's cycle on concrete states: for each fair instance, the
 * first cycle step that takes it, else the first cycle state where it is disabled.
 */
export function fairnessAccount<S, A>(
  model: Model<S, A>,
  liveness: Liveness<S, A>,
  trace: Trace<S, A>,
  loopStart: number,
): FairnessEntry[] {
  const n = liveness.fairInstances.length;
  const taken = new Int32Array(n).fill(-1);
  const disabledAt = new Int32Array(n).fill(-1);
  const last = trace.length - 1;
  for (let i = loopStart + 1; i <= last; i++) {
    const a = trace[i].action;
    if (a === null) continue;
    const f = liveness.fairInstanceOf(a);
    if (f >= 0 && taken[f] === -1) taken[f] = i;
  }
  // The cycle's states: the loop state and those after each cycle step but the last (it is
  // the loop state again).
  const lastState = last > loopStart ? last - 1 : loopStart;
  for (let i = loopStart; i <= lastState; i++) {
    const enabled = new Uint8Array(n);
    for (const a of model.actions(trace[i].state)) {
      const f = liveness.fairInstanceOf(a);
      if (f >= 0) enabled[f] = 1;
    }
    for (let f = 0; f < n; f++) if (enabled[f] === 0 && disabledAt[f] === -1) disabledAt[f] = i;
  }
  const out: FairnessEntry[] = [];
  for (let f = 0; f < n; f++) {
    const t = taken[f] === -1 ? null : taken[f];
    const d = t === null && disabledAt[f] !== -1 ? disabledAt[f] : null;
    if (t === null && d === null) {
      throw new Error(`lasso: fair instance ${liveness.fairInstances[f]} is enabled throughout the cycle and never taken`);
    }
    out.push({ instance: liveness.fairInstances[f], taken: t, disabledAt: d });
  }
  return out;
}
