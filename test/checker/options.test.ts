import { describe, expect, it } from "vitest";
import { check, checkBfs, checkDfs } from "../../checker/index.js";
import type { CheckOptions, Progress } from "../../checker/index.js";
import { gridModel } from "./toyModels.js";

describe("option validation", () => {
  const bad: [string, CheckOptions][] = [
    ["maxStates 0", { maxStates: 0 }],
    ["maxStates -3", { maxStates: -3 }],
    ["maxStates 1.5", { maxStates: 1.5 }],
    ["maxStates NaN", { maxStates: Number.NaN }],
    ["maxStates Infinity", { maxStates: Number.POSITIVE_INFINITY }],
    ["maxDepth -1", { maxDepth: -1 }],
    ["maxDepth 2.5", { maxDepth: 2.5 }],
    ["progressIntervalMs -1", { progressIntervalMs: -1 }],
    ["strategy", { strategy: "random" as unknown as "bfs" }],
  ];
  for (const [name, opts] of bad) {
    it(`rejects ${name} with a one-line RangeError`, () => {
      for (const run of [check, checkBfs, checkDfs]) {
        let err: unknown;
        try {
          run(gridModel({ n: 1 }), opts);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(RangeError);
        expect((err as Error).message).not.toContain("\n");
      }
    });
  }

  it("accepts maxDepth 0 and maxStates 1", () => {
    expect(() => checkBfs(gridModel({ n: 1 }), { maxDepth: 0, maxStates: 1 })).not.toThrow();
  });
});

describe("progress", () => {
  for (const run of [checkBfs, checkDfs]) {
    it(`${run.name} reports progress on a long run when the interval allows it`, () => {
      const calls: Progress[] = [];
      const r = run(gridModel({ n: 60 }), { onProgress: (p) => calls.push(p), progressIntervalMs: 0 });
      expect(r.distinctStates).toBe(61 * 61);
      expect(calls.length).toBeGreaterThan(0);
      for (const p of calls) {
        expect(p.distinctStates).toBeGreaterThan(0);
        expect(p.distinctStates).toBeLessThanOrEqual(r.distinctStates);
        expect(p.generatedStates).toBeGreaterThanOrEqual(p.distinctStates);
        expect(p.generatedStates).toBeLessThanOrEqual(r.generatedStates);
        expect(p.queue).toBeGreaterThanOrEqual(0);
        expect(p.depth).toBeLessThanOrEqual(120);
        expect(p.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(p.statesPerSecond).toBeGreaterThanOrEqual(0);
      }
      // Monotone counters.
      for (let i = 1; i < calls.length; i++) {
        expect(calls[i].generatedStates).toBeGreaterThanOrEqual(calls[i - 1].generatedStates);
      }
    });

    it(`${run.name} does not report before the interval has elapsed`, () => {
      const calls: Progress[] = [];
      run(gridModel({ n: 60 }), { onProgress: (p) => calls.push(p), progressIntervalMs: 1e9 });
      expect(calls).toEqual([]);
    });
  }
});
