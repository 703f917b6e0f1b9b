// Every worked proposal through every command a reviewer uses: check (with --trace-out and
// --html), simulate, replay (of its counterexample or its committed trace), explain, and
// replay --html; exit codes and one key line each.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mirrorcheck, proposal } from "./cli.js";

const dir = mkdtempSync(join(tmpdir(), "proposals-"));

interface Case {
  readonly file: string;
  readonly name: string;
  readonly config: string;
  /** The property of check's first counterexample (without --all), or null when it passes. */
  readonly first: string | null;
  /** simulate's arguments and the line it prints second. */
  readonly simulate: readonly string[];
  readonly simulateLine: RegExp;
}

const CASES: readonly Case[] = [
  {
    file: "probe-never-upgrades-when-enabling-sync-rep.mjs",
    name: "probeNeverUpgradesWhenEnablingSyncRep",
    config: "as-implemented",
    first: "InSyncImpliesSyncRep",
    simulate: ["--seed", "7", "--runs", "20000", "--depth", "12"],
    simulateLine: /^VIOLATION {2}InSyncImpliesSyncRep in run 572 /,
  },
  {
    file: "probe-waits-for-sync-rep-in-force.mjs",
    name: "probeWaitsForSyncRepInForce",
    config: "as-implemented",
    first: "InSyncMirrorHasAllAcked",
    simulate: ["--seed", "1", "--runs", "300", "--depth", "20"],
    simulateLine: /^(PASS|VIOLATION) /,
  },
  {
    file: "probe-waits-for-sync-rep-and-catch-up.mjs",
    name: "probeWaitsForSyncRepAndCatchUp",
    config: "as-implemented",
    first: null,
    simulate: ["--seed", "1", "--runs", "300", "--depth", "20"],
    simulateLine: /^PASS {2}no violation in 300 walks/,
  },
  {
    file: "promote-running-mirror-when-not-in-sync.mjs",
    name: "promoteRunningMirrorWhenNotInSync",
    config: "default",
    first: "NoLostAckedCommit",
    simulate: ["--seed", "7", "--runs", "20000", "--depth", "12"],
    simulateLine: /^VIOLATION {2}OnePrimaryPerContent in run 13,004 /,
  },
  {
    file: "fts-resend-promote.mjs",
    name: "ftsResendPromote",
    config: "bug-resendLostPromote",
    first: null,
    simulate: ["--seed", "1", "--runs", "300", "--depth", "20"],
    simulateLine: /^PASS {2}no violation in 300 walks/,
  },
];

describe.each(CASES)("proposal $file on $config", (c) => {
  const trace = join(dir, `${c.name}.trace`);
  const html = join(dir, `${c.name}.html`);

  it("check --trace-out --html: the verdict, the proposal named, the files written", () => {
    const r = mirrorcheck("check", "--variant", proposal(c.file), "--config", c.config, "--workers", "1", "--no-progress", "--trace-out", trace, "--html", html);
    expect(r.stdout.split("\n")[0]).toMatch(new RegExp(`^mirrorcheck check ${c.config}, variant ${c.name} \\(examples/proposals/${c.file.replace(/\./g, "\\.")}\\): contents=`));
    if (c.first === null) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^PASS {2}/m);
      expect(existsSync(trace)).toBe(false);
      return;
    }
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^VIOLATION {2}${c.first}: shortest counterexample`, "m"));
    expect(readFileSync(trace, "utf8")).toMatch(new RegExp(`^config .* variant=\\S*examples/proposals/${c.file.replace(/\./g, "\\.")}$`, "m"));
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain(`${c.name} (${proposal(c.file)})`);
  });

  it("simulate: the proposal's random walks", () => {
    const r = mirrorcheck("simulate", "--variant", proposal(c.file), "--config", c.config, ...c.simulate);
    expect(r.stdout.split("\n")[0]).toContain(`simulate ${c.config}, variant ${c.name} (${proposal(c.file)})`);
    expect(r.stdout.split("\n")[1]).toMatch(c.simulateLine);
    expect(r.code).toBe(r.stdout.split("\n")[1].startsWith("PASS") ? 0 : 1);
  });

  // A proposal that passes has no counterexample to replay (its traces are replayed below).
  if (c.first !== null) it("replay and explain its counterexample from the trace file alone; replay --html", () => {
    const replay = mirrorcheck("replay", trace, "--html", join(dir, `${c.name}.replay.html`));
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/^OK {2}\d+ actions replayed, 1 expectations held$/m);
    expect(readFileSync(join(dir, `${c.name}.replay.html`), "utf8")).toContain(c.name);
    const explain = mirrorcheck("explain", trace);
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(new RegExp(`^After step \\d+, ${c.first} is violated`, "m"));
  });
});

describe("the committed traces", () => {
  it("(b)'s counterexample replays and explains from the repository as it is", () => {
    const r = mirrorcheck("replay", "examples/proposals/promote-running-mirror-when-not-in-sync.trace");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^OK {2}7 actions replayed, 1 expectations held$/m);
    const e = mirrorcheck("explain", "examples/proposals/promote-running-mirror-when-not-in-sync.trace");
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/^After step 7, NoLostAckedCommit is violated/m);
    // The last probe is the proposal's promotion, not the built-in row E4 it would have been: explain says so.
    expect(e.stdout).toMatch(/FTS decision: row E4: .*\(built-in table; proposal promoteRunningMirrorWhenNotInSync changed this step/);
    // A probe the proposal leaves as built in (step 1's row E3 in mode s) carries no such note.
    expect(e.stdout).not.toMatch(/row E3: .*built-in table/);
  });

  it("(b)'s counterexample under a proposal that keeps the built-in probe: the last probe is a double fault (E4), nothing is lost", () => {
    // --variant overrides the trace's own; fts-resend-promote leaves FtsProbe as built in.
    const r = mirrorcheck("replay", "examples/proposals/promote-running-mirror-when-not-in-sync.trace", "--variant", proposal("fts-resend-promote.mjs"));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/expect violated NoLostAckedCommit: holds ✗ .*FAILED/);
  });

  it("(c)'s trace: a lost PROMOTE resent by the new family, explained with the proposal's guard", () => {
    const r = mirrorcheck("replay", "examples/proposals/fts-resend-promote.trace", "--html", join(dir, "c.html"));
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^OK {2}6 actions replayed, 9 expectations held$/m);
    const e = mirrorcheck("explain", "examples/proposals/fts-resend-promote.trace");
    expect(e.code).toBe(0);
    expect(e.stdout).toContain("Step 3 (line 13): FtsResendPromote content=0");
    expect(e.stdout).toContain("✓ proposal ftsResendPromote: its guard holds");
  });

  it("(a)'s first try's counterexample no longer happens under the third try", () => {
    const r = mirrorcheck("replay", join(dir, "probeNeverUpgradesWhenEnablingSyncRep.trace"), "--variant", proposal("probe-waits-for-sync-rep-and-catch-up.mjs"));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED .*expect violated InSyncImpliesSyncRep: holds ✗ — actual: InSyncImpliesSyncRep holds$/m);
    // explain under the third try: the probe that wrote s under the first try keeps n, and says the proposal changed it.
    const e = mirrorcheck("explain", join(dir, "probeNeverUpgradesWhenEnablingSyncRep.trace"), "--variant", proposal("probe-waits-for-sync-rep-and-catch-up.mjs"));
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toMatch(/FTS decision: row D1: .*\(built-in table; proposal probeWaitsForSyncRepAndCatchUp changed this step/);
  });
});
