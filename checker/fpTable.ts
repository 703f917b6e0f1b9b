/**
 * The visited set: 64-bit fingerprints in one typed array, 8 bytes per slot, kept at a high
 * load (up to 90%) so that it costs about 10 bytes per state.
 *
 * Open addressing with linear probing, *ordered* (Amble and Knuth's ordered hash table): a
 * fingerprint's home slot is its high half scaled to the capacity, which grows with the
 * fingerprint, and the table holds its fingerprints in increasing order from left to right,
 * each at or after its home slot with no empty slot in between. Consequences:
 * - a lookup stops at the first empty slot *or the first larger fingerprint*, so a miss costs
 *   as little as a hit even at 90% load (plain linear probing would scan ~50 slots);
 * - an insert puts the fingerprint in its place and shifts the rest of the cluster one slot
 *   right (a short `copyWithin`);
 * - growing is one sequential pass (the order is the same at any capacity), so the table can
 *   grow by small steps (15%) and never sit half empty.
 * The home range is `capacity` slots; a cluster may run past it into `pad` spare slots at the
 * end, and the last slot is always left empty so that every scan stops. There is no
 * wrap-around.
 *
 * A fingerprint is never lost: when the table is full enough it grows before inserting.
 * (0, 0) marks an empty slot, so a state whose fingerprint is (0, 0) is stored as (0, 1).
 *
 * The table can live in a SharedArrayBuffer so that worker threads can look fingerprints up
 * (read only) while the coordinating thread alone writes between BFS levels.
 */

import { allocating } from "./alloc.js";

const MAX_LOAD = 0.9;
const GROWTH = 1.15;

/** Home slot of a fingerprint with high half `hi` (monotone in `hi`). */
function homeOf(hi: number, scale: number, capacity: number): number {
  const h = Math.floor(hi * scale);
  return h < capacity ? h : capacity - 1;
}

/** Whether (hi, lo) is in the table given by `words` and `capacity` (a read-only view, for workers). */
export function tableHas(words: Uint32Array, capacity: number, hi: number, lo: number): boolean {
  if (hi === 0 && lo === 0) lo = 1;
  let i = homeOf(hi, capacity / 4294967296, capacity) << 1;
  for (;;) {
    const h = words[i];
    const l = words[i + 1];
    if (h > hi || (h === 0 && l === 0)) return false;
    if (h === hi) {
      if (l === lo) return true;
      if (l > lo) return false;
    }
    i += 2;
  }
}

export class FingerprintTable {
  /** Two words per slot: high half, low half. */
  words: Uint32Array;
  /** Size of the home range. */
  capacity: number;
  /** Physical slots: capacity plus the spare slots at the end. */
  slots: number;
  size = 0;
  private scale: number;
  private readonly shared: boolean;

  constructor(
    initialCapacity = 1 << 12,
    shared = false,
    /** What the table is, for an allocation failure's message. */
    private readonly what = "a fingerprint table",
  ) {
    this.shared = shared;
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.slots = this.capacity + padFor(this.capacity);
    this.words = this.allocate(this.slots);
    this.scale = this.capacity / 4294967296;
  }

  /** The buffer behind `words` (a SharedArrayBuffer when shared). */
  get buffer(): ArrayBufferLike {
    return this.words.buffer;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.words.byteLength;
  }

  /** Throws an AllocationFailure (alloc.ts) when memory runs out; the table is then unchanged. */
  private allocate(slots: number): Uint32Array {
    return allocating(this.what, slots * 8, () =>
      this.shared ? new Uint32Array(new SharedArrayBuffer(slots * 8)) : new Uint32Array(slots * 2),
    );
  }

  /** Adds (hi, lo); true if it was not there yet. */
  insert(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const w = this.words;
    let i = homeOf(hi, this.scale, this.capacity) << 1;
    for (;;) {
      const h = w[i];
      const l = w[i + 1];
      if (h === 0 && l === 0) break;
      if (h > hi || (h === hi && l > lo)) break;
      if (h === hi && l === lo) return false;
      i += 2;
    }
    // Insert at i, shifting the cluster tail [i, j) one slot right into the empty slot j.
    let j = i;
    while (w[j] !== 0 || w[j + 1] !== 0) j += 2;
    if (j >= (this.slots - 1) << 1) {
      // The last slot would fill: grow (which also re-spreads the clusters), then retry.
      this.grow(this.capacity * GROWTH);
      return this.insert(hi, lo);
    }
    if (j > i) w.copyWithin(i + 2, i, j);
    w[i] = hi;
    w[i + 1] = lo;
    this.size++;
    if (this.size > this.capacity * MAX_LOAD) {
      try {
        this.grow(this.capacity * GROWTH);
      } catch (e) {
        // Out of memory: take the fingerprint out again, so that the set holds exactly the
        // states the search recorded when it stops there.
        w.copyWithin(i, i + 2, j + 2);
        w[j] = 0;
        w[j + 1] = 0;
        this.size--;
        throw e;
      }
    }
    return true;
  }

