// The fingerprint table (visited set) and the state table on their own: growth never loses
// a fingerprint, the table stays ordered, and memory stays near 8 bytes per fingerprint.
import { describe, expect, it } from "vitest";
import { collisionProbability, FingerprintTable, hashBytes, hashString, StateTable } from "../../checker/index.js";

/** A small seeded generator (mulberry32), so that failures replay. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function randomFingerprints(n: number, seed: number): [number, number][] {
  const next = rng(seed);
  return Array.from({ length: n }, () => [next(), next()] as [number, number]);
}

/** Every stored fingerprint in increasing order, each at or after its home slot, no gap in between. */
function assertOrdered(t: FingerprintTable): void {
  const w = t.words;
  let prevH = -1;
  let prevL = -1;
  let runStart = -1;
  const problems: string[] = [];
  for (let s = 0; s < t.slots; s++) {
    const h = w[2 * s];
    const l = w[2 * s + 1];
    if (h === 0 && l === 0) {
      runStart = -1;
      continue;
    }
    if (runStart === -1) runStart = s;
    if (!(h > prevH || (h === prevH && l > prevL))) problems.push(`slot ${s} out of order`);
    prevH = h;
    prevL = l;
    const home = Math.min(t.capacity - 1, Math.floor((h * t.capacity) / 4294967296));
    if (home > s) problems.push(`slot ${s} before its home ${home}`);
    if (home < runStart) problems.push(`slot ${s}: an empty slot between home ${home} and it`);
  }
  if (w[2 * (t.slots - 1)] !== 0 || w[2 * (t.slots - 1) + 1] !== 0) problems.push("the last slot is not empty");
  expect(problems.slice(0, 5)).toEqual([]);
}

describe("FingerprintTable", () => {
  it("grows from a tiny capacity without losing a fingerprint (random order)", () => {
    const fps = randomFingerprints(50_000, 1);
    const t = new FingerprintTable(16);
    for (const [h, l] of fps) expect(t.insert(h, l)).toBe(true);
    expect(t.size).toBe(50_000);
    expect(fps.filter(([h, l]) => !t.has(h, l) || t.insert(h, l) || t.slotOf(h, l) < 0)).toEqual([]);
    expect(randomFingerprints(10_000, 2).filter(([h, l]) => t.has(h, l))).toEqual([]);
    assertOrdered(t);
    // At most 90% full, and grown in 15% steps: about 8 to 11 bytes per fingerprint.
    expect(t.bytes / t.size).toBeLessThan(11.5);
  });

  it("keeps every fingerprint when they arrive in increasing order or in clusters", () => {
    const sorted = randomFingerprints(20_000, 3).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const clustered: [number, number][] = Array.from({ length: 5_000 }, (_, i) => [0xfffffff0 + (i % 16), i]);
    for (const fps of [sorted, clustered]) {
      const t = new FingerprintTable(16);
      for (const [h, l] of fps) t.insert(h, l);
      expect(t.size).toBe(new Set(fps.map(([h, l]) => `${h},${l}`)).size);
      expect(fps.filter(([h, l]) => !t.has(h, l))).toEqual([]);
      assertOrdered(t);
    }
  });

  it("stores the fingerprint (0, 0), which marks empty slots, as (0, 1)", () => {
    const t = new FingerprintTable(16);
    expect(t.insert(0, 0)).toBe(true);
    expect(t.has(0, 0)).toBe(true);
    expect(t.has(0, 1)).toBe(true);
    expect(t.insert(0, 1)).toBe(false);
    expect(t.size).toBe(1);
  });

  it("absorbs another table in one ordered pass, skipping fingerprints it already has", () => {
    const a = new FingerprintTable(16);
    const b = new FingerprintTable(16);
    const fa = randomFingerprints(30_000, 4);
    const fb = [...randomFingerprints(30_000, 5), ...fa.slice(0, 1000)];
    for (const [h, l] of fa) a.insert(h, l);
    for (const [h, l] of fb) b.insert(h, l);
    a.absorb(b);
    expect(a.size).toBe(60_000); // fb's last 1000 are fa's first
    expect([...fa, ...fb].filter(([h, l]) => !a.has(h, l))).toEqual([]);
    assertOrdered(a);
  });

  it("can live in shared memory", () => {
    const t = new FingerprintTable(16, true);
    for (const [h, l] of randomFingerprints(5000, 6)) t.insert(h, l);
    expect(t.buffer).toBeInstanceOf(SharedArrayBuffer);
    assertOrdered(t);
  });
});

describe("fingerprints", () => {
  it("hash bytes and strings deterministically into two 32-bit halves", () => {
    const out = new Uint32Array(2);
    const again = new Uint32Array(2);
    for (let n = 0; n < 12; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => i * 37 + n);
      hashBytes(bytes, n, out);
      hashBytes(bytes.slice(), n, again);
      expect([...again]).toEqual([...out]);
    }
    hashString("abc", out);
    hashString("abc", again);
    expect([...again]).toEqual([...out]);
    hashString("abd", again);
    expect([...again]).not.toEqual([...out]);
  });

  it("spread distinct short inputs without collisions", () => {
    const seen = new Set<string>();
    const out = new Uint32Array(2);
    const b = new Uint8Array(3);
    for (let i = 0; i < 1 << 18; i++) {
      b[0] = i & 255;
      b[1] = (i >>> 8) & 255;
      b[2] = i >>> 16;
      hashBytes(b, 3, out);
      seen.add(`${out[0]},${out[1]}`);
    }
    expect(seen.size).toBe(1 << 18);
  });

  it("estimate the collision probability as n²/2^65", () => {
    expect(collisionProbability(150_756)).toBeCloseTo(150_756 ** 2 / 2 ** 65, 25);
    expect(collisionProbability(1e12)).toBe(1);
  });
});

describe("StateTable", () => {
  it("keeps parents and ordinals across chunks, widening ordinals above 254", () => {
    const t = new StateTable();
    const n = 40_000;
    for (let i = 0; i < n; i++) t.add(i - 1, i % 200);
    expect(t.ordOf(12_345)).toBe(12_345 % 200);
    t.add(5, 300); // an ordinal that does not fit a byte
    expect(t.ordOf(n)).toBe(300);
    for (let i = 0; i < n; i += 997) {
      expect(t.parentOf(i)).toBe(i - 1);
      expect(t.ordOf(i)).toBe(i % 200);
    }
    expect(t.size).toBe(n + 1);
  });

  it("costs 5 bytes per state (4-byte parent, 1-byte ordinal), in whole chunks of 16,384", () => {
    const t = new StateTable();
    for (let i = 0; i < 100_000; i++) t.add(i - 1, 3);
    expect(t.bytes).toBe(5 * 16_384 * Math.ceil(100_000 / 16_384));
  });
});
