/**
 * One BFS level's states, in discovery order. With a codec they are kept as bytes (a few
 * dozen per state, and short-lived objects for the garbage collector) and decoded when
 * expanded; otherwise as the objects themselves.
 */
import { allocating } from "./alloc.js";
import type { StateCodec } from "./model.js";

const WHAT = "the BFS queue";

export interface LevelQueue<S> {
  readonly length: number;
  push(s: S): void;
  get(i: number): S;
  /** A fresh, empty queue of the same kind. */
  empty(): LevelQueue<S>;
}

export class ObjectQueue<S> implements LevelQueue<S> {
  private readonly items: S[] = [];

  get length(): number {
    return this.items.length;
  }

  push(s: S): void {
    this.items.push(s);
  }

  get(i: number): S {
    return this.items[i];
  }

  empty(): ObjectQueue<S> {
    return new ObjectQueue<S>();
  }
}

export class ByteQueue<S> implements LevelQueue<S> {
  bytes: Uint8Array;
  /** offsets[i] is where state i starts; offsets[length] where the next one will. */
  offsets: Int32Array;
  length = 0;
  private readonly codec: StateCodec<S>;
  private readonly scratch: Uint8Array;

  constructor(codec: StateCodec<S>, byteCapacity = 1 << 12, countCapacity = 1 << 8) {
    this.codec = codec;
    this.scratch = new Uint8Array(codec.maxBytes);
    const n = Math.max(byteCapacity, codec.maxBytes * 2);
    this.bytes = allocating(WHAT, n, () => new Uint8Array(n));
    this.offsets = allocating(WHAT, countCapacity * 4, () => new Int32Array(countCapacity + 1));
  }

  /** Bytes in use. */
  get byteLength(): number {
    return this.offsets[this.length];
  }

  push(s: S): void {
    const scratch = this.scratch;
    this.pushBytes(scratch, 0, this.codec.encode(s, scratch));
  }

  /** Appends an already encoded state. */
  pushBytes(src: Uint8Array, start: number, n: number): void {
    const end = this.offsets[this.length];
    if (end + n > this.bytes.length) this.growBytes(end + n);
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) bytes[end + i] = src[start + i];
    this.append(end + n);
  }

  get(i: number): S {
    return this.codec.decode(this.bytes, this.offsets[i]);
  }

  empty(): ByteQueue<S> {
    return new ByteQueue<S>(this.codec, Math.max(1 << 12, this.bytes.length >>> 1), Math.max(1 << 8, this.length >>> 1));
  }

  private append(end: number): void {
    if (this.length + 1 >= this.offsets.length) {
      const o = allocating(WHAT, this.offsets.byteLength * 2, () => new Int32Array(this.offsets.length * 2));
      o.set(this.offsets);
      this.offsets = o;
    }
    this.length++;
    this.offsets[this.length] = end;
  }

  private growBytes(need: number): void {
    const n = Math.max(need, this.bytes.length * 2);
    const b = allocating(WHAT, n, () => new Uint8Array(n));
    b.set(this.bytes.subarray(0, this.offsets[this.length]));
    this.bytes = b;
  }
}

/**
 * A BFS level: its queue plus, per state, its fingerprint and its path-witness bits
 * (pathSearch.ts), which the next level's expansion needs without recomputing them.
 */
export class Level<S> {
  hi: Uint32Array;
  lo: Uint32Array;
  bits: Uint32Array;

  constructor(
    readonly queue: LevelQueue<S>,
    capacity = 1 << 8,
  ) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.bits = new Uint32Array(capacity);
  }

  get length(): number {
    return this.queue.length;
  }

  push(s: S, hi: number, lo: number, bits: number): void {
    this.note(hi, lo, bits);
    this.queue.push(s);
  }

  pushBytes(bytes: Uint8Array, start: number, n: number, hi: number, lo: number, bits: number): void {
    this.note(hi, lo, bits);
    (this.queue as ByteQueue<S>).pushBytes(bytes, start, n);
  }

  /** A fresh, empty level of the same kind. */
  empty(): Level<S> {
    return new Level<S>(this.queue.empty(), Math.max(1 << 8, this.queue.length >>> 1));
  }

  private note(hi: number, lo: number, bits: number): void {
    const i = this.queue.length;
    if (i === this.hi.length) {
      const n = this.hi.length * 2;
      this.hi = copyOf(this.hi, n);
      this.lo = copyOf(this.lo, n);
      this.bits = copyOf(this.bits, n);
    }
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.bits[i] = bits;
  }
}

function copyOf(a: Uint32Array, n: number): Uint32Array {
  const b = allocating(WHAT, n * 4, () => new Uint32Array(n));
  b.set(a);
  return b;
}
