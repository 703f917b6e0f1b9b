/**
 * The liveness checker on toy graphs whose answers are known by hand, and against a
 * brute-force oracle (livenessToys.ts) on random small graphs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBfs, type CheckResult, type Violation } from "../../checker/index.js";
import { bruteForceViolated, graphModel, type Edge, type GraphSpec } from "./livenessToys.js";

function run(spec: GraphSpec, options = {}): CheckResult<number, Edge> {
  return checkBfs(graphModel(spec), options);
}

function lassoOf(r: CheckResult<number, Edge>): Violation<number, Edge> {
  const v = r.violations.find((x) => x.kind === "liveness");
  if (v === undefined || v.lasso === undefined) throw new Error("no lasso");
  return v;
}

const actions = (v: Violation<number, Edge>): string[] => v.trace.slice(1).map((s) => (s.action as Edge).inst);
const states = (v: Violation<number, Edge>): number[] => v.trace.map((s) => s.state);

/** Process A finishes once (0,1 → 2,3); process B toggles a bit for ever. P: A is done. */
const starving = (fair: string[]): GraphSpec => ({
  nodes: 4,
  edges: [
    { from: 0, inst: "B", to: 1 },
    { from: 0, inst: "A", to: 2 },
    { from: 1, inst: "B", to: 0 },
    { from: 1, inst: "A", to: 3 },
    { from: 2, inst: "B", to: 3 },
    { from: 3, inst: "B", to: 2 },
  ],
  fair,
  goals: { done: [2, 3] },
});

