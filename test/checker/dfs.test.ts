import { describe, expect, it } from "vitest";
import { checkBfs, checkDfs } from "../../checker/index.js";
import type { Model } from "../../checker/index.js";
import { assertReplays, counterModel, gridModel, notAt, traceActions, valueIsNot, witness } from "./toyModels.js";

describe("checkDfs", () => {
  const models: [string, () => Model<any, any>][] = [
    ["grid n=2", () => gridModel({ n: 2 })],
    ["grid n=3", () => gridModel({ n: 3 })],
    ["two initial states", () => counterModel({ max: 5, initial: [0, 3] })],
    ["repeated initial state", () => counterModel({ max: 5, initial: [0, 3, 0] })],
    ["line with Dec", () => counterModel({ max: 4, dec: true })],
    ["ring", () => counterModel({ max: 4, ring: true })],
  ];
  for (const [name, make] of models) {
    it(`finds the same distinct/generated/action counts as BFS: ${name}`, () => {
      const b = checkBfs(make(), {});
      const d = checkDfs(make(), {});
      expect(d.verdict).toBe("pass");
      expect(d.strategy).toBe("dfs");
      expect(d.distinctStates).toBe(b.distinctStates);
      expect(d.generatedStates).toBe(b.generatedStates);
      expect(d.actions).toEqual(b.actions);
    });
  }

  it("the hand-computed grid counts", () => {
    const r = checkDfs(gridModel({ n: 2 }), {});
    expect(r.distinctStates).toBe(9);
    expect(r.generatedStates).toBe(22);
    expect(r.actions).toEqual({ IncX: 6, IncY: 6, Stay: 9, Reset: 0 });
    expect(r.depth).toBe(4);
  });

  it("reports the deepest stack, and witnesses at the depth of the path it found them on", () => {
    // Ring 0..4 with Inc first: DFS walks 0,1,2,3,4 while BFS reaches 4 in one Dec.
    const model = () => counterModel({ max: 4, ring: true, witnesses: [witness<number>("four", (v) => v === 4)] });
    const d = checkDfs(model(), {});
    const b = checkBfs(model(), {});
    expect(b.depth).toBe(2);
    expect(d.depth).toBe(4);
    expect(b.witnesses[0].depth).toBe(1);
    expect(d.witnesses[0].depth).toBe(4);
  });

  it("stops at the first violation, with the stack path as trace", () => {
    const model = gridModel({ n: 3, invariants: [notAt("no21", 2, 1)] });
    const r = checkDfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0];
    expect(v.property).toBe("no21");
    expect(v.message).toBe("no21: reached x=2 y=1");
    expect(traceActions(model, v.trace)).toEqual(["IncX(0->1)", "IncX(1->2)", "IncY(0->1)"]);
    assertReplays(model, v.trace);
    // Explored (0,0) (1,0) (2,0) (3,0) (3,1) (3,2) (3,3), then (2,1): stop.
    expect(r.distinctStates).toBe(8);
    expect(r.depth).toBe(6);
  });

  it("reports a violation reached from a second initial state", () => {
    const model = counterModel({ max: 5, initial: [0, 3], invariants: [valueIsNot("not5", 5)] });
    const r = checkDfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].trace.map((s) => s.state)).toEqual([3, 4, 5]);
    assertReplays(model, r.violations[0].trace);
  });

  it("with all: keeps going and reports every violated invariant in invariant order", () => {
    const model = gridModel({ n: 3, invariants: [notAt("C", 3, 0), notAt("A", 0, 2), notAt("B", 2, 0)] });
    const r = checkDfs(model, { all: true });
    expect(r.verdict).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual(["C", "A", "B"]);
    expect(r.distinctStates).toBe(16);
    for (const v of r.violations) {
      assertReplays(model, v.trace);
      expect(v.length).toBe(v.trace.length - 1);
      expect(model.invariants.find((i) => i.name === v.property)!.check(v.trace[v.length].state)).toBeDefined();
    }
  });

  it("an unreached required witness fails a complete DFS run", () => {
    const model = gridModel({ n: 1, witnesses: [witness("never", () => false, true)] });
    const r = checkDfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.violations[0].kind).toBe("witness-unreached");
    expect(r.violations[0].message).toBe(
      "witness never was never reached in 4 distinct states: the run is vacuous for it",
    );
  });
});
