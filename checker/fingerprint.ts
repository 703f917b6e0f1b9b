/**
 * 64-bit fingerprints of states, as two 32-bit halves (JavaScript has no fast 64-bit integer).
 *
 * The hash is MurmurHash3's x86_128 structure cut down to two lanes: every 32-bit word of the
 * input is mixed into both lanes with different constants and rotations, and the lanes are
 * mixed into each other at the end, so that each half depends on every input bit. It is not
 * cryptographic; the checker only needs fingerprints of distinct states to look independent
 * and uniform, which is also what the collision estimate below assumes.
 *
 * Two distinct states with the same fingerprint would be one state to the checker (the second
 * one would be skipped), so a run with fingerprints reports the probability that this happened
 * somewhere, and `exact` runs keep full keys for cross-checks.
 */

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

// One 32-bit word into each lane (MurmurHash3's body rounds), the 1-3 trailing units, and
// the finalisation that mixes the lanes. Small enough for V8 to inline into both loops.
function round1(h1: number, k: number): number {
  let k1 = Math.imul(k, C1);
  k1 = (k1 << 15) | (k1 >>> 17);
  h1 ^= Math.imul(k1, C2);
  h1 = (h1 << 19) | (h1 >>> 13);
  return (Math.imul(h1, 5) + 0x561ccd1b) | 0;
}

function round2(h2: number, k: number): number {
  let k2 = Math.imul(k, C3);
  k2 = (k2 << 16) | (k2 >>> 16);
  h2 ^= Math.imul(k2, C4);
  h2 = (h2 << 17) | (h2 >>> 15);
  return (Math.imul(h2, 5) + 0x0bcaa747) | 0;
}

function tail1(k: number): number {
  return Math.imul((Math.imul(k, C1) << 15) | (Math.imul(k, C1) >>> 17), C2);
}

function tail2(k: number): number {
  return Math.imul((Math.imul(k, C3) << 16) | (Math.imul(k, C3) >>> 16), C4);
}

function finish(h1: number, h2: number, out: Uint32Array): void {
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  out[0] = h1;
  out[1] = h2;
}

/** Writes the fingerprint of `bytes[0..n)` into `out[0]` (high half) and `out[1]` (low half). */
export function hashBytes(bytes: Uint8Array, n: number, out: Uint32Array): void {
  let h1 = 0x9747b28c ^ n;
  let h2 = 0x5bd1e995 ^ n;
  let i = 0;
  const whole = n & ~3;
  for (; i < whole; i += 4) {
    const k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h1 = round1(h1, k);
    h2 = round2(h2, k);
  }
  if (i < n) {
    // The last 1 to 3 bytes.
    let k = bytes[i];
    if (i + 1 < n) k |= bytes[i + 1] << 8;
    if (i + 2 < n) k |= bytes[i + 2] << 16;
    h1 ^= tail1(k);
    h2 ^= tail2(k);
  }
  finish(h1, h2, out);
}

/** The fingerprint of a string key (for models without a codec): its UTF-16 code units, two per word. */
export function hashString(key: string, out: Uint32Array): void {
  const n = key.length;
  let h1 = 0x9747b28c ^ n;
  let h2 = 0x5bd1e995 ^ n;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16);
    h1 = round1(h1, k);
    h2 = round2(h2, k);
  }
  if (i < n) {
    const k = key.charCodeAt(i);
    h1 ^= tail1(k);
    h2 ^= tail2(k);
  }
  finish(h1, h2, out);
}

/**
 * The probability that some two of `n` distinct states share a 64-bit fingerprint, for
 * uniform independent fingerprints: about n(n-1)/2 pairs times 2^-64, i.e. n²/2^65 (the
 * usual birthday bound, also what TLC reports as its "optimistic" estimate).
 */
export function collisionProbability(n: number): number {
  return Math.min(1, (n * n) / 2 ** 65);
}