describe("liveness on hand-analysed toy models", () => {
  it("a starving process: A weakly fair, so A finishes on every fair behaviour", () => {
    const r = run(starving(["A", "B"]));
    expect(r.verdict).toBe("pass");
    expect(r.liveness?.properties).toEqual([{ name: "Eventually", verdict: "holds", violators: [] }]);
    expect(r.liveness?.transitions).toBe(6);
  });

  it("the same process without fairness for A: B's toggling starves it (a cycle of 2)", () => {
    const r = run(starving(["B"]));
    expect(r.verdict).toBe("violation");
    const v = lassoOf(r);
    expect(v.lasso).toMatchObject({ subject: "done", stemLength: 0, cycleLength: 2, loopStart: 0 });
    expect(actions(v)).toEqual(["B", "B"]);
    expect(states(v)).toEqual([0, 1, 0]);
    expect(v.lasso?.fairness).toEqual([{ instance: "B", taken: 1, disabledAt: null }]);
    expect(v.message).toBe("goal done never holds on the cycle through 0,1");
  });

  it("with no fairness at all, stuttering in the initial state is a fair behaviour", () => {
    const v = lassoOf(run(starving([])));
    expect(v.lasso).toMatchObject({ stemLength: 0, cycleLength: 0 });
    expect(v.length).toBe(0);
  });

  it("a self-loop of the only fair instance is enough: taking it is fair, P never holds", () => {
    const v = lassoOf(run({ nodes: 1, edges: [{ from: 0, inst: "Probe", to: 0 }], fair: ["Probe"], goals: { p: [] } }));
    expect(v.lasso).toMatchObject({ stemLength: 0, cycleLength: 1 });
    expect(actions(v)).toEqual(["Probe"]);
    expect(v.lasso?.fairness).toEqual([{ instance: "Probe", taken: 1, disabledAt: null }]);
  });

  const pollOrGo = (fair: string[]): GraphSpec => ({
    nodes: 2,
    edges: [
      { from: 0, inst: "Poll", to: 0 },
      { from: 0, inst: "Go", to: 1 },
    ],
    fair,
    goals: { there: [1] },
  });

  it("a self-loop is not enough while another fair instance stays enabled", () => {
    expect(run(pollOrGo(["Poll", "Go"])).liveness?.properties[0].verdict).toBe("holds");
  });

  it("the same self-loop is enough when the other instance is not fair", () => {
    const v = lassoOf(run(pollOrGo(["Poll"])));
    expect(actions(v)).toEqual(["Poll"]);
  });

  it("a terminal state where P is false: the behaviour stutters there, every fair instance disabled", () => {
    const v = lassoOf(
      run({ nodes: 2, edges: [{ from: 0, inst: "Step", to: 1 }], fair: ["Step"], goals: { start: [0] } }),
    );
    expect(v.lasso).toMatchObject({ stemLength: 1, cycleLength: 0, loopStart: 1 });
    expect(states(v)).toEqual([0, 1]);
    expect(v.lasso?.fairness).toEqual([{ instance: "Step", taken: null, disabledAt: 1 }]);
  });

  const tickOrWork = (workAlsoFromOne: boolean): GraphSpec => ({
    nodes: 3,
    edges: [
      { from: 0, inst: "Tick", to: 1 },
      { from: 0, inst: "Work", to: 2 },
      { from: 1, inst: "Tick", to: 0 },
      ...(workAlsoFromOne ? [{ from: 1, inst: "Work", to: 2 }] : []),
    ],
    fair: ["Tick", "Work"],
    goals: { worked: [2] },
  });

  it("a cycle that is fair only through a state where the starved action is disabled", () => {
    const v = lassoOf(run(tickOrWork(false)));
    expect(actions(v)).toEqual(["Tick", "Tick"]);
    expect(v.lasso?.fairness).toEqual([
      { instance: "Tick", taken: 1, disabledAt: null },
      { instance: "Work", taken: null, disabledAt: 1 },
    ]);
  });

  it("the same cycle with Work enabled in both states is unfair: the property holds", () => {
    expect(run(tickOrWork(true)).liveness?.properties[0].verdict).toBe("holds");
  });

  it("each subject is decided apart; the first violating one gets the lasso, all are listed", () => {
    const r = run({
      nodes: 3,
      edges: [
        { from: 0, inst: "Go", to: 1 },
        { from: 1, inst: "Go", to: 2 },
        { from: 2, inst: "Back", to: 1 },
      ],
      fair: ["Go", "Back"],
      goals: { zero: [0], one: [1], two: [2], notZero: [1, 2] },
    });
    expect(r.liveness?.properties[0].violators).toEqual(["zero"]);
    const v = lassoOf(r);
    expect(v.lasso?.subject).toBe("zero");
    expect(v.lasso).toMatchObject({ stemLength: 1, cycleLength: 2 });
    expect(r.violations.filter((x) => x.kind === "liveness")).toHaveLength(1);
  });

  it("the stem is a shortest path to the component nearest the start", () => {
    // 0 → 1 → 2 → 3 ⟲ (Spin) and 0 → 3 directly: the stem to the fair self-loop is 1 step.
    const v = lassoOf(
      run({
        nodes: 4,
        edges: [
          { from: 0, inst: "Slow", to: 1 },
          { from: 0, inst: "Fast", to: 3 },
          { from: 1, inst: "Slow", to: 2 },
          { from: 2, inst: "Slow", to: 3 },
          { from: 3, inst: "Spin", to: 3 },
        ],
        fair: ["Slow", "Spin"],
        goals: { never: [] },
      }),
    );
    expect(v.lasso?.stemLength).toBe(1);
    expect(actions(v)).toEqual(["Fast", "Spin"]);
  });

  it("a cycle must meet every obligation: it takes each instance enabled all along it", () => {
    // 0 ⇄ 1 by Left/Right; A is a self-loop at 0, B at 1; all fair: the cycle takes all four.
    const v = lassoOf(
      run({
        nodes: 2,
        edges: [
          { from: 0, inst: "Right", to: 1 },
          { from: 0, inst: "A", to: 0 },
          { from: 1, inst: "Left", to: 0 },
          { from: 1, inst: "B", to: 1 },
        ],
        fair: ["Right", "Left", "A", "B"],
        goals: { never: [] },
      }),
    );
    // Right and A are disabled at 1, Left and B at 0: visiting both states is fair already.
    expect(states(v)[v.lasso?.loopStart ?? 0]).toBe(0);
    expect(v.lasso?.cycleLength).toBe(2);
    expect(v.lasso?.fairness.every((f) => f.taken !== null || f.disabledAt !== null)).toBe(true);
  });
});

