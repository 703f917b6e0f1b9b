// The random-walk engine and the minimiser on toy models whose shortest counterexamples are
// known by hand: a planted violation is found, shrunk to its minimal length, and replayed
// from its seed and path; the same seed gives the same result.
import { describe, expect, it } from "vitest";
import { minimiseTrace, randomSearch, runSeedOf, type Invariant, type Model, type RandomResult } from "../../checker/index.js";
import { counterModel, gridModel, notAt, traceActions, assertReplays, valueIsNot, witness, type Grid } from "../checker/toyModels.js";

/** Everything but the times. */
function stable<S, A>(r: RandomResult<S, A>): unknown {
  const { elapsedMs: _e, violation, ...rest } = r;
  void _e;
  if (violation === null) return rest;
  const { shrinkMs: _s, ...v } = violation;
  void _s;
  return { ...rest, violation: v };
}

describe("randomSearch on toy models", () => {
  // (3,2) is 5 steps from (0,0) (three IncX, two IncY); Stay steps are noise to shrink away.
  const grid = gridModel({
    n: 5,
    invariants: [notAt("NotAt32", 3, 2)],
    witnesses: [witness("Corner", (s: Grid) => s.x === 5 && s.y === 5)],
  });

  // x must reach 4 (four Inc, the minimum) while Dec and three Wiggles wander about: a walk
  // that gets there is long, and fast-check alone must cut it down to the four Inc.
  type Needle = { readonly x: number; readonly y: number };
  const needle: Model<Needle, string> = {
    initialStates: () => [{ x: 0, y: 0 }],
    actions: (s) => [...(s.x < 6 ? ["Inc"] : []), ...(s.x > 0 ? ["Dec"] : []), "Wiggle1", "Wiggle2", "Wiggle3"],
    next: (s, a) =>
      a === "Inc" ? { x: s.x + 1, y: s.y } : a === "Dec" ? { x: s.x - 1, y: s.y } : { x: s.x, y: (s.y + Number(a.slice(6))) % 5 },
    key: (s) => `${s.x},${s.y}`,
    actionName: (a) => a,
    actionNames: ["Inc", "Dec", "Wiggle1", "Wiggle2", "Wiggle3"],
    formatAction: (a) => a,
    invariants: [{ name: "XNot4", description: "x is never 4", check: (s) => (s.x === 4 ? "x=4" : undefined) }],
    witnesses: [],
  };

  it("finds a planted violation and fast-check alone shrinks long walks to the minimal 4 steps", () => {
    const found = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => randomSearch(needle, { seed, runs: 500, depth: 60, minimise: false }).violation!);
    for (const v of found) {
      expect(v.property).toBe("XNot4");
      expect(v.shrunkLength).toBe(4);
      expect(v.length).toBe(4);
      expect(traceActions(needle, v.trace)).toEqual(["Inc", "Inc", "Inc", "Inc"]);
      assertReplays(needle, v.trace);
    }
    // Walks wandered far before x reached 4 (up to 48 actions): the shrinking did the work.
    expect(found.every((v) => v.walkLength >= 4)).toBe(true);
    expect(found.filter((v) => v.walkLength > 20 && v.numShrinks > 0).length).toBeGreaterThanOrEqual(2);
    expect(found.reduce((n, v) => n + v.walkLength, 0)).toBeGreaterThan(2 * 8 * 4);
  });

  it("minimisation by replay takes it to 5 as well, and replaying the seed and path gives the same walk", () => {
    const r = randomSearch(grid, { seed: 3, runs: 200, depth: 40 });
    const v = r.violation!;
    expect(v.length).toBe(5);
    expect(v.minimisedLength).toBe(5);
    expect(v.shrunkLength).toBeLessThanOrEqual(v.walkLength);
    const again = randomSearch(grid, { replay: { seed: v.runSeed, path: v.path }, depth: 40, minimise: false });
    expect(again.violation?.property).toBe("NotAt32");
    expect(again.violation?.shrunkLength).toBe(v.shrunkLength);
    expect(again.violation?.runSeed).toBe(v.runSeed);
  });

  it("the same seed gives the same result; another seed another search", () => {
    const a = randomSearch(grid, { seed: 5, runs: 50, depth: 30 });
    const b = randomSearch(grid, { seed: 5, runs: 50, depth: 30 });
    expect(a.violation).not.toBeNull();
    expect(stable(b)).toEqual(stable(a));
    const c = randomSearch(gridModel({ n: 5 }), { seed: 6, runs: 50, depth: 30 });
    const d = randomSearch(gridModel({ n: 5 }), { seed: 7, runs: 50, depth: 30 });
    expect(c.steps).not.toBe(d.steps);
  });

  it("counts steps per action, distinct states, witnesses at their shortest walk prefix, and deadlocks", () => {
    const r = randomSearch(gridModel({ n: 2, witnesses: [witness("Corner", (s: Grid) => s.x === 2 && s.y === 2)] }), {
      seed: 1,
      runs: 300,
      depth: 12,
    });
    expect(r.verdict).toBe("pass");
    expect(r.runs).toBe(300);
    expect(r.actions.IncX + r.actions.IncY + r.actions.Stay).toBe(r.steps);
    expect(r.actions.Reset).toBe(0);
    expect(r.distinctStates).toBe(9);
    expect(r.witnesses).toEqual([{ name: "Corner", required: false, reached: true, depth: 4 }]);
    // A counter without Dec has no action at its maximum: walks that get there end.
    const line = randomSearch(counterModel({ max: 2 }), { seed: 1, runs: 100, depth: 10 });
    expect(line.deadlocks).toBeGreaterThan(0);
    expect(line.distinctStates).toBe(3);
  });

  it("stops at the time limit, and refuses bad bounds", () => {
    const r = randomSearch(gridModel({ n: 50 }), { seed: 1, runs: 1e9, depth: 100, timeLimitMs: 200 });
    expect(r.interrupted).toBe(true);
    expect(r.runs).toBeLessThan(1e9);
    expect(() => randomSearch(grid, { runs: 0 })).toThrow(RangeError);
    expect(() => randomSearch(grid, { depth: 1.5 })).toThrow(RangeError);
    expect(() => randomSearch(grid, { seed: -1 })).toThrow(RangeError);
    expect(() => randomSearch(grid, { timeLimitMs: 0 })).toThrow(RangeError);
    expect(() => randomSearch(grid, { replay: { seed: 1, path: "x" } })).toThrow(RangeError);
  });

  it("shards run disjoint seeds, and consecutive base seeds are different searches", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 4; i++) {
      for (let k = 0; k < 250; k++) seen.add(runSeedOf(1000, i + 4 * k));
    }
    expect(seen.size).toBe(1000);
    const next = new Set(Array.from({ length: 1000 }, (_, g) => runSeedOf(1001, g)));
    expect([...seen].filter((x) => next.has(x))).toEqual([]);
    const a = randomSearch(grid, { seed: 1000, seedOffset: 1, seedStride: 4, runs: 3, depth: 5 });
    expect(a.seedOffset).toBe(1);
    expect(a.seedStride).toBe(4);
  });

  it("a model that throws is a defect, reported as the error, not shrunk as a counterexample", () => {
    const broken: Model<number, string> = {
      initialStates: () => [0],
      actions: () => ["Boom"],
      next: () => {
        throw new Error("defect in next");
      },
      key: String,
      actionName: (a: string) => a,
      actionNames: ["Boom"],
      formatAction: (a: string) => a,
      invariants: [valueIsNot("Not3", 3)],
      witnesses: [],
    };
    expect(() => randomSearch(broken, { seed: 1, runs: 5, depth: 5 })).toThrow("defect in next");
  });
});

