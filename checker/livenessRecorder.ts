/**
 * What a BFS records for liveness while it runs: every transition (edgeStore.ts) and, for
 * every state, which `GF P` goals are false there (one bit per property and subject). The
 * states themselves are not kept, so the predicates are evaluated once, on discovery.
 */
import { allocating } from "./alloc.js";
import { EdgeRecorder, type Graph } from "./edgeStore.js";
import type { FingerprintTable } from "./fpTable.js";
import type { Liveness } from "./model.js";
import type { StateTable } from "./stateTable.js";

/** One `GF P` goal: a property and one of its subjects. */
export interface Goal {
  readonly property: number;
  readonly subject: number;
}

const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

export class LivenessRecorder<S, A> {
  readonly edges: EdgeRecorder;
  readonly goals: readonly Goal[];
  /** 32-bit words of goal bits per state. */
  readonly words: number;
  private readonly bits: Uint32Array[] = [];
  private readonly liveness: Liveness<S, A>;

  constructor(liveness: Liveness<S, A>) {
    this.liveness = liveness;
    this.edges = new EdgeRecorder(liveness.fairInstances.length);
    const goals: Goal[] = [];
    liveness.properties.forEach((p, property) => p.subjects.forEach((_, subject) => goals.push({ property, subject })));
    this.goals = goals;
    this.words = Math.max(1, Math.ceil(goals.length / 32));
  }

  /** Evaluates every goal's predicate on a newly numbered state: bit set = P is false. */
  discover(s: S, index: number): void {
    const c = index >>> CHUNK_BITS;
    while (c >= this.bits.length) {
      this.bits.push(allocating("the liveness goal bits", CHUNK * this.words * 4, () => new Uint32Array(CHUNK * this.words)));
    }
    const chunk = this.bits[c];
    const base = (index & MASK) * this.words;
    const props = this.liveness.properties;
    for (let g = 0; g < this.goals.length; g++) {
      const goal = this.goals[g];
      if (!props[goal.property].holds(s, goal.subject)) chunk[base + (g >>> 5)] |= 1 << (g & 31);
    }
  }

  /** Starts the row of the state being expanded. */
  beginRow(index: number): void {
    this.edges.beginRow(index);
  }

  /** Records a transition to the state with fingerprint (hi, lo), taking action `a`. */
  transition(hi: number, lo: number, a: A): void {
    this.edges.add(hi, lo, this.liveness.fairInstanceOf(a));
  }

  /** Writes into `out` the states among `within` (byte masks) in which goal `g` is false. */
  badMask(g: number, states: number, within: Uint8Array, out: Uint8Array): Uint8Array {
    out.fill(0);
    const w = g >>> 5;
    const bit = 1 << (g & 31);
    for (let v = 0; v < states; v++) {
      if (within[v] !== 0 && (this.bits[v >>> CHUNK_BITS][(v & MASK) * this.words + w] & bit) !== 0) out[v] = 1;
    }
    return out;
  }

  finish(fpTable: FingerprintTable, table: StateTable, states: number, poll: () => void = () => {}): Graph {
    return this.edges.resolve(fpTable, table, states, poll);
  }
}
