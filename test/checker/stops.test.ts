// Whatever stops a run (a bound, the time limit, the memory limit, an allocation failure,
// `interrupted()`), the result is a verdict: incomplete, with the kind, a reason, the figures
// found so far, and the phases after the search that were skipped, named.
import { afterEach, describe, expect, it } from "vitest";
import {
  AllocationFailure,
  checkBfs,
  checkDfs,
  isOutOfMemoryError,
  simulateAllocationLimit,
  type CheckOptions,
  type Model,
  type Progress,
  type ProgressPhase,
} from "../../checker/index.js";
import { counterModel, gridModel, witness } from "./toyModels.js";

/** A line 0..max with Inc and Dec: one state per BFS level, so a long search of many levels. */
const longLine = (max: number): Model<number, { readonly kind: "Inc" } | { readonly kind: "Dec" }> =>
  counterModel({ max, dec: true });

/** `interrupted` that answers true from its `n`-th call on, counting its calls. */
function interruptAfter(n: number): { readonly interrupted: () => boolean; calls: () => number } {
  let calls = 0;
  return { interrupted: () => ++calls >= n, calls: () => calls };
}

/** Options that interrupt the run as soon as a progress report of `phase` arrives. */
function interruptInPhase(phase: ProgressPhase): { options: CheckOptions; phases: Set<ProgressPhase> } {
  const phases = new Set<ProgressPhase>();
  return {
    phases,
    options: {
      progressIntervalMs: 0,
      onProgress: (p: Progress) => void phases.add(p.phase),
      interrupted: () => phases.has(phase),
    },
  };
}

describe("time limit", () => {
  it("stops a search that would run long: incomplete, kind time-limit, figures so far", () => {
    const t = performance.now();
    const r = checkBfs(longLine(50_000_000), { timeLimitMs: 100 });
    expect(performance.now() - t).toBeLessThan(5000);
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteKind).toBe("time-limit");
    expect(r.incompleteReason).toBe("time limit of 100 ms reached");
    expect(r.distinctStates).toBeGreaterThan(1000);
    expect(r.distinctStates).toBeLessThan(50_000_000);
    // One state per level on a line: the depth is the states found minus the initial one.
    expect(r.depth).toBe(r.distinctStates - 1);
    expect(r.generatedStates).toBeGreaterThan(r.distinctStates);
  });

  it("stops DFS too", () => {
    const r = checkDfs(longLine(50_000_000), { timeLimitMs: 100 });
    expect(r.incompleteKind).toBe("time-limit");
    expect(r.distinctStates).toBeGreaterThan(1000);
  });

  it("a run that finishes within it is complete", () => {
    const r = checkBfs(gridModel({ n: 3 }), { timeLimitMs: 60_000 });
    expect(r.verdict).toBe("pass");
    expect(r.incompleteKind).toBeNull();
    expect(r.incompleteReason).toBeNull();
    expect(r.skipped).toEqual([]);
  });
});

describe("interrupted()", () => {
  it("true on the 5th poll stops the BFS there, with the figures so far", () => {
    const stop = interruptAfter(5);
    const r = checkBfs(gridModel({ n: 2_000 }), { interrupted: stop.interrupted });
    expect(stop.calls()).toBe(5);
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteKind).toBe("interrupted");
    expect(r.incompleteReason).toBe("interrupted");
    expect(r.distinctStates).toBeGreaterThan(0);
    expect(r.distinctStates).toBeLessThan(2_001 * 2_001);
    expect(r.depth).toBeGreaterThan(0);
  });

  it("polls every 1024 expansions within a level, not only between levels", () => {
    // One level of the grid holds at most n+1 states; a wide model's first level is huge.
    const wide: Model<number, number> = {
      initialStates: () => [0],
      actions: (s) => (s === 0 ? Array.from({ length: 100_000 }, (_, i) => i + 1) : s <= 100_000 ? [0, 1] : []),
      next: (s, a) => (s === 0 ? a : s * 100_001 + a),
      key: (s) => String(s),
      actionName: () => "Step",
      actionNames: ["Step"],
      formatAction: (a) => `Step ${a}`,
      invariants: [],
      witnesses: [],
    };
    // Polls: level 0, level 1 (100,000 states), then one every 1024 expansions (the initial
    // state's counts): the 4th comes after 2,047 expansions of level 1, two new states each.
    const r = checkBfs(wide, { interrupted: interruptAfter(4).interrupted });
    expect(r.incompleteKind).toBe("interrupted");
    expect(r.depth).toBe(2);
    expect(r.distinctStates).toBe(1 + 100_000 + 2 * 2047);
  });

  it("stops DFS with the figures so far", () => {
    const r = checkDfs(gridModel({ n: 2_000 }), { interrupted: interruptAfter(3).interrupted });
    expect(r.incompleteKind).toBe("interrupted");
    expect(r.distinctStates).toBeGreaterThan(1000);
  });

  it("keeps the violations found before it", () => {
    const model = counterModel({
      max: 10_000_000,
      dec: true,
      invariants: [{ name: "small", description: "v < 3", check: (v) => (v >= 3 ? `v=${v}` : undefined) }],
    });
    // Polled at each level (one state each): the 6th poll is at level 5, after v=3 was found.
    const r = checkBfs(model, { all: true, interrupted: interruptAfter(6).interrupted });
    expect(r.incompleteKind).toBe("interrupted");
    expect(r.verdict).toBe("violation");
    expect(r.violations.map((v) => [v.property, v.length])).toEqual([["small", 3]]);
  });
});