// ---------------------------------------------------------------- minimiser

type Act = "Inc" | "Crash" | "Noise";
/** v counts Inc and Crash (a fault); Noise changes nothing visible to the invariant. */
function faultyCounter(invariant: Invariant<{ v: number; n: number }>): Model<{ v: number; n: number }, Act> {
  return {
    initialStates: () => [{ v: 0, n: 0 }],
    actions: () => ["Inc", "Crash", "Noise"],
    next: (s, a) => (a === "Noise" ? { v: s.v, n: s.n + 1 } : { v: s.v + 1, n: s.n }),
    key: (s) => `${s.v},${s.n}`,
    actionName: (a) => a,
    actionNames: ["Inc", "Crash", "Noise"],
    formatAction: (a) => a,
    invariants: [invariant],
    witnesses: [],
  };
}

function pathOf<S, A>(model: Model<S, A>, actions: readonly A[]) {
  let s = model.initialStates()[0];
  const trace: { action: A | null; state: S }[] = [{ action: null, state: s }];
  for (const a of actions) {
    s = model.next(s, a);
    trace.push({ action: a, state: s });
  }
  return trace;
}

describe("minimiseTrace", () => {
  const vNot3 = faultyCounter({ name: "VNot3", description: "v is never 3", check: (s) => (s.v === 3 ? "v=3" : undefined) });
  const isFault = (a: Act): boolean => a === "Crash";

  it("removes the steps that do not matter, faults first", () => {
    const m = minimiseTrace(vNot3, pathOf(vNot3, ["Noise", "Crash", "Noise", "Inc", "Noise", "Crash"]), "VNot3", { isFault });
    expect(m.originalLength).toBe(6);
    expect(m.length).toBe(3);
    expect(m.trace[m.trace.length - 1].state.v).toBe(3);
    expect(m.message).toBe("v=3");
  });

  it("prefers fewer faults: a fault is replaced by an ordinary action when the property still breaks", () => {
    const m = minimiseTrace(vNot3, pathOf(vNot3, ["Crash", "Crash", "Crash"]), "VNot3", { isFault });
    expect(m.length).toBe(3);
    expect(m.originalFaults).toBe(3);
    expect(m.faults).toBe(0);
    expect(traceActions(vNot3, m.trace)).toEqual(["Inc", "Inc", "Inc"]);
  });

  it("leaves a shortest trace as it is and refuses a trace that does not break the property", () => {
    const line = counterModel({ max: 5, dec: true, invariants: [valueIsNot("Not3", 3)] });
    const m = minimiseTrace(line, pathOf(line, [{ kind: "Inc" }, { kind: "Inc" }, { kind: "Inc" }]), "Not3");
    expect(m.length).toBe(3);
    expect(() => minimiseTrace(line, pathOf(line, [{ kind: "Inc" }]), "Not3")).toThrow(RangeError);
    expect(() => minimiseTrace(line, pathOf(line, [{ kind: "Inc" }]), "Nope")).toThrow(RangeError);
  });
});
