import { describe, expect, it } from "vitest";
import { check, checkBfs } from "../../checker/index.js";
import { assertReplays, counterModel, gridModel, notAt, traceActions, valueIsNot } from "./toyModels.js";

describe("checkBfs: state space statistics", () => {
  it("counts distinct and generated states, the diameter and every action family on a 3x3 grid", () => {
    const r = checkBfs(gridModel({ n: 2 }), {});
    expect(r.verdict).toBe("pass");
    expect(r.strategy).toBe("bfs");
    // A model without a codec: 64-bit fingerprints of its keys.
    expect(r.fingerprint.kind).toBe("hash64");
    expect(r.fingerprint.collisionProbability).toBe(81 / 2 ** 65);
    expect(checkBfs(gridModel({ n: 2 }), { exact: true }).fingerprint).toEqual({ kind: "exact", collisionProbability: 0 });
    expect(r.distinctStates).toBe(9);
    // 1 initial + IncX 6 + IncY 6 + Stay 9 (self-loops count) + Reset 0
    expect(r.generatedStates).toBe(22);
    expect(r.depth).toBe(4);
    expect(r.actions).toEqual({ IncX: 6, IncY: 6, Stay: 9, Reset: 0 });
    expect(Object.keys(r.actions)).toEqual(["IncX", "IncY", "Stay", "Reset"]);
    expect(r.violations).toEqual([]);
    expect(r.incompleteReason).toBeNull();
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("scales as computed by hand on a 4x4 grid", () => {
    const r = checkBfs(gridModel({ n: 3 }), {});
    expect(r.distinctStates).toBe(16);
    expect(r.generatedStates).toBe(1 + 12 + 12 + 16);
    expect(r.depth).toBe(6);
    expect(r.actions).toEqual({ IncX: 12, IncY: 12, Stay: 16, Reset: 0 });
  });

  it("handles two initial states (depth measured from the nearest)", () => {
    const r = checkBfs(counterModel({ max: 5, initial: [0, 3] }), {});
    expect(r.verdict).toBe("pass");
    expect(r.distinctStates).toBe(6);
    expect(r.generatedStates).toBe(2 + 5);
    expect(r.depth).toBe(2); // 0,3 | 1,4 | 2,5
    expect(r.actions).toEqual({ Inc: 5, Dec: 0 });
  });

  it("counts a repeated initial state as generated but not distinct", () => {
    const r = checkBfs(counterModel({ max: 5, initial: [0, 3, 0] }), {});
    expect(r.distinctStates).toBe(6);
    expect(r.generatedStates).toBe(3 + 5);
  });

  it("traces a violation reached from the second initial state from that state", () => {
    const model = counterModel({ max: 5, initial: [0, 3], invariants: [valueIsNot("not5", 5)] });
    const r = checkBfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0];
    expect(v.length).toBe(2);
    expect(v.trace[0].state).toBe(3);
    expect(v.trace.map((s) => s.state)).toEqual([3, 4, 5]);
    assertReplays(model, v.trace);
  });

  it("dispatches through check() with bfs as the default", () => {
    expect(check(gridModel({ n: 1 })).strategy).toBe("bfs");
    expect(check(gridModel({ n: 1 }), { strategy: "dfs" }).strategy).toBe("dfs");
  });
});

describe("checkBfs: invariants", () => {
  it("reports the shortest trace to a violation, with its message, and stops after that level", () => {
    const model = gridModel({ n: 3, invariants: [notAt("no21", 2, 1)] });
    const r = checkBfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.incompleteReason).toBeNull();
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0];
    expect(v.property).toBe("no21");
    expect(v.kind).toBe("invariant");
    expect(v.message).toBe("no21: reached x=2 y=1");
    expect(v.length).toBe(3);
    expect(v.trace).toHaveLength(4);
    expect(v.trace[0].action).toBeNull();
    expect(v.trace[0].state).toEqual({ x: 0, y: 0 });
    expect(v.trace[3].state).toEqual({ x: 2, y: 1 });
    // BFS order: IncX before IncY, so (2,0) is expanded before (1,1).
    expect(traceActions(model, v.trace)).toEqual(["IncX(0->1)", "IncX(1->2)", "IncY(0->1)"]);
    assertReplays(model, v.trace);
    // Levels 0..3 discovered (1+2+3+4), only levels 0..2 expanded (6 states x 3 actions).
    expect(r.distinctStates).toBe(10);
    expect(r.generatedStates).toBe(1 + 18);
    expect(r.depth).toBe(3);
  });

  it("rebuilds long traces after the state table has grown (71x71 grid, 5041 states)", () => {
    const model = gridModel({ n: 70, invariants: [notAt("corner", 70, 70)] });
    const r = checkBfs(model, {});
    expect(r.distinctStates).toBe(5041);
    const v = r.violations[0];
    expect(v.length).toBe(140);
    const acts = traceActions(model, v.trace);
    // BFS discovery order prefers IncX: the first state found at (70,70) comes along x first.
    expect(acts.slice(0, 70).every((a) => a.startsWith("IncX"))).toBe(true);
    expect(acts.slice(70).every((a) => a.startsWith("IncY"))).toBe(true);
    assertReplays(model, v.trace);
  });

  it("the replay helper used above does reject a wrong trace", () => {
    const model = gridModel({ n: 3 });
    expect(() =>
      assertReplays(model, [
        { action: null, state: { x: 0, y: 0 } },
        { action: { kind: "IncX", from: 0 }, state: { x: 0, y: 1 } },
      ]),
    ).toThrow(/not next/);
  });

  it("detects a violating initial state with a trace of length 0", () => {
    const model = counterModel({ max: 3, invariants: [valueIsNot("not0", 0)] });
    const r = checkBfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].length).toBe(0);
    expect(r.violations[0].trace).toEqual([{ action: null, state: 0 }]);
    expect(r.distinctStates).toBe(1);
  });

  // Invariant order [C, A, B] on a 4x4 grid. A = not (0,2), B = not (2,0): both first
  // violated at depth 2, and BFS discovers (2,0) (B) before (0,2) (A). C = not (3,0) is
  // first in order, violated at depth 3, only reachable through (2,0), which violates B.
  const tieModel = () =>
    gridModel({ n: 3, invariants: [notAt("C", 3, 0), notAt("A", 0, 2), notAt("B", 2, 0)] });

  it("among violations at the same depth reports the first in invariant order, not the first found", () => {
    const model = tieModel();
    const r = checkBfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual(["A"]);
    expect(r.violations[0].length).toBe(2);
    expect(traceActions(model, r.violations[0].trace)).toEqual(["IncY(0->1)", "IncY(1->2)"]);
    expect(r.distinctStates).toBe(6); // levels 0..2 only
  });

  it("with all: reports every violated invariant with its own shortest trace, in invariant order", () => {
    const model = tieModel();
    const r = checkBfs(model, { all: true });
    expect(r.verdict).toBe("violation");
    expect(r.violations.map((v) => [v.property, v.length])).toEqual([
      ["C", 3],
      ["A", 2],
      ["B", 2],
    ]);
    // C is only reachable through a B-violating state: violating states are expanded.
    expect(traceActions(model, r.violations[0].trace)).toEqual(["IncX(0->1)", "IncX(1->2)", "IncX(2->3)"]);
    expect(traceActions(model, r.violations[2].trace)).toEqual(["IncX(0->1)", "IncX(1->2)"]);
    for (const v of r.violations) {
      assertReplays(model, v.trace);
      expect(v.trace[v.trace.length - 1].state).toEqual(
        v.property === "C" ? { x: 3, y: 0 } : v.property === "A" ? { x: 0, y: 2 } : { x: 2, y: 0 },
      );
    }
    expect(r.distinctStates).toBe(16);
    expect(r.generatedStates).toBe(41);
  });
});
