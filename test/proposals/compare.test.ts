// `mirrorcheck compare`: the table of what a proposal breaks and fixes, its exit codes, its
// JSON and its trace files, on proposals (a) (breaks nothing, fixes nothing, lengths change)
// and (b) (breaks three safety properties of default) and (c) (fixes liveness).
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mirrorcheck, proposal } from "./cli.js";

interface Row {
  kind: string;
  name: string;
  builtin: { text: string; status: string | null; value: number | null };
  variant: { text: string; status: string | null; value: number | null };
  mark: string;
}

function rowsByName(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [r.name, r]));
}

describe("mirrorcheck compare", () => {
  it("(a) on as-implemented: breaks nothing, fixes nothing, every counterexample one action longer; exit 0", () => {
    const r = mirrorcheck("compare", "--variant", proposal("probe-never-upgrades-when-enabling-sync-rep.mjs"), "--config", "as-implemented", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.proposal.name).toBe("probeNeverUpgradesWhenEnablingSyncRep");
    expect(j.breaks).toEqual([]);
    expect(j.fixes).toEqual([]);
    expect(j.builtin).toEqual({ result: "violation", distinctStates: 291698, depth: 26 });
    expect(j.variant).toEqual({ result: "violation", distinctStates: 291698, depth: 30 });
    const rows = rowsByName(j.rows);
    const lengths = (name: string) => [rows.get(name)?.builtin.value, rows.get(name)?.variant.value, rows.get(name)?.mark];
    expect(lengths("NoLostAckedCommit")).toEqual([8, 9, "changed"]);
    expect(lengths("OnePrimaryPerContent")).toEqual([7, 8, "changed"]);
    expect(lengths("InSyncMirrorHasAllAcked")).toEqual([7, 8, "changed"]);
    expect(lengths("InSyncImpliesSyncRep")).toEqual([5, 6, "changed"]);
    expect(rows.get("MirrorWalIsPrefix")?.mark).toBe("same");
    expect(lengths("BackToPreferredRoles")).toEqual([10, 12, "changed"]);
    // Every liveness subject is a row: 2 txns and 3 properties × 2 contents.
    expect(j.rows.filter((x: Row) => x.kind === "liveness").map((x: Row) => x.name)).toHaveLength(8);
    expect(j.counterexamples).toEqual([]);
    expect(j.newFailing).toEqual([]);
  });

  it("(a) third try fixes all four safety properties of as-implemented; the text marks them and shows the built-in counterexamples", () => {
    const r = mirrorcheck("compare", "--variant", proposal("probe-waits-for-sync-rep-and-catch-up.mjs"), "--config", "as-implemented");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "BETTER  probeWaitsForSyncRepAndCatchUp breaks nothing that held; fixes 4: NoLostAckedCommit, OnePrimaryPerContent, InSyncMirrorHasAllAcked, InSyncImpliesSyncRep",
    );
    expect(r.stdout).toMatch(/safety\s+NoLostAckedCommit\s+violated \(8 actions\)\s+holds\s+fixes/);
    expect(r.stdout).toContain("probeWaitsForSyncRepAndCatchUp fixes NoLostAckedCommit: the shortest counterexample in the built-in model (gone with the proposal), 8 actions.");
    expect(r.stdout).toMatch(/verdict\s+VIOLATION\s+PASS\s+changed/);
  });

  it("(b) on default: BREAKS three safety properties, shows the proposal's counterexamples, writes them with --trace-out; exit 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "compare-"));
    const r = mirrorcheck("compare", "--variant", proposal("promote-running-mirror-when-not-in-sync.mjs"), "--trace-out", dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "WORSE  promoteRunningMirrorWhenNotInSync BREAKS 3: NoLostAckedCommit, OnePrimaryPerContent, InSyncMirrorHasAllAcked; fixes nothing",
    );
    expect(r.stdout).toMatch(/safety\s+NoLostAckedCommit\s+holds\s+violated \(7 actions\)\s+BREAKS/);
    expect(r.stdout).toMatch(/distinct states\s+126,308\s+129,550\s+changed/);
    expect(r.stdout).toContain(`Replay it: mirrorcheck replay ${join(dir, "variant.NoLostAckedCommit.trace")}`);
    expect(readdirSync(dir).sort()).toEqual([
      "variant.InSyncMirrorHasAllAcked.trace",
      "variant.NoLostAckedCommit.trace",
      "variant.OnePrimaryPerContent.trace",
    ]);
  });

  it("(b) --json: the same rows, and each counterexample's actions in trace syntax", () => {
    const r = mirrorcheck("compare", "--variant", proposal("promote-running-mirror-when-not-in-sync.mjs"), "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.breaks).toEqual(["NoLostAckedCommit", "OnePrimaryPerContent", "InSyncMirrorHasAllAcked"]);
    expect(j.counterexamples.map((x: { property: string; length: number; side: string }) => [x.property, x.length, x.side])).toEqual([
      ["NoLostAckedCommit", 7, "variant"],
      ["OnePrimaryPerContent", 7, "variant"],
      ["InSyncMirrorHasAllAcked", 12, "variant"],
    ]);
    expect(j.counterexamples[0].trace).toEqual([
      "FtsProbeTimeout content=0",
      "FtsSendPromote content=0",
      "ClientCommit content=0",
      "CommitAck txn=1",
      "RecoverIncremental content=0",
      "SegmentCrash dbid=4",
      "FtsProbe content=0",
    ]);
  });

  it("(c) on bug-resendLostPromote: fixes the liveness of both contents, with the built-in lassos", () => {
    const r = mirrorcheck("compare", "--variant", proposal("fts-resend-promote.mjs"), "--config", "bug-resendLostPromote", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.fixes).toEqual([
      "ContentsServe content=0",
      "ContentsServe content=1",
      "MirrorsResync content=0",
      "MirrorsResync content=1",
      "PreferredRolesReturn content=0",
      "PreferredRolesReturn content=1",
    ]);
    // One lasso per property (check --all keeps its first subject).
    expect(j.counterexamples.map((x: { row: string; side: string; stemLength: number }) => [x.row, x.side])).toEqual([
      ["ContentsServe content=0", "builtin"],
      ["MirrorsResync content=0", "builtin"],
      ["PreferredRolesReturn content=0", "builtin"],
    ]);
  });

  it("(c) --trace-out: the built-in lassos it fixes replay as written, and are no longer fair under the proposal", () => {
    const dir = mkdtempSync(join(tmpdir(), "compare-c-"));
    const r = mirrorcheck("compare", "--variant", proposal("fts-resend-promote.mjs"), "--config", "bug-resendLostPromote", "--trace-out", dir);
    expect(r.code).toBe(0);
    const lasso = join(dir, "builtin.ContentsServe.content=0.trace");
    const asWritten = mirrorcheck("replay", lasso);
    expect(asWritten.code, asWritten.stdout).toBe(0);
    const underProposal = mirrorcheck("replay", lasso, "--variant", proposal("fts-resend-promote.mjs"));
    expect(underProposal.code).toBe(1);
    expect(underProposal.stdout).toContain("the cycle is not fair: FtsResendPromote content=0 is enabled in every state of the cycle and never taken");
  });

  it("bad input is one line and exit 2: no proposal file, a module that is not a proposal, an existing file as --trace-out", () => {
    const missing = mirrorcheck("compare", "--variant", "examples/proposals/nope.mjs");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("mirrorcheck: proposal examples/proposals/nope.mjs: no such file\n");
    const dir = mkdtempSync(join(tmpdir(), "compare-bad-"));
    const notOne = join(dir, "plain.mjs");
    writeFileSync(notOne, "export default { name: 'x' };\n");
    const r = mirrorcheck("compare", "--variant", notOne);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mirrorcheck: proposal .*plain\.mjs: its default export is not a variant/);
    expect(r.stderr.split("\n")).toHaveLength(2);
    const out = mirrorcheck("compare", "--variant", proposal("fts-resend-promote.mjs"), "--trace-out", notOne);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("must be a directory");
    const noVariant = mirrorcheck("compare");
    expect(noVariant.code).toBe(2);
    expect(noVariant.stderr).toContain("--variant");
  });
});

