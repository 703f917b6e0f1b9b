import { describe, expect, it } from "vitest";
import { checkBfs, checkDfs } from "../../checker/index.js";
import type { CheckOptions } from "../../checker/index.js";
import { counterModel, gridModel, notAt } from "./toyModels.js";

const DEPTH2 = "max-depth 2 reached: states at depth 2 have unexplored successors";

describe("bounds (BFS)", () => {
  it("maxStates below the state count: incomplete after storing exactly that many", () => {
    const r = checkBfs(gridModel({ n: 2 }), { maxStates: 5 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteReason).toBe("max-states 5 reached");
    expect(r.distinctStates).toBe(5);
  });

  it("maxStates one below the state count is still incomplete", () => {
    const r = checkBfs(gridModel({ n: 2 }), { maxStates: 8 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteReason).toBe("max-states 8 reached");
  });

  it("maxStates equal to the state count: nothing is left unexplored, so pass", () => {
    const r = checkBfs(gridModel({ n: 2 }), { maxStates: 9 });
    expect(r.verdict).toBe("pass");
    expect(r.incompleteReason).toBeNull();
    expect(r.generatedStates).toBe(22);
  });

  it("maxDepth below the diameter: incomplete, states at that depth not expanded", () => {
    const r = checkBfs(gridModel({ n: 2 }), { maxDepth: 2 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteReason).toBe(DEPTH2);
    expect(r.distinctStates).toBe(6);
    expect(r.depth).toBe(2);
    // (0,0), (1,0), (0,1) expanded, 3 actions each
    expect(r.generatedStates).toBe(10);
    expect(r.actions).toEqual({ IncX: 3, IncY: 3, Stay: 3, Reset: 0 });
  });

  it("maxDepth 0: only the initial states", () => {
    const r = checkBfs(gridModel({ n: 2 }), { maxDepth: 0 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteReason).toBe("max-depth 0 reached: states at depth 0 have unexplored successors");
    expect(r.distinctStates).toBe(1);
    expect(r.generatedStates).toBe(1);
  });

  it("maxDepth 0 on a model without transitions is complete", () => {
    expect(checkBfs(counterModel({ max: 0 }), { maxDepth: 0 }).verdict).toBe("pass");
  });

  it("maxDepth equal to the diameter: complete (the deepest states' successors are all known)", () => {
    const r = checkBfs(gridModel({ n: 2 }), { maxDepth: 4 });
    expect(r.verdict).toBe("pass");
    expect(r.incompleteReason).toBeNull();
    expect(r.distinctStates).toBe(9);
    // (2,2) at depth 4 is not expanded: its Stay self-loop is not counted.
    expect(r.generatedStates).toBe(21);
    expect(r.actions.Stay).toBe(8);
  });

  it("maxDepth over the diameter: complete with the full counts", () => {
    const r = checkBfs(gridModel({ n: 2 }), { maxDepth: 10 });
    expect(r.verdict).toBe("pass");
    expect(r.generatedStates).toBe(22);
    expect(r.depth).toBe(4);
  });

  it("a violation beyond maxDepth is not found: incomplete", () => {
    const r = checkBfs(gridModel({ n: 3, invariants: [notAt("no33", 3, 3)] }), { maxDepth: 5 });
    expect(r.verdict).toBe("incomplete");
    expect(r.violations).toEqual([]);
  });

  it("a violation found before a bound is hit wins over incomplete", () => {
    const r = checkBfs(gridModel({ n: 3, invariants: [notAt("no10", 1, 0)] }), { all: true, maxStates: 4 });
    expect(r.verdict).toBe("violation");
    expect(r.incompleteReason).toBe("max-states 4 reached");
    expect(r.violations.map((v) => v.property)).toEqual(["no10"]);
  });
});

describe("bounds (DFS)", () => {
  it("maxStates", () => {
    const r = checkDfs(gridModel({ n: 2 }), { maxStates: 5 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteReason).toBe("max-states 5 reached");
    expect(r.distinctStates).toBe(5);
    expect(checkDfs(gridModel({ n: 2 }), { maxStates: 9 }).verdict).toBe("pass");
  });

  it("maxDepth below what is needed: incomplete", () => {
    const r = checkDfs(gridModel({ n: 2 }), { maxDepth: 2 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteReason).toBe(DEPTH2);
    expect(r.distinctStates).toBe(6);
    expect(r.depth).toBe(2);
  });

  it("maxDepth 4 on the grid (every DFS path there is shortest): complete", () => {
    const r = checkDfs(gridModel({ n: 2 }), { maxDepth: 4 });
    expect(r.verdict).toBe("pass");
    expect(r.distinctStates).toBe(9);
  });

  it("a state cut off at maxDepth whose successors are found later by another path: complete", () => {
    // Ring 0..4: DFS goes 0,1,2 and stops at depth 2 while 3 is still unvisited; 3 is then
    // reached by 0,4,3. All 5 states are within 2 steps, so the run is complete.
    const r = checkDfs(counterModel({ max: 4, ring: true }), { maxDepth: 2 });
    expect(r.verdict).toBe("pass");
    expect(r.incompleteReason).toBeNull();
    expect(r.distinctStates).toBe(5);
    expect(r.generatedStates).toBe(1 + 6); // 0, 1, 4 expanded
  });

  it("maxDepth 0", () => {
    const opts: CheckOptions = { maxDepth: 0 };
    const r = checkDfs(gridModel({ n: 2 }), opts);
    expect(r.verdict).toBe("incomplete");
    expect(r.distinctStates).toBe(1);
  });
});
