// The performance features as `check` runs them: 64-bit fingerprints against exact keys,
// symmetry reduction (orbit counts, concrete counterexamples, refusal with hosts), and the
// parallel BFS (identical results for any worker count, through the built CLI: worker
// threads load the compiled JavaScript in dist/, which `npm test` builds first).
// Every run is computed once and asserted on as often as needed: this file is among the
// suite's heaviest. Liveness is switched off where a test compares state searches: exact
// keys, symmetry and worker threads each leave it unchecked (or force one thread), and
// test/configs/ checks it on every canonical configuration.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCheck, type CheckReport, type CheckRequest } from "../../api/index.js";
import type { CheckResult } from "../../checker/index.js";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { ConfigError, enabledActions, formatAction, step, type BoundAction, type State } from "../../model/index.js";
import { SAFETY_PROPERTIES } from "../../properties/index.js";

/** The figures a run must reproduce whatever the visited set, the worker count or the machine. */
function figures(r: CheckResult<State, BoundAction>) {
  return {
    verdict: r.verdict,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    actions: r.actions,
    witnesses: r.witnesses,
    violations: r.violations.map((v) => [v.property, v.length, v.message, v.trace.map((s) => (s.action ? formatAction(s.action.action) : ""))]),
  };
}

/** `runCheck(request)` with liveness off (see the header), run once per request however often it is read. */
const runs = new Map<string, CheckReport>();
function once(request: CheckRequest): CheckReport {
  const key = JSON.stringify(request);
  let report = runs.get(key);
  if (report === undefined) {
    report = runCheck({ ...request, options: { liveness: false, ...request.options } });
    runs.set(key, report);
  }
  return report;
}

describe("64-bit fingerprints and exact keys find the same states", () => {
  const cases: CheckRequest[] = [
    { config: "tiny" },
    { config: "add-mirrors" },
    { config: "no-mirrors" },
    { config: "hosts-group" },
    { config: "deferred-reload", options: { all: true } },
    { config: "bug-rebalanceRequiresInSync" },
    { config: "default", overrides: { txns: 1, faults: 1 } },
    { config: "tiny", options: { strategy: "dfs" } },
    { config: "tiny", options: { maxDepth: 7 } },
    { config: "tiny", options: { maxStates: 300 } },
  ];
  for (const request of cases) {
    const name = `${request.config}${request.overrides ? " " + JSON.stringify(request.overrides) : ""}${request.options ? " " + JSON.stringify(request.options) : ""}`;
    it(name, () => {
      const exact = once({ ...request, options: { ...request.options, exact: true } }).result;
      expect(exact.fingerprint).toEqual({ kind: "exact", collisionProbability: 0 });
      const hashed = once(request).result;
      expect(hashed.fingerprint.kind).toBe("hash64");
      expect(hashed.fingerprint.collisionProbability).toBeLessThan(1e-9);
      expect(figures(hashed)).toEqual(figures(exact));
    });
  }

  it("memory: the visited set and the trace table cost at most 16 bytes per state", () => {
    const r = once({ config: "default" }).result;
    expect(r.memory.bytesPerState).toBeLessThanOrEqual(16);
    expect(r.memory.visitedBytes).toBeGreaterThan(8 * r.distinctStates);
    expect(r.memory.traceBytes).toBeGreaterThanOrEqual(5 * r.distinctStates);
  });
});

