// Every bug variant and finding configuration is caught. A safety bug's first counterexample
// is pinned step by step, and with --all every violated property's shortest length, the full
// state count and the diameter match the pinned figures. A liveness-only bug variant keeps
// every safety property and fails the liveness verdicts it pins (lassos are not pinned:
// PROTOCOL.md section 5). Each run is computed once per file (canonicalRuns.ts).
import { describe, expect, it } from "vitest";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { SAFEGUARDS } from "../../model/index.js";
import { actionNames, canonicalRun, exploredRun, hasSafetyViolations, invariantLengths, livenessVerdicts } from "./canonicalRuns.js";

/** The counterexample `check` prints without --all, action by action. */
const FIRST_COUNTEREXAMPLE: Record<string, [string, string[]]> = {
  "bug-promoteRequiresInSync": [
    "NoLostAckedCommit",
    ["FtsProbeTimeout content=0", "FtsSendPromote content=0", "ClientCommit content=0", "CommitAck txn=1", "FtsProbeTimeout content=0"],
  ],
  "bug-markDownBeforeSyncRepOff": [
    "InSyncImpliesSyncRep",
    ["SegmentCrash dbid=4", "FtsProbe content=0", "FtsSendSyncRepOff content=0"],
  ],
  "bug-syncRepOnBeforeInSync": [
    "InSyncImpliesSyncRep",
    ["FtsProbeTimeout content=0", "FtsSendPromote content=0", "RecoverIncremental content=0", "WalSenderCaughtUp content=0", "FtsProbe content=0"],
  ],
  "bug-commitWaitsForMirror": ["InSyncMirrorHasAllAcked", ["ClientCommit content=0", "CommitAck txn=1"]],
  "bug-rebalanceRequiresInSync": [
    "NoDoubleFaultUnderOneFault",
    ["FtsProbeTimeout content=0", "FtsSendPromote content=0", "Rebalance content=0"],
  ],
  "bug-inSyncOnlyWhenCaughtUp": [
    "InSyncMirrorHasAllAcked",
    [
      "FtsProbeTimeout content=0",
      "FtsSendPromote content=0",
      "RecoverIncremental content=0",
      "WalSenderCaughtUp content=0",
      "ClientCommit content=0",
      "CommitAck txn=1",
      "FtsProbe content=0",
    ],
  ],
  "deferred-reload": [
    "InSyncImpliesSyncRep",
    [
      "FtsProbeTimeout content=0",
      "FtsSendPromote content=0",
      "RecoverIncremental content=0",
      "WalSenderCaughtUp content=0",
      "FtsProbe content=0",
      "FtsProbe content=0",
    ],
  ],
  "as-implemented": [
    "InSyncImpliesSyncRep",
    ["FtsProbeTimeout content=0", "FtsSendPromote content=0", "RecoverIncremental content=0", "WalSenderCaughtUp content=0", "FtsProbe content=0"],
  ],
};

const failing = CANONICAL_CONFIGS.filter((c) => c.expected.result === "violation");
const safetyBugs = failing.filter((c) => hasSafetyViolations(c.name));
const livenessOnly = failing.filter((c) => !hasSafetyViolations(c.name));

