/**
 * Finds a reachable fair cycle inside a set of states (those where P is false), in linear
 * time: Tarjan's strongly connected components, iterative, over the CSR graph restricted to
 * the set, with each component tested for weak fairness as it is completed.
 *
 * Why one test per SCC is exact for weak fairness. A cycle is fair iff every weakly fair
 * instance is taken on it or disabled in one of its states. Take an SCC C of the restricted
 * graph (a single state counts: its cycle is its self-loops, or a stutter). If every fair
 * instance that is enabled in *every* state of C is taken by some transition inside C, a
 * single cycle through every state and every internal transition of C exists (C is strongly
 * connected), and it is fair: an instance enabled everywhere is taken on it, and any other
 * is disabled in a state it visits. Conversely, if some instance f is enabled in every state
 * of C and no transition inside C takes it, no cycle within C takes f nor visits a state
 * where f is disabled, so no cycle within C is fair; and every cycle of the restricted graph
 * lies within one SCC. Hence: a fair cycle keeping P false exists iff some SCC passes the
 * test. Under *strong* fairness (infinitely often enabled ⇒ infinitely often taken) a failing
 * SCC could still contain a fair sub-cycle that avoids the states enabling f, so one would
 * have to remove those states and decompose again (Emerson–Lei); weak fairness never needs
 * that, because leaving states out of a cycle can only make "enabled in every state" truer.
 */
import { allocating } from "./alloc.js";
import type { Graph } from "./edgeStore.js";

/** The fair component found, if any: its states are those with `comp[v] === id`. */
export interface FairComponent {
  readonly id: number;
  /** Its smallest state index: with BFS numbering, the state of the component nearest the start. */
  readonly root: number;
  readonly comp: Int32Array;
}

/** Scratch arrays for Tarjan, sized once per graph and reused for every goal. */
export class SccScratch {
  readonly index: Int32Array;
  readonly low: Int32Array;
  readonly comp: Int32Array;
  readonly stack: Int32Array;
  readonly callNode: Int32Array;
  readonly callEdge: Int32Array;
  readonly onStack: Uint8Array;
  readonly fairWords: number;
  private readonly enabledAll: Uint32Array;
  private readonly taken: Uint32Array;
  private readonly row: Uint32Array;

  constructor(states: number, fairInstances: number) {
    const ints = (): Int32Array => allocating("the liveness analysis (SCC scratch)", states * 4, () => new Int32Array(states));
    this.index = ints();
    this.low = ints();
    this.comp = ints();
    this.stack = ints();
    this.callNode = ints();
    this.callEdge = ints();
    this.onStack = new Uint8Array(states);
    this.fairWords = Math.max(1, Math.ceil(fairInstances / 32));
    this.enabledAll = new Uint32Array(this.fairWords);
    this.taken = new Uint32Array(this.fairWords);
    this.row = new Uint32Array(this.fairWords);
  }


  /**
   * Tests the component whose states are `stack[from..to)` (their `comp` already set to `id`):
   * is every fair instance enabled in all its states taken by one of its internal transitions?
   */
  isFair(g: Graph, from: number, to: number, id: number): boolean {
    const { enabledAll, taken, row, fairWords, stack, comp } = this;
    enabledAll.fill(0xffffffff);
    taken.fill(0);
    for (let k = from; k < to; k++) {
      const v = stack[k];
      row.fill(0);
      for (let e = g.rowStart[v]; e < g.rowStart[v + 1]; e++) {
        const f = g.fair[e];
        if (f === g.fairNone) continue;
        const bit = 1 << (f & 31);
        row[f >>> 5] |= bit;
        if (comp[g.target[e]] === id) taken[f >>> 5] |= bit;
      }
      for (let w = 0; w < fairWords; w++) enabledAll[w] &= row[w];
    }
    for (let w = 0; w < fairWords; w++) if ((enabledAll[w] & ~taken[w]) !== 0) return false;
    return true;
  }
}

