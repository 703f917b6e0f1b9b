// explain: guard clauses, the FTS row, the changes, and which steps a violation needs.
import { describe, expect, it } from "vitest";
import { explainReplay, explainText } from "../../report/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";

const AS_IMPLEMENTED_LOSS = `config contents=2 txns=2 faults=2 syncRepReload=deferred off=inSyncOnlyWhenCaughtUp
FtsProbeTimeout content=0
FtsSendPromote content=0
RecoverIncremental content=0
WalSenderCaughtUp content=0
ClientCommit content=0
CommitAck txn=1
FtsProbe content=0
FtsProbeTimeout content=0
expect violated NoLostAckedCommit
`;

describe("explain", () => {
  it("names the FTS rows, the handler, the guard clauses and the changes", () => {
    const r = replayTrace(parseTrace(AS_IMPLEMENTED_LOSS, "t.trace"));
    const e = explainReplay(r, "NoLostAckedCommit");
    expect(e.steps.map((s) => s.fts?.row ?? null)).toEqual(["E3", null, null, null, null, null, "D1", "E3"]);
    expect(e.steps[6].fts?.handlerEnabledSyncRep).toBe(true);
    expect(e.steps[5].clauses.map((c) => c.clause)).toEqual([
      "txn 1 is waiting",
      "its writer dbid 4 is alive with role p (alive=true, role=p)",
      "sync rep is not in force on dbid 4: no need to wait for the mirror",
    ]);
    expect(e.steps[6].changes).toContainEqual({ field: "content 0 catalog mode", before: "n", after: "s" });
    expect(e.violation?.message).toBe("content 0: txn 1 was acked but is missing from the WAL of catalog primary dbid 2 (-)");
    expect(e.violation?.neededSteps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(e.violation?.removableSteps).toEqual([]);
  });

  it("finds the steps a violation does not need", () => {
    // Step 5 (a commit on content 1) and step 6 (its streaming) are irrelevant to content 0's loss.
    const text = `config contents=2 txns=2 faults=2 off=promoteRequiresInSync
FtsProbeTimeout content=0
FtsSendPromote content=0
ClientCommit content=0
CommitAck txn=1
ClientCommit content=1
WalStream content=1
FtsProbeTimeout content=0
`;
    const r = replayTrace(parseTrace(text, "t.trace"));
    const e = explainReplay(r);
    expect(e.violation?.property).toBe("NoLostAckedCommit");
    expect(e.violation?.neededSteps).toEqual([1, 2, 3, 4, 7]);
    expect(e.violation?.removableSteps).toEqual([5, 6]);
    const out = explainText("t.trace", r, e);
    expect(out).toContain("It depends on steps 1, 2, 3, 4, 7");
    expect(out).toContain("Steps 5, 6 are irrelevant: without all of them NoLostAckedCommit still breaks.");
    expect(out).toContain("FTS decision: row E3: probe failed and the pair was in sync");
  });

  it("says where the path first broke before the story, and flags that step in it", () => {
    const r = replayTrace(parseTrace(AS_IMPLEMENTED_LOSS, "t.trace"));
    const e = explainReplay(r, "NoLostAckedCommit");
    expect(e.rootCause?.step).toBe(7);
    const out = explainText("t.trace", r, e);
    const paragraph =
      "Where it first broke:\n  The protocol first broke at step 7 (FtsProbe content=0): InSyncMirrorHasAllAcked, InSyncImpliesSyncRep. " +
      "Allowed by: safeguard inSyncOnlyWhenCaughtUp off (step 7), syncRepReload=deferred (step 7: sync rep on but not yet in force on dbid 4).";
    expect(out).toContain(paragraph);
    expect(out.indexOf(paragraph)).toBeLessThan(out.indexOf("Step 1 (line"));
    // The flag sits in step 7's paragraph, and only there.
    const flag = "  ▶ first broke here: InSyncMirrorHasAllAcked, InSyncImpliesSyncRep";
    expect(out.split("\n").filter((l) => l === flag)).toHaveLength(1);
    expect(out.indexOf(flag)).toBeGreaterThan(out.indexOf("Step 7 (line"));
    expect(out.indexOf(flag)).toBeLessThan(out.indexOf("Step 8 (line"));
  });

  it("row E3 in mode n says FTS promoted a mirror whose catalog mode was n (promoteRequiresInSync off)", () => {
    const text = `config contents=2 txns=2 faults=2 off=promoteRequiresInSync
FtsProbeTimeout content=0
FtsSendPromote content=0
ClientCommit content=0
CommitAck txn=1
FtsProbeTimeout content=0
`;
    const r = replayTrace(parseTrace(text, "t.trace"));
    const e = explainReplay(r);
    // Step 1 was in mode s: the table's words hold. Step 5 was in mode n.
    expect(e.steps[0].fts?.meaning).toBe("probe failed and the pair was in sync: flip the catalog and send PROMOTE to the mirror");
    expect(e.steps[4].fts?.row).toBe("E3");
    expect(e.steps[4].fts?.meaning).not.toContain("in sync: flip");
    expect(e.steps[4].fts?.meaning).toContain("sent PROMOTE to a mirror whose catalog mode was n, which only the off safeguard promoteRequiresInSync allows");
    const out = explainText("t.trace", r, e);
    const step5 = out.slice(out.indexOf("Step 5 (line"));
    expect(step5).toContain("FTS decision: row E3: probe failed and the catalog mode was n (not in sync)");
    expect(step5).not.toContain("the pair was in sync");
  });

  it("says so when the final state violates nothing", () => {
    const r = replayTrace(parseTrace("config contents=1 txns=1 faults=0\nClientCommit content=0\n", "t.trace"));
    const e = explainReplay(r);
    expect(e.violation).toBeNull();
    expect(explainText("t.trace", r, e)).toContain("The final state violates no safety property.");
  });
});
