// The worked example of the README's "Using it from a test suite": properties of your own,
// checked exhaustively (runCheck) and by random walks (runSimulate).
import { describe, expect, it } from "vitest";
import { runCheck, runSimulate, type CustomProperty } from "../../api/index.js";
import { ackedTxnsOf, catalogMirror, formatAction } from "../../model/index.js";

// Holds: follows from NoLostAckedCommit (an acked txn is on the catalog primary).
const AckedCommitSurvivesSomewhere: CustomProperty = {
  name: "AckedCommitSurvivesSomewhere",
  description: "every acked txn is in the WAL of some instance of its content",
  check: (state) => {
    for (const [c, content] of state.contents.entries()) {
      for (const t of ackedTxnsOf(state, c)) {
        if (!content.instances.some((i) => i.wal.includes(t))) return `content ${c}: acked txn ${t} is on no instance`;
      }
    }
    return undefined;
  },
};

// Does not hold: Greenplum acknowledges commits while the mirror is down (sync rep off),
// by design. A deployment that wants to know how that happens asks for a counterexample.
const NoAckWhileMirrorDown: CustomProperty = {
  name: "NoAckWhileMirrorDown",
  description: "no acked txn is missing from the catalog mirror while the catalog marks it down",
  check: (state) => {
    for (const [c, content] of state.contents.entries()) {
      if (content.catalog.mirrorUp || !content.hasMirror) continue;
      const missing = ackedTxnsOf(state, c).filter((t) => !catalogMirror(content).wal.includes(t));
      if (missing.length > 0) return `content ${c}: txn ${missing[0]} acked while the mirror is down`;
    }
    return undefined;
  },
};

describe("library API: properties of your own", () => {
  it("an exhaustive check: the first holds, the second breaks with a shortest counterexample", () => {
    const ok = runCheck({ config: "tiny", properties: [AckedCommitSurvivesSomewhere] });
    expect(ok.result.verdict).toBe("pass");
    // tiny's expected outcome cannot know custom properties: not compared, and the report says why.
    expect(ok.expectation).toBeNull();
    expect(ok.notCompared).toBe(
      'Not compared with the expected outcome of "tiny": custom properties (AckedCommitSurvivesSomewhere) were checked too.',
    );
    expect(runCheck({ config: "tiny" }).notCompared).toBeNull();

    const bad = runCheck({ config: "tiny", properties: [AckedCommitSurvivesSomewhere, NoAckWhileMirrorDown] });
    expect(bad.result.verdict).toBe("violation");
    const v = bad.result.violations[0];
    expect(v.property).toBe("NoAckWhileMirrorDown");
    expect(v.trace.slice(1).map((s) => formatAction(s.action!.action))).toEqual([
      "FtsProbeTimeout content=0",
      "FtsSendPromote content=0",
      "ClientCommit content=0",
      "CommitAck txn=1",
    ]);
    expect(bad.expectation).toBeNull();
    expect(bad.notCompared).toContain("custom properties (AckedCommitSurvivesSomewhere, NoAckWhileMirrorDown)");
  });

  it("a random search of a configuration beyond exhaustive reach, with the same properties", () => {
    const ok = runSimulate({
      overrides: { contents: 3, txns: 4, faults: 3 },
      options: { seed: 7, runs: 500 },
      properties: [AckedCommitSurvivesSomewhere],
    });
    expect(ok.result.verdict).toBe("pass");

    const bad = runSimulate({ config: "tiny", options: { seed: 7 }, properties: [NoAckWhileMirrorDown] });
    expect(bad.result.violation?.property).toBe("NoAckWhileMirrorDown");
    expect(bad.result.violation?.length).toBe(4);
  });

  it("refuses a property that takes a contract property's name", () => {
    const clash: CustomProperty = { name: "NoLostAckedCommit", check: () => undefined };
    expect(() => runSimulate({ config: "tiny", options: { seed: 1, runs: 1 }, properties: [clash] })).toThrow(/already taken/);
  });
});
