// `mirrorcheck diff` and replay's what-ifs, through the built binary, on real traces: the
// as-implemented configuration's NoLostAckedCommit counterexample as `check` writes it, edits
// of it, and a small fixture whose only step changes enablement under --on.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const ACK = fileURLToPath(new URL("../fixtures/whatif/ack-without-mirror.trace", import.meta.url));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-diff-"));
/** The shortest NoLostAckedCommit counterexample of as-implemented, written by check. */
let lost = "";

beforeAll(() => {
  const r = mirrorcheck("check", "--config", "as-implemented", "--all", "--workers", "1", "--no-liveness", "--no-progress", "--trace-out", join(dir, "t.trace"));
  expect(r.code).toBe(1);
  lost = join(dir, "t.NoLostAckedCommit.trace");
  // The path the pins below speak of: step 7 (line 10) is the probe that upgrades content 0 to mode s.
  expect(readFileSync(lost, "utf8")).toContain(
    [
      "config contents=2 txns=2 faults=2 syncRepReload=deferred off=inSyncOnlyWhenCaughtUp",
      "FtsProbeTimeout content=0",
      "FtsSendPromote content=0",
      "RecoverIncremental content=0",
      "WalSenderCaughtUp content=0",
      "ClientCommit content=0",
      "CommitAck txn=1",
      "FtsProbe content=0",
      "FtsProbeTimeout content=0",
      "expect violated NoLostAckedCommit",
    ].join("\n"),
  );
}, 60_000);

/** `lost` with its lines changed by `edit`, as a new file. */
function edited(name: string, edit: (text: string) => string): string {
  const path = join(dir, name);
  writeFileSync(path, edit(readFileSync(lost, "utf8")));
  return path;
}

