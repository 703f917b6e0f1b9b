/**
 * Per-state bookkeeping of a search, indexed by discovery order: the parent's index
 * (-1 for an initial state) and the action ordinal that led here (for an initial state,
 * its position in `initialStates()`). States themselves are not stored: a trace is
 * rebuilt by walking parents back and replaying the ordinals (see trace.ts).
 * 8 bytes per state, in growable typed arrays.
 */
export class StateTable {
  parent: Int32Array;
  ord: Int32Array;
  size = 0;

  constructor(capacity = 1 << 12) {
    this.parent = new Int32Array(capacity);
    this.ord = new Int32Array(capacity);
  }

  /** Records a new state and returns its index. */
  add(parent: number, ord: number): number {
    const i = this.size;
    if (i === this.parent.length) this.grow();
    this.parent[i] = parent;
    this.ord[i] = ord;
    this.size = i + 1;
    return i;
  }

  private grow(): void {
    const capacity = this.parent.length * 2;
    const parent = new Int32Array(capacity);
    parent.set(this.parent);
    const ord = new Int32Array(capacity);
    ord.set(this.ord);
    this.parent = parent;
    this.ord = ord;
  }
}
