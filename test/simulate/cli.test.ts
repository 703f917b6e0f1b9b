// `mirrorcheck simulate` and `mirrorcheck merge` as users and CI run them: the built binary
// (`npm test` builds dist/ first), its output, its exit codes, shards and their merge.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const DIR = mkdtempSync(join(tmpdir(), "mirrorcheck-simulate-"));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: DIR });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("mirrorcheck simulate", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does)`);
  });

  it("the same seed prints the same output, byte for byte; timing goes to stderr", () => {
    const a = mirrorcheck("simulate", "--seed", "42", "--runs", "2000");
    const b = mirrorcheck("simulate", "--seed", "42", "--runs", "2000");
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toMatch(/^mirrorcheck simulate default: contents=2 txns=2 faults=2 \(random walks, seed 42, 2,000 runs of at most 100 actions\)\nPASS {2}no violation in 2,000 walks: /);
    expect(a.stdout).not.toMatch(/steps\/s/);
    expect(a.stderr).toMatch(/^Timing: 2,000 walks, [\d,]+ steps in [\d.]+ s \([\d,]+ steps\/s\)\n$/);
    const j1 = mirrorcheck("simulate", "--seed", "42", "--runs", "500", "--json", "--no-progress");
    const j2 = mirrorcheck("simulate", "--seed", "42", "--runs", "500", "--json", "--no-progress");
    expect(j1.stdout).toBe(j2.stdout);
    expect(j1.stderr).toBe("");
    const other = mirrorcheck("simulate", "--seed", "43", "--runs", "500", "--json", "--no-progress");
    expect(JSON.parse(other.stdout).steps).not.toBe(JSON.parse(j1.stdout).steps);
  });

  it("--json has check's shape plus runs, steps and seeds", () => {
    const r = mirrorcheck("simulate", "--config", "tiny", "--seed", "9", "--runs", "300", "--depth", "40", "--json", "--no-progress");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      config: { name: "tiny", contents: 1, txns: 2, faults: 1 },
      result: "pass",
      incompleteReason: null,
      strategy: "random",
      depth: 40,
      elapsedMs: null,
      runs: 300,
      runsRequested: 300,
      seed: 9,
      seeds: { base: 9, offset: 0, stride: 1, count: 300 },
      replay: null,
      shard: null,
      violations: [],
      expected: { matches: true, differences: [] },
    });
    expect(j.generatedStates).toBe(j.steps + j.runs);
    expect(Object.keys(j.actions)).toHaveLength(21);
    expect(Object.values(j.actions).reduce((a: number, b) => a + (b as number), 0)).toBe(j.steps);
    expect(Object.keys(j.situations)).toEqual([
      "catalog (u,s,u,s)",
      "catalog (u,n,u,n)",
      "catalog (u,n,d,n)",
      "double fault",
      "zombie primary",
      "rewound WAL",
    ]);
    expect(j.witnesses.MirrorPromoted).toEqual({ reached: true, depth: 2, required: true });
    const timed = JSON.parse(mirrorcheck("simulate", "--config", "tiny", "--runs", "10", "--json", "--timing", "--no-progress").stdout);
    expect(typeof timed.elapsedMs).toBe("number");
    expect(typeof timed.stepsPerSecond).toBe("number");
    expect(typeof timed.seed).toBe("number"); // a random seed, recorded
  });

  it("a bug is found: exit 1, seed and path printed, and the trace file replays", () => {
    const file = join(DIR, "bug.trace");
    const r = mirrorcheck("simulate", "--config", "bug-rebalanceRequiresInSync", "--seed", "1", "--trace", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\nVIOLATION {2}NoDoubleFaultUnderOneFault in run [\d,]+ \(seed \d+\) after [\d,]+ steps: walk of \d+ actions, shrunk to \d+ by fast-check, minimised to \d \(BFS shortest: 3\)\n/);
    const replayLine = /Replay the shrunk walk: mirrorcheck simulate (.*)\n/.exec(r.stdout);
    expect(replayLine).not.toBeNull();
    const args = replayLine![1].split(" ");
    const again = mirrorcheck("simulate", ...args);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain("NoDoubleFaultUnderOneFault violated:");
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/\nconfig contents=2 txns=2 faults=2 off=rebalanceRequiresInSync\n/);
    expect(text).toMatch(/\nexpect violated NoDoubleFaultUnderOneFault\n$/);
    const replay = mirrorcheck("replay", file);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/OK {2}3 actions replayed, 1 expectations held/);
  });

  it("the correct protocol on contents 4, txns 6, faults 4 (beyond exhaustive reach): no violation", () => {
    const r = mirrorcheck("simulate", "--contents", "4", "--txns", "6", "--faults", "4", "--seed", "3", "--runs", "1500", "--no-progress");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mirrorcheck simulate default\+: contents=4 txns=6 faults=4 /);
    expect(r.stdout).toMatch(/\nPASS {2}no violation in 1,500 walks: /);
  });

  it("bad input: one line on stderr, exit 2", () => {
    const cases: [string[], RegExp][] = [
      [["--runs", "0"], /--runs <N>.*positive integer/],
      [["--depth", "0"], /--depth <D>.*positive integer/],
      [["--time-limit", "-1"], /--time-limit <T>.*positive duration/],
      [["--time-limit", "0s"], /--time-limit <T>.*positive duration/],
      [["--seed", "-5"], /--seed <S>/],
      [["--shard", "5/4", "--seed", "1"], /1 ≤ i ≤ n/],
      [["--shard", "two", "--seed", "1"], /--shard must be i\/n/],
      [["--shard", "1/4"], /--shard needs --seed/],
      [["--path", "0:1"], /--path needs --seed/],
      [["--config", "nope"], /unknown configuration "nope"/],
      [["--off", "nope"], /unknown safeguard "nope"/],
      [["--contents", "9"], /contents/],
    ];
    for (const [args, message] of cases) {
      const r = mirrorcheck("simulate", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout, args.join(" ")).toBe("");
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr.trimEnd().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });
});

