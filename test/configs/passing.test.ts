// Every canonical configuration expected to pass reproduces its pinned figures exactly:
// distinct states, diameter, the shortest path to every witness, and the verdict of every
// liveness property. Each configuration is checked once (canonicalRuns.ts); its tests read that run.
import { describe, expect, it } from "vitest";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { canonicalRun, livenessVerdicts } from "./canonicalRuns.js";

const passing = CANONICAL_CONFIGS.filter((c) => c.expected.result === "pass");

describe("canonical configurations that pass", () => {
  it("include the reference ones", () => {
    expect(passing.map((c) => c.name)).toEqual(expect.arrayContaining(["tiny", "default", "deep", "wide"]));
  });

  for (const c of passing) {
    it(`${c.name}: ${c.expected.distinctStates} states, depth ${c.expected.depth}`, () => {
      const report = canonicalRun(c.name, false);
      const r = report.result;
      expect(r.verdict).toBe("pass");
      expect(r.violations).toEqual([]);
      expect(r.distinctStates).toBe(c.expected.distinctStates);
      expect(r.depth).toBe(c.expected.depth);
      expect(Object.fromEntries(r.witnesses.filter((w) => w.reached).map((w) => [w.name, w.depth]))).toEqual(
        c.expected.witnesses,
      );
      // Every witness the configuration is expected to reach was reached (no vacuous pass).
      for (const w of r.witnesses) if (w.required) expect(w.reached, w.name).toBe(true);
      // Liveness was checked on the whole graph, with the verdict pinned for every property.
      expect(r.liveness?.notCheckedReason).toBeNull();
      expect(livenessVerdicts(report)).toEqual(c.expected.liveness);
      expect(report.expectation).toEqual({ matches: true, differences: [] });
    });
  }

  it("the reference figures are the ones the independent implementations give", () => {
    const d = CANONICAL_CONFIGS.find((c) => c.name === "default");
    const holds = { CommitsAreAnswered: [], ContentsServe: [], MirrorsResync: [], PreferredRolesReturn: [] };
    expect(d?.expected).toMatchObject({
      distinctStates: 126308,
      depth: 28,
      witnesses: { MirrorPromoted: 2, AckedAfterFailover: 4, AckedWhileMirrorDown: 5, DoubleFault: 2, BackToPreferredRoles: 12 },
      liveness: holds,
    });
    const t = CANONICAL_CONFIGS.find((c) => c.name === "tiny");
    expect(t?.expected).toMatchObject({
      distinctStates: 913,
      depth: 17,
      // DoubleFault needs two faults, and tiny has one.
      witnesses: { MirrorPromoted: 2, AckedAfterFailover: 4, AckedWhileMirrorDown: 5, BackToPreferredRoles: 12 },
      liveness: holds,
    });
    expect(t?.expected.witnesses).not.toHaveProperty("DoubleFault");
  });

  it("the references' generated-state counts (successors, self-loops included, plus the initial state)", () => {
    // ExpectedOutcome carries no generated count; the runs above are the ones to read.
    expect(canonicalRun("tiny", false).result.generatedStates).toBe(2884);
    expect(canonicalRun("default", false).result.generatedStates).toBe(738115);
  });
});
