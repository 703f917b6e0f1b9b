// Every bug variant and finding configuration is caught: its first counterexample is pinned
// step by step, and with --all every violated property's shortest length, the full state
// count and the diameter match the pinned figures.
import { describe, expect, it } from "vitest";
import { runCheck } from "../../api/index.js";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { formatAction, SAFEGUARDS } from "../../model/index.js";

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
  "bug-rebalanceRequiresInSync": ["NoDoubleFaultUnderOneFault", ["FtsProbeTimeout content=0", "Rebalance content=0"]],
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

describe("configurations expected to fail", () => {
  it("there is one bug configuration per safeguard", () => {
    for (const g of SAFEGUARDS) expect(failing.map((c) => c.name)).toContain(`bug-${g}`);
    expect(Object.keys(FIRST_COUNTEREXAMPLE).sort()).toEqual(failing.map((c) => c.name).sort());
  });

  for (const c of failing) {
    it(`${c.name}: first counterexample pinned step by step`, () => {
      const report = runCheck({ config: c.name });
      const [property, actions] = FIRST_COUNTEREXAMPLE[c.name];
      expect(report.result.verdict).toBe("violation");
      expect(report.result.violations).toHaveLength(1);
      const v = report.result.violations[0];
      expect(v.property).toBe(property);
      expect(v.trace.slice(1).map((s) => (s.action ? formatAction(s.action.action) : ""))).toEqual(actions);
      expect(v.length).toBe(actions.length);
      expect(report.expectation).toEqual({ matches: true, differences: [] });
    });

    it(`${c.name} --all: every violated property with its shortest length`, () => {
      const report = runCheck({ config: c.name, options: { all: true } });
      const r = report.result;
      expect(Object.fromEntries(r.violations.map((v) => [v.property, v.length]))).toEqual(c.expected.violations);
      expect(r.distinctStates).toBe(c.expected.distinctStates);
      expect(r.depth).toBe(c.expected.depth);
      expect(report.expectation).toEqual({ matches: true, differences: [] });
    });
  }

  it("as-implemented loses an acknowledged commit in 8 actions: failover, recovery, a probe that writes s too early, a second failover", () => {
    const report = runCheck({ config: "as-implemented", options: { all: true } });
    const lost = report.result.violations.find((v) => v.property === "NoLostAckedCommit");
    expect(lost?.trace.slice(1).map((s) => (s.action ? formatAction(s.action.action) : ""))).toEqual([
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

  it("the reference lengths of the bug variants", () => {
    const lengths = (name: string) => CANONICAL_CONFIGS.find((c) => c.name === name)?.expected.violations;
    expect(lengths("bug-promoteRequiresInSync")).toEqual({ NoLostAckedCommit: 5, OnePrimaryPerContent: 5, InSyncMirrorHasAllAcked: 9 });
    expect(lengths("bug-markDownBeforeSyncRepOff")).toEqual({ InSyncImpliesSyncRep: 3, InSyncMirrorHasAllAcked: 5 });
    expect(lengths("bug-syncRepOnBeforeInSync")).toEqual({
      InSyncImpliesSyncRep: 5,
      OnePrimaryPerContent: 7,
      InSyncMirrorHasAllAcked: 7,
      NoLostAckedCommit: 8,
    });
    expect(lengths("bug-commitWaitsForMirror")).toEqual({ InSyncMirrorHasAllAcked: 2, NoLostAckedCommit: 3 });
    expect(lengths("bug-rebalanceRequiresInSync")).toEqual({ NoDoubleFaultUnderOneFault: 2 });
    expect(lengths("bug-inSyncOnlyWhenCaughtUp")).toEqual({ InSyncMirrorHasAllAcked: 7, NoLostAckedCommit: 8 });
  });
});
