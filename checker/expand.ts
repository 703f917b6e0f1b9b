/**
 * Expanding a chunk of a BFS level in a worker thread (worker.ts), for parallel.ts.
 *
 * The worker decodes each state of its chunk, computes its successors and their
 * fingerprints, and drops those already in the visited set (shared with the coordinating
 * thread, read-only during a level) or already produced earlier in this chunk. What is left
 * are *candidates*, in the order the single-threaded loop would meet them; for each, the
 * worker also says which pending invariants it violates and which pending witnesses it
 * reaches, so that the coordinator re-checks only the rare states that matter.
 */
import { hashBytes } from "./fingerprint.js";
import { FingerprintTable, tableHas } from "./fpTable.js";
import type { Model, StateCodec } from "./model.js";

/** Words per candidate in `ChunkResult.meta`. */
export const META = 9;
/** Offsets of the fields of a candidate in `meta`. */
export const M_PARENT = 0;
export const M_ORD = 1;
export const M_HI = 2;
export const M_LO = 3;
export const M_INV = 4;
export const M_WIT = 5;
export const M_START = 6;
export const M_LEN = 7;
/** Path-witness bits (pathSearch.ts): after_j at bit j, holds_j at bit 16+j. */
export const M_BITS = 8;

/** Words per successor of a path-flagged parent in `ChunkResult.fmeta`. */
export const FMETA = 7;
export const F_HI = 0;
export const F_LO = 1;
export const F_HOLDS = 2;
/** 1 when the successor was visited before the level (its depth is at most the level's). */
export const F_SHALLOW = 3;
export const F_START = 4;
export const F_LEN = 5;
/** The path searches the parent is flagged for. */
export const F_MASK = 6;

/** What the coordinator sends at the start of a level. */
export interface LevelMessage {
  readonly type: "level";
  /** Numbers the parallel levels. */
  readonly round: number;
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
  /** States in the level, and per chunk. */
  readonly n: number;
  readonly chunk: number;
  /** Shared counter: the next chunk number to take (Atomics.add). */
  readonly claim: Int32Array;
  readonly levelStart: number;
  readonly table: Uint32Array;
  readonly capacity: number;
  /** Invariants not violated yet / witnesses not reached yet (bit i = number i). */
  readonly invMask: number;
  readonly witMask: number;
  /** Per state of the level: the path searches it is a flagged node of (null: none runs). */
  readonly pathFlags: Uint32Array | null;
  /** The path searches still running (bit j = search j). */
  readonly pathRunning: number;
  /**
   * Per path search: its table of flagged nodes at distance <= L (stable during the level),
   * as words and capacity, or null when it is not running. Successors already in it are not sent.
   */
  readonly pathTables: readonly ({ readonly words: Uint32Array; readonly capacity: number } | null)[];
}

export interface ChunkResult {
  readonly type: "result";
  readonly id: number;
  /** The parallel level it belongs to. */
  readonly round: number;
  readonly count: number;
  readonly meta: Uint32Array;
  readonly bytes: Uint8Array;
  readonly generated: number;
  readonly actions: Record<string, number>;
  /** Successors of path-flagged parents (FMETA words each); their bytes are in `bytes` too. */
  readonly fcount: number;
  readonly fmeta: Uint32Array;
}

/** The witnesses with a path condition, in the order pathSearch.ts numbers its searches. */
export function pathWitnessesOf<S>(model: Model<S, unknown>): Model<S, unknown>["witnesses"][number][] {
  return model.witnesses.filter((w) => w.after !== undefined).slice(0, 16);
}

export class ChunkExpander<S, A> {
  private readonly codec: StateCodec<S>;
  private readonly fingerprintBytes: (s: S, out: Uint8Array) => number;
  private readonly symmetric: boolean;
  private readonly buf: Uint8Array;
  private readonly concrete: Uint8Array;
  private readonly fp = new Uint32Array(2);
  private level: LevelMessage | null = null;
  private readonly pathWitnesses: Model<S, unknown>["witnesses"][number][];
  /** Transitions per declared action family (by index in actionNames), and any other. */
  private readonly family = new Map<string, number>();
  private readonly counts: Float64Array;
  private readonly extra = new Map<string, number>();
  private metaCapacity = 1 << 10;
  private byteCapacity = 1 << 14;

