// Every canonical configuration expected to pass reproduces its pinned figures exactly:
// distinct states, diameter, and the shortest path to every witness.
import { describe, expect, it } from "vitest";
import { runCheck } from "../../api/index.js";
import { CANONICAL_CONFIGS } from "../../configs/index.js";

const passing = CANONICAL_CONFIGS.filter((c) => c.expected.result === "pass");

describe("canonical configurations that pass", () => {
  it("include the reference ones", () => {
    expect(passing.map((c) => c.name)).toEqual(expect.arrayContaining(["tiny", "default", "deep", "wide"]));
  });

  for (const c of passing) {
    it(`${c.name}: ${c.expected.distinctStates} states, depth ${c.expected.depth}`, () => {
      const report = runCheck({ config: c.name });
      const r = report.result;
      expect(r.verdict).toBe("pass");
      expect(r.distinctStates).toBe(c.expected.distinctStates);
      expect(r.depth).toBe(c.expected.depth);
      expect(Object.fromEntries(r.witnesses.filter((w) => w.reached).map((w) => [w.name, w.depth]))).toEqual(
        c.expected.witnesses,
      );
      // Every witness the configuration is expected to reach was reached (no vacuous pass).
      for (const w of r.witnesses) if (w.required) expect(w.reached, w.name).toBe(true);
      expect(report.expectation).toEqual({ matches: true, differences: [] });
    });
  }

  it("default's reference figures are the ones the independent implementations give", () => {
    const d = CANONICAL_CONFIGS.find((c) => c.name === "default");
    expect(d?.expected).toMatchObject({
      distinctStates: 150756,
      depth: 30,
      witnesses: { MirrorPromoted: 2, AckedAfterFailover: 4, AckedWhileMirrorDown: 5, DoubleFault: 2, BackToPreferredRoles: 12 },
    });
    const t = CANONICAL_CONFIGS.find((c) => c.name === "tiny");
    expect(t?.expected).toMatchObject({ distinctStates: 1025, depth: 18 });
  });
});