describe("configurations expected to fail", () => {
  it("there is one bug configuration per safeguard, eight in all", () => {
    expect(SAFEGUARDS).toHaveLength(8);
    for (const g of SAFEGUARDS) expect(failing.map((c) => c.name)).toContain(`bug-${g}`);
    expect(Object.keys(FIRST_COUNTEREXAMPLE).sort()).toEqual(safetyBugs.map((c) => c.name).sort());
    expect(livenessOnly.map((c) => c.name).sort()).toEqual(["bug-incrementalRecoveryRewinds", "bug-resendLostPromote"]);
  });

  for (const c of safetyBugs) {
    it(`${c.name}: first counterexample pinned step by step`, () => {
      const report = canonicalRun(c.name, false);
      const [property, actions] = FIRST_COUNTEREXAMPLE[c.name];
      expect(report.result.verdict).toBe("violation");
      // The search stopped at the first safety violation: one counterexample, no liveness phase.
      expect(report.result.violations).toHaveLength(1);
      const v = report.result.violations[0];
      expect(v.property).toBe(property);
      expect(actionNames(v.trace)).toEqual(actions);
      expect(v.length).toBe(actions.length);
      expect(report.result.liveness?.notCheckedReason).not.toBeNull();
      expect(report.expectation).toEqual({ matches: true, differences: [] });
    });

    it(`${c.name} --all: every violated property with its shortest length`, () => {
      const report = canonicalRun(c.name, true);
      const r = report.result;
      expect(invariantLengths(report)).toEqual(c.expected.violations);
      expect(r.distinctStates).toBe(c.expected.distinctStates);
      expect(r.depth).toBe(c.expected.depth);
      expect(livenessVerdicts(report)).toEqual(c.expected.liveness);
      expect(report.expectation).toEqual({ matches: true, differences: [] });
    });
  }

  for (const c of livenessOnly) {
    it(`${c.name}: every safety property holds on all ${c.expected.distinctStates} states; the pinned liveness verdicts fail`, () => {
      // No safety violation stops the search, so the plain run explores the whole graph.
      const report = exploredRun(c.name);
      const r = report.result;
      expect(r.violations.filter((v) => v.kind !== "liveness")).toEqual([]);
      expect(r.distinctStates).toBe(c.expected.distinctStates);
      expect(r.depth).toBe(c.expected.depth);
      expect(r.liveness?.notCheckedReason).toBeNull();
      expect(livenessVerdicts(report)).toEqual(c.expected.liveness);
      expect(r.verdict).toBe("violation");
      // One lasso per violated property, for its first failing subject, in property order.
      const failed = Object.entries(c.expected.liveness).filter(([, subjects]) => subjects.length > 0);
      expect(r.violations.map((v) => [v.property, v.lasso?.subject])).toEqual(failed.map(([p, subjects]) => [p, subjects[0]]));
      expect(report.expectation).toEqual({ matches: true, differences: [] });
    });
  }

  it("as-implemented loses an acknowledged commit in 8 actions: failover, recovery, a probe that writes s too early, a second failover", () => {
    const lost = canonicalRun("as-implemented", true).result.violations.find((v) => v.property === "NoLostAckedCommit");
    expect(lost === undefined ? [] : actionNames(lost.trace)).toEqual([
      "FtsProbeTimeout content=0",
      "FtsSendPromote content=0",
      "RecoverIncremental content=0",
      "WalSenderCaughtUp content=0",
      "ClientCommit content=0",
      "CommitAck txn=1",
      "FtsProbe content=0",
      "FtsProbeTimeout content=0",
    ]);
    expect(lost?.message).toBe("content 0: txn 1 was acked but is missing from the WAL of catalog primary dbid 2 (-)");
  });

  it("the reference figures of the bug variants", () => {
    const expected = (name: string) => CANONICAL_CONFIGS.find((c) => c.name === name)?.expected;
    const lengths = (name: string) => expected(name)?.violations;
    expect(lengths("bug-promoteRequiresInSync")).toEqual({ NoLostAckedCommit: 5, OnePrimaryPerContent: 5, InSyncMirrorHasAllAcked: 9 });
    expect(lengths("bug-markDownBeforeSyncRepOff")).toEqual({ InSyncImpliesSyncRep: 3, InSyncMirrorHasAllAcked: 5 });
    expect(lengths("bug-syncRepOnBeforeInSync")).toEqual({
      InSyncImpliesSyncRep: 5,
      OnePrimaryPerContent: 7,
      InSyncMirrorHasAllAcked: 7,
      NoLostAckedCommit: 8,
    });
    expect(lengths("bug-commitWaitsForMirror")).toEqual({ InSyncMirrorHasAllAcked: 2, NoLostAckedCommit: 3 });
    // Rebalance probes as it stops: the acting primary must be promoted before the stop is a double fault.
    expect(lengths("bug-rebalanceRequiresInSync")).toEqual({ NoDoubleFaultUnderOneFault: 3 });
    expect(lengths("bug-inSyncOnlyWhenCaughtUp")).toEqual({ InSyncMirrorHasAllAcked: 7, NoLostAckedCommit: 8 });
    const both = ["content=0", "content=1"];
    expect(expected("bug-resendLostPromote")).toMatchObject({
      result: "violation",
      distinctStates: 126308,
      violations: {},
      liveness: { CommitsAreAnswered: [], ContentsServe: both, MirrorsResync: both, PreferredRolesReturn: both },
    });
    expect(expected("bug-incrementalRecoveryRewinds")).toMatchObject({
      result: "violation",
      distinctStates: 128790,
      depth: 28,
      violations: {},
      liveness: { CommitsAreAnswered: [], ContentsServe: [], MirrorsResync: both, PreferredRolesReturn: both },
    });
  });

  it("bug-incrementalRecoveryRewinds: the references' 752,845 generated states", () => {
    expect(exploredRun("bug-incrementalRecoveryRewinds").result.generatedStates).toBe(752845);
  });
});
