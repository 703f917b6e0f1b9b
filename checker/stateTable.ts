/**
 * Per-state bookkeeping of a search, indexed by discovery order: the parent's index
 * (-1 for an initial state) and the action ordinal that led here (for an initial state,
 * its position in `initialStates()`). States themselves are not stored: a trace is
 * rebuilt by walking parents back and replaying the ordinals (see trace.ts).
 *
 * 5 bytes per state: a 4-byte parent and a 1-byte ordinal (a state rarely enables more than
 * 255 actions; the first ordinal above 254 switches the ordinals to 4 bytes). Stored in
 * chunks of 2^14 states, so that growing never copies and never leaves more than one
 * chunk unused.
 */
import { allocating } from "./alloc.js";

const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

export class StateTable {
  private readonly parents: Int32Array[] = [];
  private ords: (Uint8Array | Int32Array)[] = [];
  private wide = false;
  size = 0;

  /** Records a new state and returns its index. */
  add(parent: number, ord: number): number {
    const i = this.size;
    const c = i >>> CHUNK_BITS;
    if (c === this.parents.length) {
      const [parents, ords] = allocating("the state table (parents, for traces)", CHUNK * (this.wide ? 8 : 5), () => [
        new Int32Array(CHUNK),
        this.wide ? new Int32Array(CHUNK) : new Uint8Array(CHUNK),
      ]);
      this.parents.push(parents);
      this.ords.push(ords);
    }
    if (ord > 254 && !this.wide) this.widen();
    this.parents[c][i & MASK] = parent;
    this.ords[c][i & MASK] = ord;
    this.size = i + 1;
    return i;
  }

  parentOf(i: number): number {
    return this.parents[i >>> CHUNK_BITS][i & MASK];
  }

  ordOf(i: number): number {
    return this.ords[i >>> CHUNK_BITS][i & MASK];
  }

  /** Bytes held (whole chunks). */
  get bytes(): number {
    let b = 0;
    for (let c = 0; c < this.parents.length; c++) b += this.parents[c].byteLength + this.ords[c].byteLength;
    return b;
  }

  private widen(): void {
    this.wide = true;
    this.ords = allocating("the state table (parents, for traces)", this.ords.length * CHUNK * 4, () =>
      this.ords.map((o) => Int32Array.from(o)),
    );
  }
}