  /** Whether (hi, lo) is in the table. */
  has(hi: number, lo: number): boolean {
    return tableHas(this.words, this.capacity, hi, lo);
  }

  /** The slot holding (hi, lo), or -1. Slots are stable until the next insert. */
  slotOf(hi: number, lo: number): number {
    if (hi === 0 && lo === 0) lo = 1;
    const w = this.words;
    let i = homeOf(hi, this.scale, this.capacity) << 1;
    for (;;) {
      const h = w[i];
      const l = w[i + 1];
      if (h === hi && l === lo) return i >> 1;
      if (h > hi || (h === hi && l > lo) || (h === 0 && l === 0)) return -1;
      i += 2;
    }
  }

  /** Grows the home range to at least `capacity` slots, in one ordered pass. */
  grow(capacity: number): void {
    let newCapacity = Math.ceil(capacity);
    let pad = padFor(newCapacity);
    const old = this.words;
    const oldSlots = this.slots;
    for (;;) {
      const slots = newCapacity + pad;
      const w = this.allocate(slots);
      const scale = newCapacity / 4294967296;
      let next = 0; // the first free slot
      let ok = true;
      for (let s = 0; s < oldSlots; s++) {
        const h = old[2 * s];
        const l = old[2 * s + 1];
        if (h === 0 && l === 0) continue;
        const home = homeOf(h, scale, newCapacity);
        const at = home > next ? home : next;
        if (at >= slots - 1) {
          ok = false;
          break;
        }
        w[2 * at] = h;
        w[2 * at + 1] = l;
        next = at + 1;
      }
      if (ok) {
        this.words = w;
        this.capacity = newCapacity;
        this.slots = slots;
        this.scale = scale;
        return;
      }
      pad *= 2; // a long cluster at the end: more spare slots (rare)
      if (pad > newCapacity) newCapacity = Math.ceil(newCapacity * GROWTH);
    }
  }

  /**
   * Adds every fingerprint of `other`, in one ordered pass over both tables (inserting them
   * one by one in their sorted order would pile them into one long cluster while the table
   * grows).
   */
  absorb(other: FingerprintTable): void {
    if (other.size === 0) return;
    let capacity = this.capacity;
    const want = (this.size + other.size) / MAX_LOAD;
    while (capacity < want) capacity = Math.ceil(capacity * GROWTH);
    const a = this.words;
    const b = other.words;
    const aEnd = this.slots * 2;
    const bEnd = other.slots * 2;
    let pad = padFor(capacity);
    for (;;) {
      const slots = capacity + pad;
      const w = this.allocate(slots);
      const scale = capacity / 4294967296;
      let i = 0;
      let j = 0;
      let next = 0;
      let size = 0;
      let ok = true;
      for (;;) {
        while (i < aEnd && a[i] === 0 && a[i + 1] === 0) i += 2;
        while (j < bEnd && b[j] === 0 && b[j + 1] === 0) j += 2;
        let h: number;
        let l: number;
        if (i < aEnd && (j >= bEnd || a[i] < b[j] || (a[i] === b[j] && a[i + 1] <= b[j + 1]))) {
          h = a[i];
          l = a[i + 1];
          if (j < bEnd && b[j] === h && b[j + 1] === l) j += 2; // in both
          i += 2;
        } else if (j < bEnd) {
          h = b[j];
          l = b[j + 1];
          j += 2;
        } else break;
        const home = homeOf(h, scale, capacity);
        const at = home > next ? home : next;
        if (at >= slots - 1) {
          ok = false;
          break;
        }
        w[2 * at] = h;
        w[2 * at + 1] = l;
        next = at + 1;
        size++;
      }
      if (ok) {
        this.words = w;
        this.capacity = capacity;
        this.slots = slots;
        this.scale = scale;
        this.size = size;
        return;
      }
      pad *= 2;
      if (pad > capacity) capacity = Math.ceil(capacity * GROWTH);
    }
  }

  /** The fingerprints in table order (for tests and merges). */
  *entries(): IterableIterator<[number, number]> {
    const w = this.words;
    for (let s = 0; s < this.slots; s++) {
      if (w[2 * s] !== 0 || w[2 * s + 1] !== 0) yield [w[2 * s], w[2 * s + 1]];
    }
  }
}

/** Spare slots past the home range: enough for the longest cluster at the end, in practice. */
function padFor(capacity: number): number {
  return Math.max(64, Math.ceil(capacity / 256));
}