describe("--symmetry: one state per orbit under permutations of the content ids", () => {
  it("default has 63,170 orbits (measured here), with the same depth and witness depths", () => {
    const full = once({ config: "default" });
    const reduced = once({ config: "default", options: { symmetry: true } });
    const r = reduced.result;
    expect(r.distinctStates).toBe(63_170);
    expect(r.symmetry).toBe("permutations of the content ids");
    expect(r.verdict).toBe("pass");
    expect(r.depth).toBe(full.result.depth);
    expect(r.witnesses).toEqual(full.result.witnesses);
    // Orbits are not the states the canonical figures count: no comparison.
    expect(reduced.expectation).toBeNull();
    expect(full.result.symmetry).toBeNull();
  });

  it("exact keys count the same orbits", () => {
    const request: CheckRequest = { config: "default", overrides: { txns: 1 }, options: { symmetry: true } };
    expect(figures(once(request).result)).toEqual(figures(once({ ...request, options: { symmetry: true, exact: true } }).result));
  });

  for (const name of ["bug-promoteRequiresInSync", "bug-syncRepOnBeforeInSync", "as-implemented"]) {
    it(`${name} --all: every counterexample has the pinned length and replays concretely`, () => {
      const report = once({ config: name, options: { all: true, symmetry: true } });
      const expected = CANONICAL_CONFIGS.find((c) => c.name === name)?.expected;
      const r = report.result;
      expect(Object.fromEntries(r.violations.map((v) => [v.property, v.length]))).toEqual(expected?.violations);
      expect(r.depth).toBe(expected?.depth);
      for (const v of r.violations) {
        // Each step is an action enabled in the concrete previous state, and leads to the next state.
        for (let i = 1; i < v.trace.length; i++) {
          const prev = v.trace[i - 1].state;
          const b = v.trace[i].action;
          expect(b).not.toBeNull();
          if (b === null) continue;
          const enabled = enabledActions(report.config, prev).map((x) => formatAction(x.action));
          expect(enabled, `${v.property} step ${i}`).toContain(formatAction(b.action));
          expect(isDeepStrictEqual(step(prev, b), v.trace[i].state), `${v.property} step ${i}`).toBe(true);
        }
        // The last state violates the property, with the message reported.
        const property = SAFETY_PROPERTIES.find((p) => p.name === v.property);
        expect(property?.check(report.config, v.trace[v.trace.length - 1].state)).toBe(v.message);
      }
    });
  }

  it("is refused with hosts, where the placement tells contents apart", () => {
    expect(() => runCheck({ config: "hosts-group", options: { symmetry: true } })).toThrow(ConfigError);
    expect(() => runCheck({ config: "default", overrides: { hosts: 2 }, options: { symmetry: true } })).toThrow(
      /--symmetry cannot be used with --hosts/,
    );
  });
});

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON of a run without what depends on the machine (time), the thread count or memory layout. */
function jsonFigures(args: string[]): { code: number | null; json: Record<string, unknown>; workers: number } {
  const r = mirrorcheck("check", "--json", "--no-progress", ...args);
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  const workers = json.workers as number;
  delete json.elapsedMs;
  delete json.workers;
  delete json.memory; // the table's spare slots can depend on the order fingerprints arrived in
  return { code: r.code, json, workers };
}