describe("memory limit", () => {
  it("a limit below what the process holds stops at the first poll: incomplete, kind memory", () => {
    const r = checkBfs(gridModel({ n: 100 }), { maxMemoryBytes: 1 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteKind).toBe("memory");
    expect(r.incompleteReason).toMatch(/^memory limit of 1 bytes reached \(.* in use\); try .*a smaller configuration.*--max-states/);
    // Stopped before level 1 was expanded: the initial state only.
    expect(r.distinctStates).toBe(1);
  });

  it("a generous limit changes nothing", () => {
    const plain = checkBfs(gridModel({ n: 30 }));
    const limited = checkBfs(gridModel({ n: 30 }), { maxMemoryBytes: 64 * 2 ** 30 });
    expect(limited.verdict).toBe("pass");
    expect(limited.distinctStates).toBe(plain.distinctStates);
    expect(limited.generatedStates).toBe(plain.generatedStates);
  });
});

describe("allocation failures are a verdict, not a throw", () => {
  afterEach(() => simulateAllocationLimit(null));

  it("the visited set cannot grow: incomplete, kind memory, the states stored so far", () => {
    // The fingerprint table (8 bytes a slot, grown by 15% past 90% load) outgrows 100 KB at
    // 9,811 states (capacity 10,900 to 12,535 slots); the state table's 80 KB chunks still fit.
    simulateAllocationLimit(100_000);
    const r = checkBfs(longLine(40_000), {});
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteKind).toBe("memory");
    expect(r.incompleteReason).toMatch(/^out of memory: could not allocate .* for the visited set \(fingerprint table\)/);
    expect(r.incompleteReason).toMatch(/--max-states/);
    expect(r.distinctStates).toBe(9_810);
    // The set holds exactly the states recorded: the fingerprint whose insertion failed was
    // taken out again, so each state found is one level deeper on the line.
    expect(r.depth).toBe(r.distinctStates - 1);
  });

  it("the same under DFS", () => {
    simulateAllocationLimit(100_000);
    const r = checkDfs(longLine(40_000), {});
    expect(r.incompleteKind).toBe("memory");
    expect(r.distinctStates).toBe(9_810);
  });

  it("the queue cannot grow (a model with a codec)", () => {
    // A level of 3,000 states of 40 bytes each: 120 KB of queue, while the visited set stays small.
    const codecModel: Model<number, number> = {
      initialStates: () => [0],
      actions: (s) => (s === 0 ? Array.from({ length: 3_000 }, (_, i) => i + 1) : []),
      next: (_s, a) => a,
      key: (s) => String(s),
      actionName: () => "Go",
      actionNames: ["Go"],
      formatAction: (a) => `Go ${a}`,
      invariants: [],
      witnesses: [],
      codec: {
        maxBytes: 40,
        encode: (s, out) => {
          out.fill(0, 0, 40);
          new DataView(out.buffer, out.byteOffset).setUint32(0, s);
          return 40;
        },
        decode: (bytes, start) => new DataView(bytes.buffer, bytes.byteOffset + start).getUint32(0),
      },
    };
    simulateAllocationLimit(100_000);
    const r = checkBfs(codecModel, {});
    expect(r.incompleteKind).toBe("memory");
    expect(r.incompleteReason).toMatch(/for the BFS queue/);
    expect(r.distinctStates).toBeGreaterThan(1_000);
  });

  it("the liveness edge store cannot grow: liveness not checked, the run incomplete", () => {
    // A ring of 20,000 states: the fingerprint table stays under 500 KB, but the edge store
    // takes 640 KB chunks (65,536 transitions of 10 bytes).
    const n = 20_000;
    const ring: Model<number, "Inc"> = {
      initialStates: () => [0],
      actions: () => ["Inc"],
      next: (s) => (s + 1) % n,
      key: (s) => String(s),
      actionName: () => "Inc",
      actionNames: ["Inc"],
      formatAction: () => "Inc",
      invariants: [],
      witnesses: [],
      liveness: {
        fairInstances: ["Inc"],
        fairInstanceOf: () => 0,
        properties: [{ name: "Zero", description: "GF v=0", subjects: ["v"], holds: (s) => s === 0, explain: () => "never 0" }],
      },
    };
    simulateAllocationLimit(500_000);
    const r = checkBfs(ring);
    expect(r.incompleteKind).toBe("memory");
    expect(r.incompleteReason).toMatch(/for the liveness edge store/);
    expect(r.liveness?.properties[0].verdict).toBe("not-checked");
    expect(r.skipped).toEqual([`liveness not checked: the run was cut short (${r.incompleteReason})`]);
    simulateAllocationLimit(null);
    expect(checkBfs(ring).liveness?.properties[0].verdict).toBe("holds");
  });

  it("isOutOfMemoryError tells an allocation failure from bad input", () => {
    expect(isOutOfMemoryError(new AllocationFailure("x", 8, "Array buffer allocation failed"))).toBe(true);
    expect(isOutOfMemoryError(new RangeError("Array buffer allocation failed"))).toBe(true);
    expect(isOutOfMemoryError(new RangeError("Invalid typed array length: 9007199254740991"))).toBe(true);
    expect(isOutOfMemoryError(new RangeError("maxStates must be a positive integer, got 0"))).toBe(false);
    expect(isOutOfMemoryError(new Error("Array buffer allocation failed"))).toBe(false);
    let thrown: unknown = null;
    try {
      checkBfs(gridModel({ n: 1 }), { maxStates: 0 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(isOutOfMemoryError(thrown)).toBe(false);
  });
});

describe("phases after the search", () => {
  // The line 0..max with Dec: back to 1 after max is 2*max - 1 steps.
  const lineWithPathWitness = (max: number, required = false) =>
    counterModel({
      max,
      dec: true,
      witnesses: [witness<number>("oneAfterTop", (v) => v === 1, required, (v) => v === max)],
    });

  it("a bounded run does not run the witness path search after it, and says so", () => {
    for (const options of [
      { strategy: "dfs", maxStates: 50 },
      { exact: true, maxStates: 50 },
      { exact: true, maxDepth: 10 },
    ] as const) {
      const r = options.strategy === "dfs" ? checkDfs(lineWithPathWitness(100), options) : checkBfs(lineWithPathWitness(100), options);
      expect(r.verdict).toBe("incomplete");
      expect(r.witnesses[0]).toEqual({ name: "oneAfterTop", required: false, reached: false, depth: null });
      expect(r.skipped).toEqual([
        `witness depths not computed for oneAfterTop (witnesses with a path condition): the run was cut short (${r.incompleteReason})`,
      ]);
    }
  });

  it("a bounded BFS keeps the path witnesses it found during the search", () => {
    // Bounded past the top: the way back to 1 is found within the explored levels.
    const found = checkBfs(lineWithPathWitness(5), { maxDepth: 100 });
    expect(found.witnesses[0].depth).toBe(9);
    // Cut before the top: not reached, nothing skipped (the search looked in what it explored).
    const r = checkBfs(lineWithPathWitness(100), { maxStates: 50 });
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteKind).toBe("max-states");
    expect(r.witnesses[0].reached).toBe(false);
    expect(r.skipped).toEqual([]);
  });

  it("a path witness that is itself a source is found in a level the bound left unexpanded", () => {
    const model = counterModel({ max: 100, dec: true, witnesses: [witness<number>("atFour", (v) => v === 4, false, (v) => v === 4)] });
    expect(checkBfs(model, { maxDepth: 4 }).witnesses[0].depth).toBe(4);
    expect(checkBfs(model, { maxStates: 5 }).witnesses[0].depth).toBe(4);
    expect(checkBfs(model, { maxDepth: 4, exact: true }).skipped).toHaveLength(1);
  });

  it("the witness path search after a complete DFS is bounded by the limits and reports its phase", () => {
    const { options, phases } = interruptInPhase("witness paths");
    const r = checkDfs(lineWithPathWitness(20_000, true), options);
    expect(phases.has("search")).toBe(true);
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteKind).toBe("interrupted");
    expect(r.incompleteReason).toBe("interrupted during the witness path search");
    // The search itself was complete: every state was found.
    expect(r.distinctStates).toBe(20_001);
    // A required witness not searched is not declared unreached.
    expect(r.violations).toEqual([]);
    expect(r.skipped).toEqual([
      "witness depths not computed for oneAfterTop (witnesses with a path condition): the run was cut short (interrupted during the witness path search)",
    ]);
    // Without the interruption the same run finds it.
    expect(checkDfs(lineWithPathWitness(20_000, true)).witnesses[0].depth).toBe(39_999);
  });

  it("the liveness analysis is bounded by the limits and reports its phase", () => {
    // A ring of 50,000 states where P holds only at 0, and Inc is weakly fair: GF P holds.
    const n = 50_000;
    const ring: Model<number, "Inc"> = {
      initialStates: () => [0],
      actions: () => ["Inc"],
      next: (s) => (s + 1) % n,
      key: (s) => String(s),
      actionName: () => "Inc",
      actionNames: ["Inc"],
      formatAction: () => "Inc",
      invariants: [],
      witnesses: [],
      liveness: {
        fairInstances: ["Inc"],
        fairInstanceOf: () => 0,
        properties: [{ name: "Zero", description: "GF v=0", subjects: ["v"], holds: (s) => s === 0, explain: () => "never 0" }],
      },
    };
    expect(checkBfs(ring).liveness?.properties[0].verdict).toBe("holds");
    const { options, phases } = interruptInPhase("liveness");
    const r = checkBfs(ring, options);
    expect(phases.has("liveness")).toBe(true);
    expect(r.verdict).toBe("incomplete");
    expect(r.incompleteKind).toBe("interrupted");
    expect(r.distinctStates).toBe(n);
    expect(r.liveness?.notCheckedReason).toBe("the run was cut short (interrupted during the liveness analysis)");
    expect(r.liveness?.properties[0].verdict).toBe("not-checked");
    expect(r.skipped).toEqual(["liveness not checked: the run was cut short (interrupted during the liveness analysis)"]);
  });

  it("a run cut short names liveness among the skipped phases", () => {
    const n = 1_000;
    const ring: Model<number, "Inc"> = {
      initialStates: () => [0],
      actions: () => ["Inc"],
      next: (s) => (s + 1) % n,
      key: (s) => String(s),
      actionName: () => "Inc",
      actionNames: ["Inc"],
      formatAction: () => "Inc",
      invariants: [],
      witnesses: [],
      liveness: {
        fairInstances: ["Inc"],
        fairInstanceOf: () => 0,
        properties: [{ name: "Zero", description: "GF v=0", subjects: ["v"], holds: (s) => s === 0, explain: () => "never 0" }],
      },
    };
    const r = checkBfs(ring, { maxStates: 10 });
    expect(r.skipped).toEqual(["liveness not checked: the run was cut short (max-states 10 reached)"]);
    // Switched off by an option, it is not a phase the bound skipped.
    expect(checkBfs(ring, { maxStates: 10, liveness: false }).skipped).toEqual([]);
  });
});

describe("options", () => {
  it.each([
    ["timeLimitMs 0", { timeLimitMs: 0 }],
    ["timeLimitMs -5", { timeLimitMs: -5 }],
    ["timeLimitMs NaN", { timeLimitMs: Number.NaN }],
    ["timeLimitMs Infinity", { timeLimitMs: Number.POSITIVE_INFINITY }],
    ["maxMemoryBytes 0", { maxMemoryBytes: 0 }],
    ["maxMemoryBytes 1.5", { maxMemoryBytes: 1.5 }],
    ["interrupted not a function", { interrupted: true as unknown as () => boolean }],
  ])("refuses %s with a RangeError", (_name, options: CheckOptions) => {
    expect(() => checkBfs(gridModel({ n: 1 }), options)).toThrow(RangeError);
  });

  it("every progress report of the search says so", () => {
    const seen: Progress[] = [];
    checkBfs(gridModel({ n: 100 }), { progressIntervalMs: 0, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(["search"]));
  });
});
