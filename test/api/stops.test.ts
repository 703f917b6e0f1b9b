// The run's limits through the API: a bounded run of a large configuration ends soon after its
// search (no minutes-long witness search after it), minimisation is bounded by the same
// limits, and simulate can be interrupted.
import { describe, expect, it } from "vitest";
import { runCheck, runSimulate } from "../../api/index.js";
import type { Progress, ProgressPhase } from "../../checker/index.js";

describe("check: bounds bound the whole run", () => {
  it("contents 8, txns 6, faults 4 cut at 100,000 states: the phases after the search cost little", () => {
    // A wide configuration: the BFS stores 100,000 states but expands only a few thousand.
    // A witness path search after the run used to expand every stored state, twice (5x the
    // search at this size, minutes and gigabytes at 2,000,000 states).
    const t = performance.now();
    const report = runCheck({
      overrides: { contents: 8, txns: 6, faults: 4 },
      options: { maxStates: 100_000, timing: true },
    });
    const wall = performance.now() - t;
    const r = report.result;
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteKind).toBe("max-states");
    expect(r.distinctStates).toBe(100_000);
    const timing = r.timing;
    if (timing === null) throw new Error("timing asked for");
    const search = timing.transitionMs + timing.fingerprintMs + timing.visitedMs + timing.queueMs + timing.propertiesMs;
    expect(timing.pathWitnessMs).toBeLessThan(0.25 * search);
    expect(wall).toBeLessThan(1.5 * r.elapsedMs + 1000);
    expect(r.skipped).toEqual(["liveness not checked: the run was cut short (max-states 100000 reached)"]);
  });

  it("interrupted at once: incomplete, not compared with the expected outcome", () => {
    const report = runCheck({ config: "default", options: { interrupted: () => true } });
    expect(report.result.verdict).toBe("incomplete");
    expect(report.result.incompleteKind).toBe("interrupted");
    expect(report.result.distinctStates).toBe(1);
    expect(report.expectation).toBeNull();
  });

  it("minimisation is bounded by the limits too: interrupted there, the violation stands and the phase is named", () => {
    const phases = new Set<ProgressPhase>();
    const report = runCheck({
      config: "bug-rebalanceRequiresInSync",
      options: { progressIntervalMs: 0, onProgress: (p: Progress) => void phases.add(p.phase), interrupted: () => phases.has("minimise") },
    });
    const r = report.result;
    expect(phases.has("minimise")).toBe(true);
    expect(r.verdict).toBe("violation");
    // Minimisation never changes the verdict: the run is not made incomplete by it.
    expect(r.incompleteKind).toBeNull();
    expect(report.minimised).toEqual([]);
    expect(r.skipped).toEqual([
      `counterexample minimisation not run for ${r.violations[0].property}: interrupted during the counterexample minimisation`,
    ]);
    // Without the interruption it is minimised.
    expect(runCheck({ config: "bug-rebalanceRequiresInSync" }).minimised).toHaveLength(1);
  });
});

describe("simulate: interrupted()", () => {
  it("stops before the next walk, with a partial result", () => {
    let calls = 0;
    const report = runSimulate({ config: "default", options: { runs: 1000, seed: 7, interrupted: () => ++calls >= 6 } });
    const r = report.result;
    expect(r.runs).toBe(5);
    expect(r.interrupted).toBe(true);
    expect(r.incompleteKind).toBe("interrupted");
    expect(r.incompleteReason).toBe("interrupted after 5 of 1000 runs");
    expect(r.steps).toBeGreaterThan(0);
    expect(report.expectation).toBeNull();
  });

  it("interrupted while a failing walk is shrunk: the walk as shrunk so far, not minimised", () => {
    const request = { config: "bug-rebalanceRequiresInSync", options: { runs: 10_000, seed: 3 } } as const;
    const full = runSimulate(request).result;
    const v = full.violation;
    if (v === null) throw new Error("the bug variant fails some walk");
    expect(v.numShrinks).toBeGreaterThan(0);
    // One poll before each of the runs 0..v.run, then one per shrinking candidate.
    let calls = 0;
    const report = runSimulate({ ...request, options: { ...request.options, interrupted: () => ++calls > v.run + 1 } });
    const r = report.result;
    expect(r.incompleteKind).toBe("interrupted");
    expect(r.verdict).toBe("violation");
    expect(r.violation?.property).toBe(v.property);
    expect(r.violation?.numShrinks).toBe(0);
    expect(r.violation?.shrunkLength).toBe(r.violation?.walkLength);
    expect(r.violation?.minimisedLength).toBe(r.violation?.shrunkLength);
    expect(r.incompleteReason).toBe(`interrupted after ${v.run + 1} of 10000 runs (the counterexample is shrunk as far as it got)`);
    expect(report.expectation).toBeNull();
  });

  it("a time limit is reported the same way", () => {
    const r = runSimulate({ config: "default", options: { runs: 1_000_000, seed: 7, timeLimitMs: 50 } }).result;
    expect(r.incompleteKind).toBe("time-limit");
    expect(r.incompleteReason).toMatch(/^time limit of 50 ms reached after \d+ of 1000000 runs$/);
  });
});
