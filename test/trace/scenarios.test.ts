// Greenplum's own test cases, rewritten as traces (../shared/scenarios), and ours
// (scenarios/), replay green through the same code path users run: the built CLI.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "dist/cli/main.js");
const SHARED = join(ROOT, "../shared/scenarios");
const OURS = join(ROOT, "scenarios");

function replay(file: string, ...extra: string[]) {
  const r = spawnSync(process.execPath, [BIN, "replay", file, ...extra], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const traces = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".trace"))
    .map((f) => join(dir, f));

describe("conformance scenarios", () => {
  it("the shared scenarios are there (CI has ../shared beside the checkout)", () => {
    expect(traces(SHARED).length).toBeGreaterThanOrEqual(6);
  });

  for (const file of [...traces(SHARED), ...traces(OURS)]) {
    it(`${file.slice(ROOT.length)} replays green`, () => {
      const r = replay(file);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/\nOK {2}\d+ actions replayed, \d+ expectations held\n$/);
      expect(r.code).toBe(0);
    });
  }

  it("our scenarios cover every FTS decision row and every recovery path", () => {
    const text = [...traces(SHARED), ...traces(OURS)].map((f) => readFileSync(f, "utf8")).join("\n");
    for (const row of ["row A", "row C", "row D1", "row D2", "row D3", "row E3", "row E4"]) {
      expect(text, row).toContain(row);
    }
    for (const action of ["RecoverIncremental", "RecoverFull", "Rebalance", "AddMirror", "ConfigReload"]) {
      expect(text, action).toContain(action);
    }
  });
});

describe("replay failures", () => {
  const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-replay-"));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("a wrong expectation fails (exit 1) naming the line, the expectation and the actual value", () => {
    const original = readFileSync(join(SHARED, "failover-then-full-recovery.trace"), "utf8");
    const lines = original.split("\n");
    const n = lines.findIndex((l) => l.startsWith("expect catalog content=0 primary=5 mirrorUp=false mode=n"));
    lines[n] = "expect catalog content=0 primary=5 mirrorUp=false mode=s";
    const path = write("wrong.trace", lines.join("\n"));
    const r = replay(path);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAILED  ${path}:${n + 1}: expect catalog content=0 primary=5 mirrorUp=false mode=s — actual: primary=5 mirrorUp=false mode=n`);
  });

  it("an action that is not enabled stops replay (exit 2) with the line and the unmet guard", () => {
    const path = write("disabled.trace", "config contents=1 txns=1 faults=1\nClientCommit content=0\n\nCommitAck txn=1\n");
    const r = replay(path);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      `ERROR  ${path}:4: CommitAck txn=1 is not enabled: sync rep is in force and the mirror has not flushed the commit record`,
    );
  });

  it("malformed files: one line naming file and line, exit 2", () => {
    const cases: [string, string][] = [
      ["config contents=1 txns=1 faults=1\nFrobnicate content=0\n", ':2: unknown action "Frobnicate"'],
      ["config contents=1 txns=1 faults=1\nClientCommit content=three\n", ':2: content must be an integer, got "three"'],
      ["config contents=1 txns=1 faults=1\nClientCommit txn=1\n", ':2: unknown key "txn" (expected one of: content)'],
      ["config contents=1 txns=1 faults=1\nSegmentCrash dbid=9\n", ":2: dbid 9 names no instance (dbids are 2..3 with 1 contents)"],
      ["config contents=1 txns=1 faults=1\nHostCrash host=0\n", ":2: HostCrash needs hosts in the config line"],
      ["# only a comment\nClientCommit content=0\n", ':2: the first line must be "config name=NAME"'],
      ["config contents=1 txns=1\n", ":1: config needs faults="],
      ["config name=nope\n", ':1: unknown configuration "nope"'],
      ["config contents=1 txns=9 faults=1\n", ":1: txns must be an integer from 0 to 6, got 9"],
      ["config contents=3 txns=1 faults=1 hosts=2\n", ":1: impossible placement"],
      ["config contents=1 txns=1 faults=1\nexpect catalog content=0 mode=x\n", ':2: mode must be one of s, n, got "x"'],
      ["config contents=1 txns=1 faults=1\nexpect instance dbid=2 alive=yes\n", ':2: alive must be true or false, got "yes"'],
      ["config contents=1 txns=1 faults=1\nexpect holds NoSuchThing\n", ':2: unknown property "NoSuchThing"'],
      ["config contents=1 txns=1 faults=1\nexpect sky blue\n", ':2: unknown expectation "sky"'],
    ];
    cases.forEach(([text, message], k) => {
      const path = write(`bad${k}.trace`, text);
      const r = replay(path);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toContain(`${path}${message}`);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stdout).toBe("");
    });
  });

  it("a missing file: one line, exit 2", () => {
    const r = replay(join(dir, "absent.trace"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*absent\.trace: no such file\n$/);
  });

  it("--json gives steps with changes and immer patches, and the expectation results", () => {
    const r = replay(join(SHARED, "syncrep-off-unblocks-commit.trace"), "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.result).toBe("ok");
    expect(j.steps[0]).toEqual({
      step: 1,
      line: 5,
      action: "SegmentCrash dbid=7",
      changes: [
        { field: "faults spent", before: "0", after: "1" },
        { field: "content 2 walsender", before: "STREAMING", after: "not streaming" },
        { field: "dbid 7 alive", before: "true", after: "false" },
      ],
      patches: expect.arrayContaining([{ op: "replace", path: ["contents", 2, "instances", 1, "alive"], value: false }]),
    });
    expect(j.expectations).toHaveLength(9);
    expect(j.expectations.every((e: { ok: boolean }) => e.ok)).toBe(true);
  });
});