describe("liveness is reported as not checked when the graph is not whole", () => {
  const spec = starving(["B"]);
  it("cut short by max-states", () => {
    const r = run(spec, { maxStates: 2 });
    expect(r.verdict).toBe("incomplete");
    expect(r.liveness?.notCheckedReason).toMatch(/cut short.*max-states 2/);
    expect(r.liveness?.properties[0].verdict).toBe("not-checked");
  });
  it("with max-depth that leaves states unexpanded", () => {
    expect(run(spec, { maxDepth: 0 }).liveness?.notCheckedReason).toMatch(/max-depth/);
  });
  it("with DFS, with liveness switched off, with exact keys", () => {
    expect(run(spec, { strategy: "dfs" }).liveness?.notCheckedReason).toMatch(/BFS/);
    expect(run(spec, { liveness: false }).liveness?.notCheckedReason).toMatch(/switched off/);
    expect(run(spec, { exact: true }).liveness?.notCheckedReason).toMatch(/fingerprints/);
  });
  it("after a safety violation without all; with all the whole graph is checked", () => {
    const m = graphModel(spec);
    const withInvariant = { ...m, invariants: [{ name: "Never1", description: "", check: (s: number) => (s === 1 ? "at 1" : undefined) }] };
    const first = checkBfs(withInvariant, {});
    expect(first.liveness?.notCheckedReason).toMatch(/first safety violation/);
    const all = checkBfs(withInvariant, { all: true });
    expect(all.liveness?.properties[0]).toEqual({ name: "Eventually", verdict: "violated", violators: ["done"] });
    expect(all.violations.map((v) => v.kind)).toEqual(["invariant", "liveness"]);
  });
  it("a model without liveness reports none", () => {
    const { liveness: _unused, ...plain } = graphModel(spec);
    expect(checkBfs(plain, {}).liveness).toBeNull();
  });
});

describe("liveness agrees with a brute-force oracle on random small graphs", () => {
  const INSTANCES = ["a", "b", "c"];
  const graphArb = fc
    .record({
      nodes: fc.integer({ min: 1, max: 5 }),
      targets: fc.array(fc.array(fc.option(fc.nat(4), { nil: null }), { minLength: 3, maxLength: 3 }), {
        minLength: 5,
        maxLength: 5,
      }),
      fairMask: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      goalMask: fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ nodes, targets, fairMask, goalMask }): GraphSpec => {
      const edges: Edge[] = [];
      for (let v = 0; v < nodes; v++) {
        INSTANCES.forEach((inst, i) => {
          const t = targets[v][i];
          if (t !== null) edges.push({ from: v, inst, to: t % nodes });
        });
      }
      const goals: Record<string, number[]> = {};
      goalMask.forEach((m, g) => (goals[`g${g}`] = m.flatMap((on, v) => (on && v < nodes ? [v] : []))));
      return { nodes, edges, fair: INSTANCES.filter((_, i) => fairMask[i]), goals };
    });

  it("the same verdict for every goal, and every lasso replays, returns, keeps P false and is fair", () => {
    fc.assert(
      fc.property(graphArb, (spec) => {
        const r = run(spec, { all: true });
        const violators = r.liveness?.properties[0].violators ?? [];
        for (const goal of Object.keys(spec.goals)) {
          expect(violators.includes(goal)).toBe(bruteForceViolated(spec, goal));
        }
        for (const v of r.violations) {
          const lasso = v.lasso;
          if (lasso === undefined) continue;
          const path = states(v);
          const acts = v.trace.slice(1).map((s) => s.action as Edge);
          acts.forEach((e, i) => {
            expect(e.from).toBe(path[i]);
            expect(e.to).toBe(path[i + 1]);
          });
          expect(path[path.length - 1]).toBe(path[lasso.loopStart]);
          const cycle = path.slice(lasso.loopStart, Math.max(lasso.loopStart + 1, path.length - 1));
          for (const s of cycle) expect(spec.goals[lasso.subject].includes(s)).toBe(false);
          for (const f of spec.fair) {
            const taken = acts.slice(lasso.loopStart).some((e) => e.inst === f);
            const disabled = cycle.some((s) => !spec.edges.some((e) => e.from === s && e.inst === f));
            expect(taken || disabled).toBe(true);
          }
        }
      }),
      { numRuns: 400, seed: 20261203 },
    );
  });
});