describe("parallel BFS (the compiled library, as worker threads need it)", () => {
  type DistApi = typeof import("../../api/index.js");
  let dist: DistApi;
  beforeAll(async () => {
    const url = new URL("../../dist/api/index.js", import.meta.url);
    if (!existsSync(fileURLToPath(url))) throw new Error("dist/ is missing: run npm run build (npm test does)");
    dist = (await import(url.href)) as DistApi;
  });

  /**
   * The figures of a run, as `figures` above but through dist/, and the threads it used.
   * Liveness off unless asked for: it records every transition in one thread.
   */
  function distFigures(request: CheckRequest) {
    const r = dist.runCheck({ ...request, options: { liveness: false, ...request.options } }).result;
    return { workers: r.workers, figures: figures(r) };
  }

  // A low parallelMinLevel makes small configurations share their levels, so that every
  // part of the parallel search (merges, properties, path witnesses, symmetry) is exercised.
  for (const [name, request] of [
    ["default", { config: "default" }],
    ["bug-syncRepOnBeforeInSync (first counterexample)", { config: "bug-syncRepOnBeforeInSync" }],
    ["bug-promoteRequiresInSync --all --symmetry", { config: "bug-promoteRequiresInSync", options: { all: true, symmetry: true } }],
    ["as-implemented --all", { config: "as-implemented", options: { all: true } }],
  ] as [string, CheckRequest][]) {
    it(`${name}: 2 and 3 threads give the figures of 1, counterexamples included`, () => {
      // One thread: the run from the sources, which the tests above may have made already.
      const one = once(request).result;
      expect(one.workers).toBe(1);
      for (const workers of [2, 3]) {
        const many = distFigures({ ...request, options: { ...request.options, workers, parallelMinLevel: 16 } });
        expect(many.workers).toBe(workers);
        expect(many.figures).toEqual(figures(one));
      }
    });
  }

  it("a search that checks liveness runs in one thread: it records every transition where it is computed", () => {
    const options = { workers: 2, parallelMinLevel: 16 };
    const live = distFigures({ config: "tiny", options: { ...options, liveness: true } });
    expect(live.workers).toBe(1);
    const safetyOnly = distFigures({ config: "tiny", options });
    expect(safetyOnly.workers).toBe(2);
    expect(safetyOnly.figures).toEqual(live.figures);
  });

  it("from TypeScript sources (no compiled worker entry) a search runs in one thread, with the same figures", () => {
    const r = runCheck({ config: "tiny", options: { workers: 2, parallelMinLevel: 16, liveness: false } }).result;
    expect(r.workers).toBe(1);
    expect(r.distinctStates).toBe(913);
  });
});

describe("the CLI: --exact, --symmetry, --workers", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does)`);
  });

  // --no-liveness: a run that checks liveness expands in one thread whatever --workers says.
  it("--workers 2 on wide (levels of 20,000 states and more) gives the JSON of one worker", () => {
    const one = jsonFigures(["--config", "wide", "--no-liveness", "--workers", "1"]);
    const two = jsonFigures(["--config", "wide", "--no-liveness", "--workers", "2"]);
    expect([one.workers, two.workers]).toEqual([1, 2]);
    expect(two.code).toBe(0);
    expect(two.json).toEqual(one.json);
  });

  it("--workers 2 on default stays in one thread (its levels are too small to share)", () => {
    const two = jsonFigures(["--config", "default", "--no-liveness", "--workers", "2"]);
    expect(two.workers).toBe(1);
    expect(two.json.distinctStates).toBe(126_308);
  });
  it("--symmetry says in the JSON that it counts orbits, and in the text", () => {
    const j = jsonFigures(["--config", "tiny", "--symmetry"]).json;
    expect(j.symmetry).toEqual({ group: "permutations of the content ids", distinctStatesCount: "orbits" });
    expect(jsonFigures(["--config", "tiny"]).json.symmetry).toBeNull();
    const text = mirrorcheck("check", "--config", "tiny", "--symmetry", "--no-progress").stdout;
    expect(text).toContain("counted up to permutations of the content ids (orbits)");
  });

  it("--exact reports exact keys; the default reports the collision estimate", () => {
    expect(jsonFigures(["--config", "tiny", "--exact"]).json.fingerprint).toEqual({ kind: "exact", collisionProbability: 0 });
    const text = mirrorcheck("check", "--config", "tiny", "--no-progress").stdout;
    expect(text).toMatch(/64-bit fingerprints: probability that two collided and one went unexplored ≈ 2\.3e-14/);
  });

  it("--symmetry with hosts, and a bad worker count: one line on stderr, exit 2", () => {
    for (const [args, message] of [
      [["check", "--config", "hosts-group", "--symmetry"], "--symmetry cannot be used with --hosts"],
      [["check", "--hosts", "2", "--symmetry"], "--symmetry cannot be used with --hosts"],
      [["check", "--workers", "0"], "expected a positive integer"],
      [["check", "--workers", "1000"], "workers must be an integer from 1 to 256"],
    ] as [string[], string][]) {
      const r = mirrorcheck(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stdout).toBe("");
    }
  });
});
