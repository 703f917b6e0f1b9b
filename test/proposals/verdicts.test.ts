// Every worked proposal's verdict, pinned through the built CLI (`check --variant FILE
// --config NAME --all --json`): result, distinct states, depth, each violated property with
// its shortest counterexample's length, the liveness violators and the witness depths. The
// proposal files' header comments state these verdicts in words; a change to the model or
// to a proposal that moves one of them must update both.
import { describe, expect, it } from "vitest";
import { mirrorcheck, proposal } from "./cli.js";

interface Pinned {
  readonly file: string;
  readonly config: string;
  readonly result: "pass" | "violation";
  readonly distinctStates: number;
  readonly depth: number;
  /** Violated safety properties and their shortest counterexample lengths, in report order. */
  readonly violations: Readonly<Record<string, number>>;
  /** Liveness properties with violators (all others hold). */
  readonly liveness: Readonly<Record<string, readonly string[]>>;
  readonly backToPreferredRoles: number;
}

const PINNED: readonly Pinned[] = [
  {
    file: "probe-never-upgrades-when-enabling-sync-rep.mjs",
    config: "as-implemented",
    result: "violation",
    distinctStates: 291698,
    depth: 30,
    violations: { NoLostAckedCommit: 9, OnePrimaryPerContent: 8, InSyncMirrorHasAllAcked: 8, InSyncImpliesSyncRep: 6 },
    liveness: {},
    backToPreferredRoles: 12,
  },
  {
    file: "probe-waits-for-sync-rep-in-force.mjs",
    config: "as-implemented",
    result: "violation",
    distinctStates: 225582,
    depth: 32,
    violations: { NoLostAckedCommit: 10, InSyncMirrorHasAllAcked: 9 },
    liveness: {},
    backToPreferredRoles: 14,
  },
  {
    file: "probe-waits-for-sync-rep-and-catch-up.mjs",
    config: "as-implemented",
    result: "pass",
    distinctStates: 198846,
    depth: 32,
    violations: {},
    liveness: {},
    backToPreferredRoles: 14,
  },
  {
    file: "promote-running-mirror-when-not-in-sync.mjs",
    config: "default",
    result: "violation",
    distinctStates: 129550,
    depth: 28,
    violations: { NoLostAckedCommit: 7, OnePrimaryPerContent: 7, InSyncMirrorHasAllAcked: 12 },
    liveness: {},
    backToPreferredRoles: 10,
  },
  {
    file: "fts-resend-promote.mjs",
    config: "bug-resendLostPromote",
    result: "pass",
    distinctStates: 126308,
    depth: 28,
    violations: {},
    // Without the proposal: ContentsServe, MirrorsResync, PreferredRolesReturn for content=0, 1.
    liveness: {},
    backToPreferredRoles: 12,
  },
];

interface ViolationJson {
  property: string;
  kind: string;
  length: number;
}

describe("worked proposals: verdicts through the CLI", () => {
  it.each(PINNED)("$file on $config: $result", (p) => {
    const r = mirrorcheck("check", "--variant", proposal(p.file), "--config", p.config, "--all", "--json", "--workers", "1", "--no-progress");
    expect(r.code, r.stderr).toBe(p.result === "pass" ? 0 : 1);
    const j = JSON.parse(r.stdout);
    expect(j.result).toBe(p.result);
    expect(j.distinctStates).toBe(p.distinctStates);
    expect(j.depth).toBe(p.depth);
    const safety = (j.violations as ViolationJson[]).filter((v) => v.kind === "invariant");
    expect(Object.fromEntries(safety.map((v) => [v.property, v.length]))).toEqual(p.violations);
    const violators = Object.entries(j.liveness.properties as Record<string, { violators: string[] }>).filter(([, x]) => x.violators.length > 0);
    expect(j.liveness.checked).toBe(true);
    expect(Object.fromEntries(violators.map(([name, x]) => [name, x.violators]))).toEqual(p.liveness);
    expect(j.witnesses.BackToPreferredRoles).toMatchObject({ reached: true, depth: p.backToPreferredRoles });
  });

  it("(c) needs its fairness: the built-in bug-resendLostPromote fails liveness for both contents, the proposal fixes it", () => {
    const r = mirrorcheck("check", "--config", "bug-resendLostPromote", "--json", "--workers", "1", "--no-progress");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.liveness.properties.ContentsServe.violators).toEqual(["content=0", "content=1"]);
    expect(j.actions.FtsResendPromote).toBeUndefined();
    const withIt = JSON.parse(
      mirrorcheck("check", "--variant", proposal("fts-resend-promote.mjs"), "--config", "bug-resendLostPromote", "--json", "--workers", "1", "--no-progress").stdout,
    );
    // The new family is enabled and taken (it is what the lassos lacked).
    expect(withIt.actions.FtsResendPromote).toBeGreaterThan(0);
  });
});