describe("mirrorcheck compare: witnesses and liveness broken", () => {
  it("a proposal that never promotes breaks three witnesses and three liveness subjects; its lassos are written and replay", () => {
    const dir = mkdtempSync(join(tmpdir(), "compare-live-"));
    const r = mirrorcheck("compare", "--variant", "test/fixtures/proposals/never-promote.mjs", "--config", "tiny", "--trace-out", dir, "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.breaks).toEqual([
      "MirrorPromoted",
      "AckedAfterFailover",
      "BackToPreferredRoles",
      "ContentsServe content=0",
      "MirrorsResync content=0",
      "PreferredRolesReturn content=0",
    ]);
    const rows = rowsByName(j.rows);
    expect(rows.get("MirrorPromoted")?.variant).toEqual({ text: "NEVER REACHED", status: "unreached", value: null });
    expect(rows.get("DoubleFault")?.mark).toBe("same");
    expect(rows.get("ContentsServe content=0")?.variant.text).toBe("violated (stem 1 + cycle 0)");
    // A witness has no counterexample; each broken liveness subject has its lasso.
    expect(j.counterexamples.map((x: { row: string; file: string }) => [x.row, x.file])).toEqual([
      ["ContentsServe content=0", join(dir, "variant.ContentsServe.content=0.trace")],
      ["MirrorsResync content=0", join(dir, "variant.MirrorsResync.content=0.trace")],
      ["PreferredRolesReturn content=0", join(dir, "variant.PreferredRolesReturn.content=0.trace")],
    ]);
    const replay = mirrorcheck("replay", join(dir, "variant.ContentsServe.content=0.trace"));
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
  });
});

describe("mirrorcheck compare: a proposal's own properties and witnesses", () => {
  it("are rows of their own (\"-\" on the built-in side); one that fails makes the comparison WORSE, exit 1", () => {
    const r = mirrorcheck("compare", "--variant", "test/fixtures/proposals/adds-property.mjs", "--config", "tiny");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("WORSE  addsProperty breaks nothing that held; fixes nothing; its own NeverModeN FAILS");
    expect(r.stdout).toMatch(/safety\s+NeverModeN\s+-\s+violated \(1 action\)\s+NEW, FAILS/);
    expect(r.stdout).toMatch(/witness\s+SawModeN\s+-\s+reached in 1 action\s+new/);
    expect(r.stdout).toContain("addsProperty's own NeverModeN FAILS: the shortest counterexample with addsProperty, 1 action.");
  });
});
