/**
 * The two liveness-only bug variants, caught with lassos pinned step by step, written by
 * `check --trace-out` and replayed green by `mirrorcheck replay`; and the liveness phase
 * reported as not checked wherever the run does not explore the whole graph.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCheck, type CheckReport } from "../../api/index.js";
import { formatAction } from "../../model/index.js";
import { canonicalRun } from "./canonicalRuns.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "dist/cli/main.js");
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });

function lassos(report: CheckReport) {
  return report.result.violations
    .filter((v) => v.kind === "liveness")
    .map((v) => ({
      property: v.property,
      subject: v.lasso?.subject,
      stem: v.trace.slice(1, (v.lasso?.stemLength ?? 0) + 1).map((s) => (s.action === null ? "" : formatAction(s.action.action))),
      cycle: v.trace.slice((v.lasso?.stemLength ?? 0) + 1).map((s) => (s.action === null ? "" : formatAction(s.action.action))),
      message: v.message,
    }));
}

describe("bug-resendLostPromote: a PROMOTE lost to an FTS restart", () => {
  const report = canonicalRun("bug-resendLostPromote", false);

  it("passes every safety property, breaks three liveness properties, as expected", () => {
    expect(report.result.violations.map((v) => v.kind)).toEqual(["liveness", "liveness", "liveness"]);
    expect(report.expectation).toEqual({ matches: true, differences: [] });
  });

  it("is caught by a stem of 2 and a cycle of 2: the probe of the mirror-role primary changes nothing", () => {
    expect(lassos(report)[0]).toEqual({
      property: "ContentsServe",
      subject: "content=0",
      stem: ["FtsProbeTimeout content=0", "FtsRestart"],
      cycle: ["FtsProbe content=0", "FtsProbe content=1"],
      message:
        "content 0 never serves again: dbid 4 is the catalog primary but still runs as a mirror, and FTS never sends it PROMOTE again (the probe that meets a mirror does not resend it)",
    });
    const fairness = report.result.violations[0].lasso?.fairness ?? [];
    expect(fairness.filter((f) => f.taken !== null).map((f) => `${f.instance}@${f.taken}`)).toEqual([
      "FtsProbe content=0@3",
      "FtsProbe content=1@4",
    ]);
    // Everything else fair is disabled in the loop state (after step 2).
    expect(fairness.filter((f) => f.taken === null).every((f) => f.disabledAt === 2)).toBe(true);
  });
});

describe("bug-incrementalRecoveryRewinds: gprecoverseg without pg_rewind", () => {
  const report = canonicalRun("bug-incrementalRecoveryRewinds", false);

  it("is caught by a stem of 4 and a cycle of 3: a diverged mirror that never streams again", () => {
    expect(report.expectation).toEqual({ matches: true, differences: [] });
    expect(lassos(report)[0]).toEqual({
      property: "MirrorsResync",
      subject: "content=0",
      stem: ["ClientCommit content=0", "FtsProbeTimeout content=0", "FtsSendPromote content=0", "RecoverIncremental content=0"],
      cycle: ["FtsProbe content=0", "FtsProbe content=1", "RecoverIncremental content=0"],
      message:
        "content 0 never returns to mode s: dbid 2 is a mirror whose WAL diverged from its primary's (dbid 2: 1; primary dbid 4: -) and is never rewound",
    });
  });
});

describe("lassos from check replay green", () => {
  it("check --trace-out writes one lasso per violated property; replay accepts each, exit 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "mc-lasso-"));
    for (const config of ["bug-resendLostPromote", "bug-incrementalRecoveryRewinds"]) {
      const r = cli(dir, "check", "--config", config, "--workers", "1", "--no-progress", "--trace-out", `${config}.trace`);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toContain("cycle (repeats forever)");
      const file = `${config}.MirrorsResync.trace`;
      const text = readFileSync(join(dir, file), "utf8");
      expect(text).toMatch(/\nloop\n/);
      expect(text.trimEnd().split("\n").pop()).toBe("expect violated MirrorsResync content=0");
      const replay = cli(dir, "replay", file);
      expect(replay.status, replay.stdout + replay.stderr).toBe(0);
    }
  });
});

describe("liveness is checked only over the whole graph", () => {
  it("--no-liveness (liveness: false) leaves the liveness-only variant passing, and says so", () => {
    const r = runCheck({ config: "bug-resendLostPromote", options: { liveness: false } });
    expect(r.result.verdict).toBe("pass");
    expect(r.result.liveness?.notCheckedReason).toMatch(/switched off/);
    expect(r.expectation?.matches).toBe(true);
  });

  it("a bounded run reports liveness as not checked, never as holding", () => {
    const r = runCheck({ config: "bug-resendLostPromote", options: { maxStates: 1000 } });
    expect(r.result.verdict).toBe("incomplete");
    expect(r.result.liveness?.properties.map((p) => p.verdict)).toEqual(["not-checked", "not-checked", "not-checked", "not-checked"]);
  });

  it("a safety violation stops the plain run before liveness; --all checks it over the whole graph", () => {
    const first = runCheck({ config: "bug-commitWaitsForMirror" });
    expect(first.result.liveness?.notCheckedReason).toMatch(/first safety violation/);
  });

  it("with symmetry, liveness is not checked and the reason says why", () => {
    const r = runCheck({ config: "tiny", options: { symmetry: true } });
    expect(r.result.liveness?.notCheckedReason).toMatch(/symmetry/);
  });

  it("the result does not depend on --workers: liveness runs in one thread", () => {
    const two = runCheck({ config: "bug-incrementalRecoveryRewinds", options: { workers: 2, parallelMinLevel: 1000 } });
    const one = canonicalRun("bug-incrementalRecoveryRewinds", false);
    expect(two.result.liveness?.properties).toEqual(one.result.liveness?.properties);
    expect(lassos(two)).toEqual(lassos(one));
  });
});
