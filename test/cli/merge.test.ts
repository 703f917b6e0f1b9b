// mirrorcheck merge refuses what would make a merged result wrong without saying so: a field
// that is not what simulate or check writes (one line naming the file and the field, exit 2),
// and results of different seeds, shard counts or configurations unless --force, which then
// says what was mixed. Runs the built CLI (npm test builds dist/ first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { mergeResults, readResult } from "../../report/index.js";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const DIR = mkdtempSync(join(tmpdir(), "mirrorcheck-merge-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A simulate result file: `name` in DIR. */
function simulate(name: string, ...args: string[]): string {
  const file = join(DIR, name);
  const r = mirrorcheck("simulate", "--runs", "40", "--json", "--no-progress", ...args);
  expect(r.code, r.stderr).toBe(0);
  writeFileSync(file, r.stdout);
  return file;
}

type Json = Record<string, unknown>;

const shard1 = simulate("s1.json", "--seed", "7", "--shard", "1/2");
const shard2 = simulate("s2.json", "--seed", "7", "--shard", "2/2");
const base = JSON.parse(readFileSync(shard1, "utf8")) as Json;

/** A copy of shard 1's result with `edit` applied, as a file. */
function edited(name: string, edit: (j: Json) => void): string {
  const j = structuredClone(base);
  edit(j);
  const file = join(DIR, name);
  writeFileSync(file, JSON.stringify(j));
  return file;
}

const at = (j: Json, key: string): Json => j[key] as Json;

describe("merge validates each input against the result schema", () => {
  const cases: [string, (j: Json) => void, string][] = [
    ["negative runs", (j) => (j.runs = -5), '"runs" must be a non-negative integer, got -5'],
    ["fractional steps", (j) => (j.steps = 1.5), '"steps" must be a non-negative integer, got 1.5'],
    ["absurd runs", (j) => (j.runs = 1e300), '"runs" must be a non-negative integer, got 1e+300'],
    ["runs that are not the seed count", (j) => (j.runs = 41), '"seeds.count" must be the number of runs (41), got 40'],
    ["a seed outside the seed space", (j) => (at(j, "seeds").base = 2 ** 31), '"seeds.base" must be an integer in 0..2147483647, got 2147483648'],
    ["a zero stride", (j) => (at(j, "seeds").stride = 0), '"seeds.stride" must be an integer in 1..2147483647, got 0'],
    ["shard 5 of 3", (j) => (j.shard = { index: 5, count: 3 }), '"shard.index" must be an integer in 1..3, got 5'],
    ["shard count 0", (j) => (j.shard = { index: 1, count: 0 }), '"shard.count" must be an integer ≥ 1, got 0'],
    ["a negative action count", (j) => (at(j, "actions").FtsProbe = -3), '"actions.FtsProbe" must be a non-negative integer, got -3'],
    ["a string situation count", (j) => (at(j, "situations")["double fault"] = "7"), '"situations.double fault" must be a non-negative integer, got "7"'],
    ["a witness depth below 0", (j) => (at(at(j, "witnesses"), "MirrorPromoted").depth = -1), '"witnesses.MirrorPromoted.depth" must be a non-negative integer, got -1'],
    ["a violation result without a violation", (j) => (j.result = "violation"), '"violations" must be non-empty when the result is violation, got []'],
    ["no contents", (j) => (at(j, "config").contents = 0), '"config.contents" must be an integer ≥ 1, got 0'],
    ["no config", (j) => delete j.config, '"config" must be an object, got undefined'],
  ];
  for (const [what, edit, message] of cases) {
    it(`refuses ${what}`, () => {
      const j = structuredClone(base);
      edit(j);
      expect(() => readResult("r.json", j)).toThrow(`r.json: ${message}`);
    });
  }

  it("the CLI: one line naming the file and the field, exit 2", () => {
    const bad = edited("negative.json", (j) => (j.runs = -5));
    const r = mirrorcheck("merge", shard2, bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`${bad}: "runs" must be a non-negative integer, got -5`);
  });

  it("accepts what simulate writes: the two shards merge with nothing mixed and nothing on stderr", () => {
    const r = mirrorcheck("merge", shard1, shard2, "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const m = JSON.parse(r.stdout) as { runs: number; mixed: string[]; seeds: { disjoint: boolean } };
    expect([m.runs, m.mixed, m.seeds.disjoint]).toEqual([80, [], true]);
  });
});

describe("merge refuses results of different searches unless --force", () => {
  const otherSeed = simulate("seed8.json", "--seed", "8", "--shard", "2/2");
  const threeShards = simulate("of3.json", "--seed", "7", "--shard", "2/3");
  const unsharded = simulate("unsharded.json", "--seed", "7");
  const wide = simulate("wide.json", "--seed", "7", "--shard", "2/2", "--config", "wide");
  const custom = simulate("custom.json", "--seed", "7", "--shard", "2/2", "--faults", "1");

  const cases: [string, string, string][] = [
    ["seeds", otherSeed, `different seeds: --seed 7 in ${shard1} vs --seed 8 in ${otherSeed}`],
    ["shard counts", threeShards, `different shard counts: --shard i/2 in ${shard1} vs --shard i/3 in ${threeShards}`],
    ["a sharded and an unsharded run", unsharded, `different shard counts: --shard i/2 in ${shard1} vs no --shard in ${unsharded}`],
    ["configurations", wide, `different configurations: default (contents=2 txns=2 faults=2 mirroring=enabled syncRepReload=immediate) in ${shard1} vs wide (`],
    ["a configuration changed by an option", custom, `different configurations: default (contents=2 txns=2 faults=2 mirroring=enabled syncRepReload=immediate) in ${shard1} vs default+ (contents=2 txns=2 faults=1`],
  ];
  for (const [what, other, message] of cases) {
    it(`refuses ${what} (exit 2, one line); --force merges them and warns what was mixed`, () => {
      const refused = mirrorcheck("merge", shard1, other);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe("");
      expect(refused.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(refused.stderr).toContain("the results are not parts of one search: ");
      expect(refused.stderr).toContain(message);
      expect(refused.stderr).toContain("(--force merges them anyway)");

      const forced = mirrorcheck("merge", shard1, other, "--force", "--json");
      expect(forced.code).toBe(0);
      expect(forced.stderr).toContain(`warning: merged results of different searches: ${message}`);
      const m = JSON.parse(forced.stdout) as { merged: number; mixed: string[] };
      expect(m.merged).toBe(2);
      expect(m.mixed.some((x) => x.includes(message))).toBe(true);

      const text = mirrorcheck("merge", shard1, other, "--force");
      expect(text.stdout).toContain(`WARNING (--force): merged results of different searches: ${message}`);
    });
  }

  it("names every kind that differs, and the library refuses the same way", () => {
    const a = readResult(shard1, JSON.parse(readFileSync(shard1, "utf8")));
    const b = readResult(wide, { ...(JSON.parse(readFileSync(wide, "utf8")) as Json), seeds: { ...(JSON.parse(readFileSync(otherSeed, "utf8")) as Json).seeds as Json } });
    expect(() => mergeResults([a, b])).toThrow(/different seeds: .*; different configurations: /);
    expect(mergeResults([a, b], { force: true }).mixed.map((x) => x.split(":")[0])).toEqual(["different seeds", "different configurations"]);
  });
});
