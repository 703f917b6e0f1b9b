import { describe, expect, it } from "vitest";
import { checkBfs, checkDfs } from "../../checker/index.js";
import { counterModel, gridModel, notAt, witness } from "./toyModels.js";
import type { Grid } from "./toyModels.js";

describe("witnesses", () => {
  it("are reached at their shortest depth under BFS", () => {
    const model = gridModel({
      n: 2,
      witnesses: [
        witness<Grid>("corner", (s) => s.x === 2 && s.y === 2, true),
        witness<Grid>("x1", (s) => s.x === 1),
        witness<Grid>("start", (s) => s.x === 0 && s.y === 0, true),
        witness<Grid>("y2", (s) => s.y === 2),
      ],
    });
    const r = checkBfs(model, {});
    expect(r.verdict).toBe("pass");
    expect(r.witnesses).toEqual([
      { name: "corner", required: true, reached: true, depth: 4 },
      { name: "x1", required: false, reached: true, depth: 1 },
      { name: "start", required: true, reached: true, depth: 0 },
      { name: "y2", required: false, reached: true, depth: 2 },
    ]);
  });

  it("an unreached required witness makes a complete run a violation", () => {
    const model = gridModel({
      n: 2,
      witnesses: [witness<Grid>("x1", (s) => s.x === 1, true), witness<Grid>("never", (s) => s.x === 99, true)],
    });
    const r = checkBfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.violations).toEqual([
      {
        property: "never",
        kind: "witness-unreached",
        message: "witness never was never reached in 9 distinct states: the run is vacuous for it",
        length: 0,
        trace: [],
      },
    ]);
    expect(r.witnesses[1]).toEqual({ name: "never", required: true, reached: false, depth: null });
  });

  it("an unreached optional witness leaves the run green", () => {
    const model = gridModel({ n: 2, witnesses: [witness<Grid>("never", (s) => s.x === 99, false)] });
    const r = checkBfs(model, {});
    expect(r.verdict).toBe("pass");
    expect(r.violations).toEqual([]);
    expect(r.witnesses).toEqual([{ name: "never", required: false, reached: false, depth: null }]);
  });

  it("with all, unreached required witnesses come after the invariant violations", () => {
    const model = gridModel({
      n: 2,
      invariants: [notAt("no11", 1, 1)],
      witnesses: [witness<Grid>("never", (s) => s.x === 99, true)],
    });
    const r = checkBfs(model, { all: true });
    expect(r.verdict).toBe("violation");
    expect(r.violations.map((v) => [v.property, v.kind])).toEqual([
      ["no11", "invariant"],
      ["never", "witness-unreached"],
    ]);
  });

  it("an incomplete run does not declare a required witness unreached", () => {
    const model = gridModel({ n: 2, witnesses: [witness<Grid>("corner", (s) => s.x === 2 && s.y === 2, true)] });
    const r = checkBfs(model, { maxDepth: 2 });
    expect(r.verdict).toBe("incomplete");
    expect(r.violations).toEqual([]);
    expect(r.witnesses[0].reached).toBe(false);
  });
});

describe("path witnesses (after)", () => {
  // A line 0..4 with Inc and Dec: holds v==1 is 1 step away, but after v==3 first it is
  // 0,1,2,3,2,1: 5 steps.
  const lineWithWitnesses = () =>
    counterModel({
      max: 4,
      dec: true,
      witnesses: [
        witness<number>("one", (v) => v === 1),
        witness<number>("oneAfterThree", (v) => v === 1, true, (v) => v === 3),
        witness<number>("zeroAfterFour", (v) => v === 0, false, (v) => v === 4),
        witness<number>("twoAfterTwo", (v) => v === 2, false, (v) => v === 2),
        witness<number>("oneAfterSeven", (v) => v === 1, false, (v) => v === 7),
      ],
    });

  it("finds the shortest path through an `after` state, not the shortest path to `holds`", () => {
    const r = checkBfs(lineWithWitnesses(), {});
    expect(r.verdict).toBe("pass");
    expect(r.witnesses).toEqual([
      { name: "one", required: false, reached: true, depth: 1 },
      { name: "oneAfterThree", required: true, reached: true, depth: 5 },
      { name: "zeroAfterFour", required: false, reached: true, depth: 8 },
      { name: "twoAfterTwo", required: false, reached: true, depth: 2 },
      { name: "oneAfterSeven", required: false, reached: false, depth: null },
    ]);
  });

  it("does not change the state counts", () => {
    const plain = checkBfs(counterModel({ max: 4, dec: true }), {});
    const withW = checkBfs(lineWithWitnesses(), {});
    expect(plain.distinctStates).toBe(5);
    expect(plain.generatedStates).toBe(1 + 4 + 4);
    expect(withW.distinctStates).toBe(plain.distinctStates);
    expect(withW.generatedStates).toBe(plain.generatedStates);
    expect(withW.actions).toEqual(plain.actions);
    expect(withW.depth).toBe(plain.depth);
  });

  it("an unreachable required path witness fails a complete run", () => {
    const model = counterModel({
      max: 4,
      dec: true,
      witnesses: [witness<number>("oneAfterSeven", (v) => v === 1, true, (v) => v === 7)],
    });
    const r = checkBfs(model, {});
    expect(r.verdict).toBe("violation");
    expect(r.violations.map((v) => [v.property, v.kind])).toEqual([["oneAfterSeven", "witness-unreached"]]);
  });

  it("is answered the same way under DFS", () => {
    const r = checkDfs(lineWithWitnesses(), {});
    expect(r.witnesses.map((w) => w.depth)).toEqual([1, 5, 8, 2, null]);
  });

  it("a line without Dec cannot come back: unreachable", () => {
    const model = counterModel({
      max: 4,
      witnesses: [witness<number>("oneAfterThree", (v) => v === 1, false, (v) => v === 3)],
    });
    expect(checkBfs(model, {}).witnesses[0]).toEqual({
      name: "oneAfterThree",
      required: false,
      reached: false,
      depth: null,
    });
  });
});
