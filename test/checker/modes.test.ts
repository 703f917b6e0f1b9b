// Options of the search on toy models: exact keys or fingerprints, phase timing, and what a
// model without the optional members (codec, symmetry, source) gets.
import { describe, expect, it } from "vitest";
import { check, checkBfs, checkDfs, parallelUnavailable, type Model } from "../../checker/index.js";
import { counterModel, gridModel, notAt, witness } from "./toyModels.js";

describe("exact keys and fingerprints", () => {
  function same<S, A>(make: () => Model<S, A>): void {
    for (const run of [checkBfs, checkDfs]) {
      for (const all of [false, true]) {
        const a = run(make(), { all });
        const b = run(make(), { all, exact: true });
        const strip = (r: typeof a) => ({ ...r, elapsedMs: 0, fingerprint: null, memory: null, timing: null });
        expect(strip(a)).toEqual(strip(b));
        expect(a.fingerprint.kind).toBe("hash64");
        expect(b.fingerprint.kind).toBe("exact");
      }
    }
  }

  it("find the same states, depths, violations and witnesses on toy models", () => {
    same(() => gridModel({ n: 30, invariants: [notAt("far", 25, 29)], witnesses: [witness("diag", (s) => s.x === s.y && s.x > 3)] }));
    same(() => counterModel({ max: 50, ring: true, witnesses: [witness("back", (v) => v === 0, false, (v) => v === 40)] }));
  });

  it("the hashed set reports its memory; the exact one cannot", () => {
    const r = checkBfs(gridModel({ n: 200 }), {});
    expect(r.memory.visitedBytes).toBeGreaterThan(8 * r.distinctStates);
    expect(r.memory.bytesPerState).not.toBeNull();
    expect(checkBfs(gridModel({ n: 20 }), { exact: true }).memory).toMatchObject({ visitedBytes: null, bytesPerState: null });
  });
});

describe("models without the optional members", () => {
  it("are refused symmetry with a one-line RangeError", () => {
    for (const run of [check, checkBfs, checkDfs]) {
      expect(() => run(gridModel({ n: 2 }), { symmetry: true })).toThrow(/declares no symmetry/);
    }
  });

  it("run in one thread whatever the worker count, with the same result", () => {
    expect(parallelUnavailable(gridModel({ n: 2 }), { workers: 4 })).toBe("the model has no codec or source");
    const r = checkBfs(gridModel({ n: 40 }), { workers: 4 });
    expect(r.workers).toBe(1);
    expect(r.distinctStates).toBe(41 * 41);
  });

  it("reject a worker count outside 1..256", () => {
    for (const workers of [0, -1, 1.5, 257]) expect(() => checkBfs(gridModel({ n: 2 }), { workers })).toThrow(RangeError);
  });
});

describe("phase timing", () => {
  it("is reported only when asked for, phase by phase", () => {
    expect(checkBfs(gridModel({ n: 20 }), {}).timing).toBeNull();
    const t = checkBfs(gridModel({ n: 100 }), { timing: true }).timing;
    expect(t).not.toBeNull();
    for (const v of Object.values(t ?? {})) expect(v).toBeGreaterThanOrEqual(0);
    expect(Object.keys(t ?? {})).toEqual(["transitionMs", "fingerprintMs", "visitedMs", "queueMs", "propertiesMs", "pathWitnessMs"]);
  });
});
