/**
 * The reachable graph, kept for liveness: every transition of a BFS as compressed rows.
 *
 * During the search a row is appended for each expanded state, in index order (BFS expands
 * states in the order it numbers them): the successor's 64-bit fingerprint and the weakly
 * fair instance the transition takes (a negative id: none). Fingerprints, not indices, because a
 * successor that was already visited has no index at hand: the fingerprint table is a set.
 * After the search, `resolve` turns each fingerprint into the successor's state index, in
 * place, and the rows become a CSR graph: `rowStart` (one Int32 per state plus one) and
 * `target` (one Int32 per transition), with `fair` (one byte per transition, two bytes with
 * 255 or more fair instances).
 *
 * Memory, per transition: 8 bytes of fingerprint and 1 of fair id while recording, plus the
 * rows (4 bytes per state); resolving needs a slot-to-index map of the fingerprint table
 * (4 bytes per slot) and shrinks each chunk to 4 bytes per transition as it goes. Chunks
 * of 2^16 transitions grow without ever copying what is stored.
 */
import { allocating } from "./alloc.js";
import type { FingerprintTable } from "./fpTable.js";
import type { StateTable } from "./stateTable.js";

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const WHAT = "the liveness edge store";


/** The reachable graph in compressed rows (see above). */
export interface Graph {
  readonly states: number;
  readonly transitions: number;
  /** Row of state v: transitions rowStart[v] .. rowStart[v+1]-1, in the order of `actions(s)`. */
  readonly rowStart: Int32Array;
  readonly target: Int32Array;
  /** Fair instance id of each transition, or `fairNone` when it takes none. */
  readonly fair: Uint8Array | Uint16Array;
  readonly fairNone: number;
}

export class EdgeRecorder {
  private fps: Uint32Array[] = [];
  private fairChunks: (Uint8Array | Uint16Array)[] = [];
  private rows = new Int32Array(1024);
  private readonly initialFps: number[] = [];
  /** Transitions recorded so far. */
  size = 0;
  /** States whose row has been started. */
  rowCount = 0;
  /** Bytes at the largest, for reports. */
  peakBytes = 0;
  readonly fairNone: number;
  private readonly wideFair: boolean;

  constructor(fairInstances: number) {
    this.wideFair = fairInstances >= 255;
    this.fairNone = this.wideFair ? 0xffff : 0xff;
    if (fairInstances >= 0xffff) throw new RangeError(`too many fair action instances (${fairInstances})`);
  }

  /** An initial state's fingerprint, in the order the search numbered them (indices 0, 1, …). */
  addInitial(hi: number, lo: number): void {
    this.initialFps.push(hi, lo);
  }

  /** Starts the row of state `index`; rows must be started in index order. */
  beginRow(index: number): void {
    if (index !== this.rowCount) throw new Error(`edge store: row ${index} started out of order (expected ${this.rowCount})`);
    if (index + 1 >= this.rows.length) {
      const grown = allocating(WHAT, this.rows.byteLength * 2, () => new Int32Array(this.rows.length * 2));
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[index] = this.size;
    this.rowCount = index + 1;
  }

  /** Records a transition of the current row to the state with fingerprint (hi, lo). */
  add(hi: number, lo: number, fairId: number): void {
    const e = this.size;
    const c = e >>> CHUNK_BITS;
    if (c === this.fps.length) {
      allocating(WHAT, CHUNK * 10, () => {
        this.fps.push(new Uint32Array(CHUNK * 2));
        this.fairChunks.push(this.wideFair ? new Uint16Array(CHUNK) : new Uint8Array(CHUNK));
      });
      // A failed fair chunk leaves one fps chunk more: the store is abandoned with the run.
    }
    const o = e & MASK;
    this.fps[c][o << 1] = hi;
    this.fps[c][(o << 1) + 1] = lo;
    this.fairChunks[c][o] = fairId < 0 ? this.fairNone : fairId;
    this.size = e + 1;
  }

  private recordingBytes(): number {
    const chunks = this.fps.length;
    return chunks * CHUNK * 8 + chunks * CHUNK * (this.wideFair ? 2 : 1) + this.rows.byteLength;
  }

  /**
   * Turns fingerprints into state indices. `states` is the number of states the search
   * numbered; every one of them must have been expanded (its row started). A state's own
   * fingerprint is found on the transition that discovered it (its parent's row, at its
   * ordinal), so nothing per state had to be kept during the search. `poll` is called once
   * per chunk (progress, limits: it stops the analysis by throwing, and the store is then
   * unusable).
   */
  resolve(fpTable: FingerprintTable, table: StateTable, states: number, poll: () => void = () => {}): Graph {
    if (this.rowCount !== states) throw new Error(`edge store: ${this.rowCount} rows for ${states} states`);
    this.peakBytes = Math.max(this.peakBytes, this.recordingBytes());
    const rowStart = new Int32Array(states + 1);
    rowStart.set(this.rows.subarray(0, states));
    rowStart[states] = this.size;
    this.rows = new Int32Array(0);

    // Slot of the fingerprint table -> state index.
    const slotIndex = allocating(WHAT, fpTable.slots * 4, () => new Int32Array(fpTable.slots)).fill(-1);
    this.peakBytes = Math.max(this.peakBytes, this.recordingBytes() + rowStart.byteLength + slotIndex.byteLength);
    for (let v = 0; v < states; v++) {
      if ((v & MASK) === MASK) poll();
      let hi: number;
      let lo: number;
      const parent = table.parentOf(v);
      if (parent === -1) {
        hi = this.initialFps[2 * v];
        lo = this.initialFps[2 * v + 1];
      } else {
        const e = rowStart[parent] + table.ordOf(v);
        const chunk = this.fps[e >>> CHUNK_BITS];
        const o = (e & MASK) << 1;
        hi = chunk[o];
        lo = chunk[o + 1];
      }
      const slot = fpTable.slotOf(hi, lo);
      if (slot < 0) throw new Error(`edge store: state ${v} is not in the fingerprint table`);
      slotIndex[slot] = v;
    }

    // In place: target i of a chunk is written over words 2i, 2i+1 that are read first.
    const targets: Int32Array[] = [];
    for (let c = 0; c < this.fps.length; c++) {
      poll();
      const words = this.fps[c];
      const n = Math.min(CHUNK, this.size - c * CHUNK);
      const out = new Int32Array(words.buffer, words.byteOffset, n);
      for (let i = 0; i < n; i++) {
        const slot = fpTable.slotOf(words[2 * i], words[2 * i + 1]);
        const t = slot < 0 ? -1 : slotIndex[slot];
        if (t < 0) throw new Error("edge store: a successor is not among the numbered states");
        out[i] = t;
      }
      targets.push(out.slice());
      this.fps[c] = new Uint32Array(0);
    }
    this.fps = [];

    const target = allocating(WHAT, this.size * 4, () => new Int32Array(this.size));
    for (let c = 0; c < targets.length; c++) target.set(targets[c], c * CHUNK);
    const fair = this.wideFair ? new Uint16Array(this.size) : new Uint8Array(this.size);
    for (let c = 0; c < this.fairChunks.length; c++) {
      fair.set(this.fairChunks[c].subarray(0, Math.min(CHUNK, this.size - c * CHUNK)), c * CHUNK);
    }
    this.fairChunks = [];
    this.peakBytes = Math.max(this.peakBytes, rowStart.byteLength + target.byteLength * 2 + fair.byteLength * 2);
    return { states, transitions: this.size, rowStart, target, fair, fairNone: this.fairNone };
  }
}