/**
 * Tarjan's algorithm, iterative, over the subgraph induced by `inSet`: calls `onComponent`
 * for each strongly connected component, whose states are `stack[from..to)` of the scratch
 * (their `comp` already set to `id`), in reverse topological order. `poll` is called every
 * 4096 steps (progress and limits of the run; it stops the analysis by throwing).
 */
function tarjan(
  g: Graph,
  inSet: Uint8Array,
  scratch: SccScratch,
  onComponent: (from: number, to: number, id: number) => void,
  poll: () => void,
): void {
  const { index, low, comp, stack, callNode, callEdge, onStack } = scratch;
  const n = g.states;
  index.fill(-1);
  comp.fill(-1);
  onStack.fill(0);
  const { rowStart, target } = g;
  let counter = 0;
  let sp = 0;
  let compCount = 0;
  let steps = 0;

  for (let root = 0; root < n; root++) {
    if (inSet[root] === 0 || index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[0] = root;
    callEdge[0] = rowStart[root];
    let csp = 1;
    while (csp > 0) {
      if ((++steps & 4095) === 0) poll();
      const v = callNode[csp - 1];
      let e = callEdge[csp - 1];
      const end = rowStart[v + 1];
      let descended = false;
      while (e < end) {
        const w = target[e++];
        if (inSet[w] === 0) continue;
        if (index[w] === -1) {
          callEdge[csp - 1] = e;
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[csp] = w;
          callEdge[csp] = rowStart[w];
          csp++;
          descended = true;
          break;
        }
        if (onStack[w] === 1 && index[w] < low[v]) low[v] = index[w];
      }
      if (descended) continue;
      csp--;
      if (csp > 0) {
        const u = callNode[csp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
      if (low[v] !== index[v]) continue;
      // v is the root of a component: stack[k..sp) are its states.
      let k = sp - 1;
      while (stack[k] !== v) k--;
      const id = compCount++;
      for (let i = k; i < sp; i++) {
        comp[stack[i]] = id;
        onStack[stack[i]] = 0;
      }
      onComponent(k, sp, id);
      sp = k;
    }
  }
}

/**
 * The states that can lie on a fair cycle of some goal: those in a component of two or more
 * states of the whole graph, and those that form a fair component on their own (every fair
 * instance enabled there is a self-loop: a probe that changes nothing, or none is enabled, and
 * the behaviour may stutter). A single-state component's cycles are its self-loops and
 * stutters whatever the goal, so its fairness is decided once here; a state in no fair
 * component of its own and in no larger component lies on no fair cycle at all.
 */
export function cycleCandidates(g: Graph, scratch: SccScratch, poll: () => void = noPoll): Uint8Array {
  const out = new Uint8Array(g.states);
  const all = new Uint8Array(g.states).fill(1);
  const { stack } = scratch;
  tarjan(g, all, scratch, (from, to, id) => {
    if (to - from > 1) {
      for (let i = from; i < to; i++) out[stack[i]] = 1;
    } else if (scratch.isFair(g, from, to, id)) out[stack[from]] = 1;
  }, poll);
  return out;
}

/**
 * The fair SCC of the subgraph induced by `inSet` whose smallest state index is smallest (so
 * that its stem is shortest), or null when every cycle within the set is unfair.
 */
export function findFairComponent(
  g: Graph,
  inSet: Uint8Array,
  scratch: SccScratch,
  poll: () => void = noPoll,
): FairComponent | null {
  let best = -1;
  let bestRoot = g.states;
  const { stack } = scratch;
  tarjan(g, inSet, scratch, (from, to, id) => {
    let minState = g.states;
    for (let i = from; i < to; i++) if (stack[i] < minState) minState = stack[i];
    if (minState < bestRoot && scratch.isFair(g, from, to, id)) {
      best = id;
      bestRoot = minState;
    }
  }, poll);
  return best === -1 ? null : { id: best, root: bestRoot, comp: scratch.comp };
}

function noPoll(): void {}
