/**
 * The visited set of a search, in two kinds:
 * - `HashedVisited` (the default): 64-bit fingerprints in a `FingerprintTable`. A state's
 *   fingerprint hashes its codec bytes (or its canonical bytes under symmetry), or its
 *   `key` for a model without a codec.
 * - `ExactVisited` (`exact`): full keys in a Map, for cross-checks; no collision is possible.
 *
 * Lookups go in two steps so that a search can time them apart: `identify` computes a state's
 * fingerprint or key into a numbered scratch slot, then `insertAt`/`hasAt` use that slot.
 */
import { collisionProbability, hashBytes, hashString } from "./fingerprint.js";
import { FingerprintTable } from "./fpTable.js";
import type { Model } from "./model.js";
import type { FingerprintInfo } from "./result.js";

export interface VisitedSet<S> {
  /** Computes the fingerprint (or key) of `s` into scratch slot `i`. */
  identify(s: S, i: number): void;
  /** Adds the state identified in slot `i`; true if it was not there yet. */
  insertAt(i: number): boolean;
  /** Whether the state identified in slot `i` is there. */
  hasAt(i: number): boolean;
  has(s: S): boolean;
  /** A number in [0, idBound) naming a stored state (stable once the search is over), or -1. */
  idOf(s: S): number;
  readonly idBound: number;
  readonly size: number;
  /** Bytes held by the set, or null when not measurable (exact keys in a Map). */
  readonly bytes: number | null;
  fingerprintInfo(): FingerprintInfo;
}

export class HashedVisited<S> implements VisitedSet<S> {
  readonly table: FingerprintTable;
  private hi = new Uint32Array(64);
  private lo = new Uint32Array(64);
  private readonly fp = new Uint32Array(2);
  private readonly buf: Uint8Array;
  private readonly writeBytes: ((s: S, out: Uint8Array) => number) | null;
  private readonly key: (s: S) => string;
  /**
   * Without symmetry the bytes hashed are the state's own encoding: kept per scratch slot so
   * that a new state goes to the queue without being encoded twice.
   */
  private readonly keepsEncoding: boolean;
  private slotBytes: Uint8Array[] = [];
  private slotLength = new Int32Array(64);

  constructor(model: Model<S, unknown>, symmetric: boolean, table: FingerprintTable) {
    this.table = table;
    const codec = model.codec;
    this.buf = new Uint8Array(codec?.maxBytes ?? 0);
    if (symmetric) {
      const sym = model.symmetry;
      if (sym === undefined || codec === undefined) throw new RangeError("this model has no symmetry to reduce by");
      this.writeBytes = (s, out) => sym.canonicalEncode(s, out);
    } else {
      this.writeBytes = codec === undefined ? null : (s, out) => codec.encode(s, out);
    }
    this.key = (s) => model.key(s);
    this.keepsEncoding = !symmetric && codec !== undefined;
    if (this.keepsEncoding) for (let i = 0; i < this.hi.length; i++) this.slotBytes.push(new Uint8Array(this.buf.length));
  }

  identify(s: S, i: number): void {
    if (i >= this.hi.length) this.growScratch(i);
    let fp: Uint32Array;
    if (this.keepsEncoding) {
      fp = this.fp;
      const out = this.slotBytes[i];
      const n = (this.writeBytes as (s: S, out: Uint8Array) => number)(s, out);
      this.slotLength[i] = n;
      hashBytes(out, n, fp);
    } else fp = this.compute(s);
    this.hi[i] = fp[0];
    this.lo[i] = fp[1];
  }

  /** The state's own encoding computed by `identify` into slot `i`, or null (symmetry, no codec). */
  encodingAt(i: number): Uint8Array | null {
    return this.keepsEncoding ? this.slotBytes[i] : null;
  }

  encodingLengthAt(i: number): number {
    return this.slotLength[i];
  }

  /** The fingerprint of `s`, in a buffer reused by the next call. */
  private compute(s: S): Uint32Array {
    const fp = this.fp;
    if (this.writeBytes !== null) hashBytes(this.buf, this.writeBytes(s, this.buf), fp);
    else hashString(this.key(s), fp);
    return fp;
  }

  /** The fingerprint computed into slot `i`: high half. */
  hiAt(i: number): number {
    return this.hi[i];
  }

  /** The fingerprint computed into slot `i`: low half. */
  loAt(i: number): number {
    return this.lo[i];
  }

  insertAt(i: number): boolean {
    return this.table.insert(this.hi[i], this.lo[i]);
  }

  hasAt(i: number): boolean {
    return this.table.has(this.hi[i], this.lo[i]);
  }

  has(s: S): boolean {
    const fp = this.compute(s);
    return this.table.has(fp[0], fp[1]);
  }

  /** The fingerprint of `s`: [high, low]. */
  fingerprintOf(s: S): [number, number] {
    const fp = this.compute(s);
    return [fp[0], fp[1]];
  }

  idOf(s: S): number {
    const fp = this.compute(s);
    return this.table.slotOf(fp[0], fp[1]);
  }

  get idBound(): number {
    return this.table.slots;
  }

  get size(): number {
    return this.table.size;
  }

  get bytes(): number {
    return this.table.bytes;
  }

  fingerprintInfo(): FingerprintInfo {
    return { kind: "hash64", collisionProbability: collisionProbability(this.table.size) };
  }

  private growScratch(i: number): void {
    const n = Math.max(i + 1, this.hi.length * 2);
    const hi = new Uint32Array(n);
    hi.set(this.hi);
    const lo = new Uint32Array(n);
    lo.set(this.lo);
    this.hi = hi;
    this.lo = lo;
    const len = new Int32Array(n);
    len.set(this.slotLength);
    this.slotLength = len;
    if (this.keepsEncoding) while (this.slotBytes.length < n) this.slotBytes.push(new Uint8Array(this.buf.length));
  }
}

export class ExactVisited<S> implements VisitedSet<S> {
  private readonly map = new Map<string, number>();
  private keys: string[] = [];
  private readonly key: (s: S) => string;

  constructor(model: Model<S, unknown>, symmetric: boolean) {
    if (symmetric) {
      const sym = model.symmetry;
      const codec = model.codec;
      if (sym === undefined || codec === undefined) throw new RangeError("this model has no symmetry to reduce by");
      const buf = new Uint8Array(codec.maxBytes);
      // The canonical bytes, one character each: an exact key of the orbit.
      this.key = (s) => String.fromCharCode.apply(null, Array.from(buf.subarray(0, sym.canonicalEncode(s, buf))));
    } else {
      this.key = (s) => model.key(s);
    }
  }

  identify(s: S, i: number): void {
    this.keys[i] = this.key(s);
  }

  insertAt(i: number): boolean {
    const k = this.keys[i];
    if (this.map.has(k)) return false;
    this.map.set(k, this.map.size);
    return true;
  }

  hasAt(i: number): boolean {
    return this.map.has(this.keys[i]);
  }

  has(s: S): boolean {
    return this.map.has(this.key(s));
  }

  idOf(s: S): number {
    return this.map.get(this.key(s)) ?? -1;
  }

  get idBound(): number {
    return this.map.size;
  }

  get size(): number {
    return this.map.size;
  }

  get bytes(): null {
    return null;
  }

  fingerprintInfo(): FingerprintInfo {
    return { kind: "exact", collisionProbability: 0 };
  }
}