describe("mirrorcheck simulate --shard and mirrorcheck merge", () => {
  const shardFile = (i: number, n: number, config = "default", runs = "400"): string => {
    const file = join(DIR, `${config}-${i}-of-${n}.json`);
    const r = mirrorcheck("simulate", "--config", config, "--seed", "77", "--shard", `${i}/${n}`, "--runs", runs, "--json", "--no-progress");
    writeFileSync(file, r.stdout);
    return file;
  };

  it("shards run disjoint seeds and varied depths; merge sums them", () => {
    const files = [1, 2, 3].map((i) => shardFile(i, 3));
    const results = files.map((f) => JSON.parse(readFileSync(f, "utf8")));
    expect(results.map((j) => j.shard)).toEqual([
      { index: 1, count: 3 },
      { index: 2, count: 3 },
      { index: 3, count: 3 },
    ]);
    expect(results.map((j) => ({ ...j.seeds, start: undefined }))).toEqual([
      { base: 77, offset: 0, stride: 3, count: 400, start: undefined },
      { base: 77, offset: 1, stride: 3, count: 400, start: undefined },
      { base: 77, offset: 2, stride: 3, count: 400, start: undefined },
    ]);
    expect(results.map((j) => j.seeds.start - results[0].seeds.start)).toEqual([0, 1, 2]);
    expect(results.map((j) => j.depth)).toEqual([100, 200, 50]);
    const positions = results.flatMap((j) => Array.from({ length: j.seeds.count }, (_, k) => j.seeds.offset + k * j.seeds.stride));
    expect(new Set(positions).size).toBe(1200);

    const m = mirrorcheck("merge", ...files, "--json");
    expect(m.code).toBe(0);
    const merged = JSON.parse(m.stdout);
    expect(merged.result).toBe("pass");
    expect(merged.runs).toBe(1200);
    expect(merged.steps).toBe(results.reduce((n, j) => n + j.steps, 0));
    expect(merged.seeds).toEqual({ disjoint: true, problems: [] });
    expect(merged.actions.FtsProbe).toBe(results.reduce((n, j) => n + j.actions.FtsProbe, 0));
    expect(merged.situations["double fault"]).toBe(results.reduce((n, j) => n + j.situations["double fault"], 0));
    expect(merged.witnesses.MirrorPromoted).toEqual({ reached: true, depth: 2, required: true });
    expect(mirrorcheck("merge", ...files).stdout).toMatch(/\nPASS {2}no violation in 1,200 walks \([\d,]+ steps\) across 3 results\nSeeds: no two results ran the same seed\./);
  });

  it("merge keeps the first violation by shard order and exits 1; flags overlapping seeds", () => {
    const files = [2, 1].map((i) => shardFile(i, 2, "bug-commitWaitsForMirror", "2000"));
    const m = mirrorcheck("merge", ...files, "--json");
    expect(m.code).toBe(1);
    const merged = JSON.parse(m.stdout);
    expect(merged.result).toBe("violation");
    expect(merged.violations).toHaveLength(1);
    expect(merged.violations[0].shard).toEqual({ index: 1, count: 2 });
    expect(merged.violations[0].replay).toMatch(/^mirrorcheck simulate --config bug-commitWaitsForMirror --seed \d+ --depth 100 --path [\d:]+$/);

    const same = mirrorcheck("merge", files[1], files[1]);
    expect(same.stdout).toContain("Seeds OVERLAP");
  });

  it("merge reads check results too, and refuses what it cannot read (exit 2)", () => {
    const check = join(DIR, "check.json");
    writeFileSync(check, mirrorcheck("check", "--config", "tiny", "--json", "--no-progress", "--workers", "1").stdout);
    const sim = shardFile(1, 1, "tiny", "50");
    const m = mirrorcheck("merge", check, sim, "--json");
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).inputs.map((i: { kind: string }) => i.kind)).toEqual(["check", "simulate"]);

    const bad = join(DIR, "bad.json");
    writeFileSync(bad, "{ not json");
    const notResult = join(DIR, "other.json");
    writeFileSync(notResult, '{"hello": 1}');
    for (const args of [[bad], [notResult], [join(DIR, "missing.json")], []]) {
      const r = mirrorcheck("merge", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });
});