describe("mirrorcheck diff", () => {
  it("a trace against itself is the same: exit 0", () => {
    const r = mirrorcheck("diff", lost, lost);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nSAME {2}8 actions, the same state after every step\n$/);
    expect(r.stdout).not.toContain("DIFFERS");
  });

  it("names the first step whose state differs, its fields, and the first differing action: exit 1", () => {
    const other = edited("content1.trace", (t) => t.replace("ClientCommit content=0", "ClientCommit content=1"));
    const r = mirrorcheck("diff", lost, other);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        "first state difference after step 5 (A → B):",
        "  dbid 4 wal: 1 → -",
        "  dbid 3 wal: - → 1",
        "  txn 1: waiting (content 0, dbid 4) → waiting (content 1, dbid 3)",
        "the actions first differ at step 5: A ClientCommit content=0, B ClientCommit content=1",
      ].join("\n"),
    );
    // CommitAck txn=1 waits for content 1's mirror, so B stops at step 6.
    expect(r.stdout).toMatch(/\n6 +CommitAck txn=1 +CommitAck txn=1 +B not enabled\n/);
    expect(r.stdout).toContain("DIFFERENT  the states differ after step 5; the actions differ from step 5; A applied 8 actions, B 5");
    const j = JSON.parse(mirrorcheck("diff", lost, other, "--json").stdout);
    expect(j).toMatchObject({ same: false, firstStateDifference: 5, firstActionDifference: 5, a: { applied: 8 }, b: { applied: 5 } });
    expect(j.paths).toContainEqual({ path: "contents[0].instances[1].wal", a: "[1]", b: "[]" });
  });

  it("a shorter trace with the same prefix differs only in length", () => {
    const shorter = edited("shorter.trace", (t) => t.replace("FtsProbeTimeout content=0\nexpect violated NoLostAckedCommit\n", ""));
    const r = mirrorcheck("diff", lost, shorter);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("lengths differ: A lists 8 actions, B 7");
    expect(r.stdout).not.toContain("first state difference");
    expect(r.stdout).toMatch(/\n8 +FtsProbeTimeout content=0\n/);
    expect(r.stdout).toContain("DIFFERENT  A lists 8 actions, B 7\n");
  });

  it("the as-implemented counterexample under --on inSyncOnlyWhenCaughtUp: the probe of step 7 no longer upgrades to s, and the loss is gone", () => {
    const r = mirrorcheck("diff", lost, "--on", "inSyncOnlyWhenCaughtUp");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`B: ${lost} with --on inSyncOnlyWhenCaughtUp: contents=2 txns=2 faults=2 syncRepReload=deferred (8 actions, an expectation failed)`);
    expect(r.stdout).toContain("    --on inSyncOnlyWhenCaughtUp (was off)");
    expect(r.stdout).toContain("first state difference after step 7 (A → B):\n  content 0 catalog mode: s → n\n");
    expect(r.stdout).toContain("  line 12: expect violated NoLostAckedCommit: violated ✓ → holds ✗");
    expect(r.stdout).toContain("DIFFERENT  the states differ after step 7; 1 expectation changed outcome");
    const j = JSON.parse(mirrorcheck("diff", lost, "--on", "inSyncOnlyWhenCaughtUp", "--json").stdout);
    expect(j.overrides).toEqual([{ option: "--on", value: "inSyncOnlyWhenCaughtUp", was: "off", unchanged: false }]);
    expect(j.b.config).toMatchObject({ name: "custom+", off: [] });
    expect(j.changes).toEqual([{ field: "content 0 catalog mode", before: "s", after: "n" }]);
    expect(j.paths).toEqual([{ path: "contents[0].catalog.mode", a: '"s"', b: '"n"' }]);
  });

  it("traces of different configurations differ from the initial state; instances are matched by dbid", () => {
    const one = join(dir, "k1.trace");
    const two = join(dir, "k2.trace");
    writeFileSync(one, "config contents=1 txns=1 faults=0\nClientCommit content=0\n");
    writeFileSync(two, "config contents=2 txns=1 faults=0\nClientCommit content=0\n");
    const r = mirrorcheck("diff", one, two);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("  the configurations differ: states are compared field by field, instances by dbid\n");
    expect(r.stdout).toContain("first state difference in the initial state (A → B):\n");
    // Dbid 3 is content 0's mirror with one content, content 1's primary with two.
    expect(r.stdout).toContain("  dbid 3 role: m → p\n");
    expect(r.stdout).toContain("  content 1 catalog primary: (none) → dbid 3\n");
    expect(r.stdout).toContain("DIFFERENT  the initial states differ\n");
  });

  it("an override the trace already has changes nothing: exit 0, noted", () => {
    const r = mirrorcheck("diff", lost, "--off", "inSyncOnlyWhenCaughtUp");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--off inSyncOnlyWhenCaughtUp (already off: no change)");
    expect(r.stdout).toContain("no expectation changed outcome (A → B)");
  });

  it("bad input exits 2 with one line: unknown safeguard, both --on and --off, two traces and an override, neither", () => {
    for (const [args, message] of [
      [[lost, "--on", "bogus"], 'unknown safeguard "bogus" for --on'],
      [[lost, "--on", "commitWaitsForMirror", "--off", "commitWaitsForMirror"], 'safeguard "commitWaitsForMirror" is given to both --on and --off'],
      [[lost, lost, "--on", "commitWaitsForMirror"], "diff takes a second trace or --on/--off/--sync-rep-reload, not both"],
      [[lost], "diff needs a second trace"],
      [[lost, join(dir, "missing.trace")], "cannot read"],
    ] as const) {
      const r = mirrorcheck("diff", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("mirrorcheck replay with what-ifs", () => {
  it("--on inSyncOnlyWhenCaughtUp on the as-implemented counterexample: says the rules were overridden, where it diverges, and that the violation no longer holds (exit 1)", () => {
    const r = mirrorcheck("replay", lost, "--on", "inSyncOnlyWhenCaughtUp");
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe("WHAT-IF  replayed with --on inSyncOnlyWhenCaughtUp (was off): not the trace's own rules");
    expect(r.stdout).toContain(
      [
        "WHAT-IF  the rules were overridden: this is not the trace's own replay",
        "  --on inSyncOnlyWhenCaughtUp (was off)",
        "  trace's config: contents=2 txns=2 faults=2 syncRepReload=deferred off=inSyncOnlyWhenCaughtUp",
        "  replayed under: contents=2 txns=2 faults=2 syncRepReload=deferred",
        "  diverges after step 7 (line 10, FtsProbe content=0): the state differs from the original replay (original → what-if):",
        "    content 0 catalog mode: s → n",
        "  expectations that changed outcome (original → what-if):",
        "    line 12: expect violated NoLostAckedCommit: violated ✓ → holds ✗",
      ].join("\n"),
    );
    expect(r.stdout).toContain(`FAILED  ${lost}:12: expect violated NoLostAckedCommit: holds ✗ — actual: NoLostAckedCommit holds`);
    const html = join(dir, "whatif.html");
    const j = JSON.parse(mirrorcheck("replay", lost, "--on", "inSyncOnlyWhenCaughtUp", "--json", "--html", html).stdout);
    const page = readFileSync(html, "utf8");
    expect(page).toContain("(what-if: --on inSyncOnlyWhenCaughtUp)");
    expect(page).toContain(`mirrorcheck replay ${basename(lost)} --on inSyncOnlyWhenCaughtUp`);
    expect(page).not.toContain(lost);
    expect(j.result).toBe("expectation-failed");
    // The trace has as-implemented's values (no name= on its line): the what-if is as-implemented with overrides.
    expect(j.config).toMatchObject({ name: "as-implemented+", off: [] });
    expect(j.whatIf).toMatchObject({
      overrides: [{ option: "--on", value: "inSyncOnlyWhenCaughtUp", was: "off", unchanged: false }],
      originalConfig: { off: ["inSyncOnlyWhenCaughtUp"] },
      divergence: { kind: "state", step: 7, line: 10, changes: [{ field: "content 0 catalog mode", before: "s", after: "n" }] },
      expectationChanges: [{ line: 12, before: { ok: true }, after: { ok: false } }],
    });
  });

  it("a step no longer enabled under the new rules: named with its unmet clause and the alternatives; replay stops there (exit 2)", () => {
    const r = mirrorcheck("replay", ACK, "--on", "commitWaitsForMirror");
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      [
        "  diverges at step 2 (line 4): no longer enabled; replay stops there",
        "    CommitAck txn=1 is not enabled: sync rep is in force and the mirror has not flushed the commit record. Enabled here: WalStream content=0, FtsProbe content=0.",
        "  expectations that changed outcome (original → what-if):",
        "    line 5: expect txn=1 acked: holds ✓ → not reached",
      ].join("\n"),
    );
    const plain = mirrorcheck("replay", ACK);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain("WHAT-IF");
  });

  it("--sync-rep-reload immediate on the deferred-reload scenario: the probe's sync rep takes effect at once, InSyncImpliesSyncRep is no longer violated, and the reload step is not enabled", () => {
    const scenario = fileURLToPath(new URL("../../scenarios/deferred-reload-window.trace", import.meta.url));
    const r = mirrorcheck("replay", scenario, "--sync-rep-reload", "immediate");
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("  --sync-rep-reload immediate (was deferred)\n");
    expect(r.stdout).toContain("  diverges after step 5 (line 10, FtsProbe content=0): the state differs from the original replay (original → what-if):\n    dbid 3 syncRepEffective: off → on\n");
    expect(r.stdout).toContain("  then line 15 is not enabled under these rules; replay stops there: ConfigReload dbid=3 is not enabled: only with syncRepReload=deferred. Enabled here: ");
    expect(r.stdout).toContain("    line 14: expect violated InSyncImpliesSyncRep: violated ✓ → holds ✗\n");
    expect(r.stdout).toContain("    line 16: expect holds InSyncImpliesSyncRep: holds ✓ → not reached\n");
    const bad = mirrorcheck("replay", scenario, "--sync-rep-reload", "later");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'later' is invalid");
  });

  it("replay refuses an unknown safeguard in one line (exit 2), as JSON with --json", () => {
    const r = mirrorcheck("replay", ACK, "--off", "nope");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mirrorcheck: unknown safeguard "nope" for --off; known: promoteRequiresInSync, markDownBeforeSyncRepOff, syncRepOnBeforeInSync, commitWaitsForMirror, rebalanceRequiresInSync, inSyncOnlyWhenCaughtUp, resendLostPromote, incrementalRecoveryRewinds\n`);
    const j = JSON.parse(mirrorcheck("replay", ACK, "--on", "nope", "--json").stdout);
    expect(j.error.kind).toBe("config");
  });

  it("a diff of the same fixture shows where B stopped", () => {
    const r = mirrorcheck("diff", ACK, "--on", "commitWaitsForMirror");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\n2 +CommitAck txn=1 +CommitAck txn=1 +B not enabled\n/);
    expect(r.stdout).toContain("DIFFERENT  A applied 2 actions, B 1; 1 expectation changed outcome");
  });
});