  constructor(
    private readonly model: Model<S, A>,
    symmetric: boolean,
  ) {
    const codec = model.codec;
    if (codec === undefined) throw new Error("parallel BFS needs a model with a codec");
    this.codec = codec;
    this.symmetric = symmetric;
    const sym = model.symmetry;
    if (symmetric && sym === undefined) throw new Error("the model has no symmetry");
    this.fingerprintBytes = symmetric && sym !== undefined ? (s, out) => sym.canonicalEncode(s, out) : (s, out) => codec.encode(s, out);
    this.pathWitnesses = pathWitnessesOf(model as Model<S, unknown>);
    model.actionNames.forEach((name, i) => this.family.set(name, i));
    this.counts = new Float64Array(model.actionNames.length);
    this.buf = new Uint8Array(codec.maxBytes);
    this.concrete = new Uint8Array(codec.maxBytes);
  }

  /** The searches in `mask` for which (hi, lo) is not a flagged node yet. */
  private unflaggedFor(mask: number, hi: number, lo: number): number {
    const tables = (this.level as LevelMessage).pathTables;
    for (let j = 0; j < tables.length; j++) {
      const table = tables[j];
      if ((mask & (1 << j)) !== 0 && table !== null && tableHas(table.words, table.capacity, hi, lo)) mask &= ~(1 << j);
    }
    return mask;
  }

  /** after_j (bit j) and holds_j (bit 16+j) of `t` for the path searches in `mask`. */
  private pathBits(t: S, mask: number): number {
    const ws = this.pathWitnesses;
    let bits = 0;
    for (let j = 0; j < ws.length; j++) {
      if ((mask & (1 << j)) === 0) continue;
      if ((ws[j].after as (s: S) => boolean)(t)) bits |= 1 << j;
      if (ws[j].holds(t)) bits |= 1 << (16 + j);
    }
    return bits;
  }

  startLevel(m: LevelMessage): void {
    this.level = m;
  }

  /** Takes chunks of the current level from the shared counter until none is left; hands each result to `send`. */
  drain(send: (r: ChunkResult) => void): void {
    const lv = this.level;
    if (lv === null) throw new Error("chunks before level");
    const chunks = Math.ceil(lv.n / lv.chunk);
    for (let id = Atomics.add(lv.claim, 0, 1); id < chunks; id = Atomics.add(lv.claim, 0, 1)) {
      send(this.expand(id, lv.round, id * lv.chunk, Math.min(lv.n, (id + 1) * lv.chunk)));
    }
  }

