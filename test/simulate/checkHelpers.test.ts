// The helpers `check` is to call (api/coverage.ts): situation counts over the distinct states
// and transitions of an exhaustive check, and the second stage of its counterexamples.
import { describe, expect, it } from "vitest";
import { greenplumModel, minimiseViolations, withSituationCounts } from "../../api/index.js";
import { check } from "../../checker/index.js";
import { canonicalConfig } from "../../configs/index.js";
import { formatAction, resolveConfig, SituationCounter } from "../../model/index.js";
import { writeTrace, parseTrace, replayTrace } from "../../trace/index.js";

describe("coverage of a check", () => {
  it("counts each distinct state once, however often the search expands it", () => {
    const cfg = resolveConfig(canonicalConfig("tiny").input);
    const counter = new SituationCounter();
    const r = check(withSituationCounts(greenplumModel(cfg), counter), { workers: 1 });
    expect(r.distinctStates).toBe(913);
    const c = counter.counts();
    // One content: every state shows exactly one of the three legal catalog pairs.
    expect(c["catalog (u,s,u,s)"] + c["catalog (u,n,u,n)"] + c["catalog (u,n,d,n)"]).toBe(913);
    expect(c["double fault"]).toBe(0); // needs two faults
    expect(c["zombie primary"]).toBeGreaterThan(0);
    expect(c["rewound WAL"]).toBeGreaterThan(0);
  });
});

describe("two-stage minimisation of a check's counterexamples", () => {
  const cases = ["bug-rebalanceRequiresInSync", "bug-markDownBeforeSyncRepOff", "as-implemented"];
  for (const name of cases) {
    it(`${name}: a BFS trace stays as short as it is; a DFS trace shrinks to BFS's length`, () => {
      const canonical = canonicalConfig(name);
      const cfg = resolveConfig(canonical.input);
      const model = greenplumModel(cfg);
      const bfs = check(model, { workers: 1 });
      const [b] = minimiseViolations(model, bfs);
      expect(b.length).toBe(b.originalLength);
      expect(b.length).toBe(canonical.expected.violations[b.property]);
      const dfs = check(model, { strategy: "dfs" });
      const [d] = minimiseViolations(model, dfs);
      expect(d.originalLength).toBeGreaterThan(d.length);
      expect(d.length).toBe(canonical.expected.violations[d.property]);
      expect(d.faults).toBeLessThanOrEqual(d.originalFaults);
      // Re-validated by replay: the minimised trace is a real path to the same violation.
      const actions = d.trace.slice(1).map((s) => s.action!.action);
      const text = writeTrace({ config: cfg, actions, violated: d.property });
      expect(replayTrace(parseTrace(text, `${name}.trace`)).status).toBe("ok");
      expect(actions.map(formatAction).length).toBe(d.length);
    });
  }
});