  expand(id: number, round: number, from: number, to: number): ChunkResult {
    const lv = this.level;
    if (lv === null) throw new Error("chunk before level");
    const { model, codec, buf, fp } = this;
    const invariants = model.invariants;
    const witnesses = model.witnesses;
    const flags = lv.pathFlags;
    let fmeta: Uint32Array = new Uint32Array(flags === null ? 0 : 64 * FMETA);
    let fcount = 0;
    const local = new FingerprintTable(Math.max(64, (to - from) * 2));
    let meta: Uint32Array = new Uint32Array(this.metaCapacity * META);
    let bytes: Uint8Array = new Uint8Array(this.byteCapacity);
    let count = 0;
    let used = 0;
    let generated = 0;
    const counts = this.counts;
    counts.fill(0);
    for (let p = from; p < to; p++) {
      const s = codec.decode(lv.bytes, lv.offsets[p]);
      const acts = model.actions(s);
      for (let o = 0; o < acts.length; o++) {
        const a = acts[o];
        const name = model.actionName(a);
        const f = this.family.get(name);
        if (f !== undefined) counts[f]++;
        else this.extra.set(name, (this.extra.get(name) ?? 0) + 1);
        generated++;
        const t = model.next(s, a);
        const fn = this.fingerprintBytes(t, buf);
        hashBytes(buf, fn, fp);
        const hi = fp[0];
        const lo = fp[1];
        const shallow = tableHas(lv.table, lv.capacity, hi, lo);
        // A successor of a flagged node: the path searches need all of them, except those
        // already flagged for them.
        const mask = flags === null || flags[p] === 0 ? 0 : this.unflaggedFor(flags[p], hi, lo);
        if (mask !== 0) {
          let n = 0;
          let start = 0;
          if (shallow) {
            // A B node (pathSearch.ts): the coordinator may have to expand it, so send it.
            n = this.symmetric ? codec.encode(t, this.concrete) : fn;
            if (used + n > bytes.length) bytes = grow8(bytes, Math.max(bytes.length * 2, used + n));
            const src = this.symmetric ? this.concrete : buf;
            for (let b = 0; b < n; b++) bytes[used + b] = src[b];
            start = used;
            used += n;
          }
          if ((fcount + 1) * FMETA > fmeta.length) fmeta = grow32(fmeta, Math.max(64 * FMETA, fmeta.length * 2));
          const f = fcount * FMETA;
          fmeta[f + F_HI] = hi;
          fmeta[f + F_LO] = lo;
          fmeta[f + F_HOLDS] = this.pathBits(t, mask) & 0xffff0000;
          fmeta[f + F_SHALLOW] = shallow ? 1 : 0;
          fmeta[f + F_START] = start;
          fmeta[f + F_LEN] = n;
          fmeta[f + F_MASK] = mask;
          fcount++;
        }
        if (shallow) continue;
        if (!local.insert(hi, lo)) continue;
        let inv = 0;
        for (let i = 0; i < invariants.length; i++) {
          if ((lv.invMask & (1 << i)) !== 0 && invariants[i].check(t) !== undefined) inv |= 1 << i;
        }
        let wit = 0;
        for (let j = 0; j < witnesses.length; j++) {
          if ((lv.witMask & (1 << j)) !== 0 && witnesses[j].holds(t)) wit |= 1 << j;
        }
        const bits = lv.pathRunning === 0 ? 0 : this.pathBits(t, lv.pathRunning);
        const src = this.symmetric ? this.concrete : buf;
        // Under symmetry the fingerprint hashed the canonical bytes; the queue wants the concrete state.
        const n = this.symmetric ? codec.encode(t, src) : fn;
        if ((count + 1) * META > meta.length) meta = grow32(meta, meta.length * 2);
        if (used + n > bytes.length) bytes = grow8(bytes, Math.max(bytes.length * 2, used + n));
        const k = count * META;
        meta[k + M_PARENT] = lv.levelStart + p;
        meta[k + M_ORD] = o;
        meta[k + M_HI] = hi;
        meta[k + M_LO] = lo;
        meta[k + M_INV] = inv;
        meta[k + M_WIT] = wit;
        meta[k + M_START] = used;
        meta[k + M_LEN] = n;
        meta[k + M_BITS] = bits;
        for (let b = 0; b < n; b++) bytes[used + b] = src[b];
        used += n;
        count++;
      }
    }
    this.metaCapacity = Math.max(this.metaCapacity, count);
    this.byteCapacity = Math.max(this.byteCapacity, used);
    const actions: Record<string, number> = {};
    for (let f = 0; f < counts.length; f++) if (counts[f] !== 0) actions[model.actionNames[f]] = counts[f];
    for (const [name, n] of this.extra) actions[name] = (actions[name] ?? 0) + n;
    this.extra.clear();
    return { type: "result", id, round, count, meta, bytes, generated, actions, fcount, fmeta };
  }
}

function grow32(a: Uint32Array, n: number): Uint32Array {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}

function grow8(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
