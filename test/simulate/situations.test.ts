// The Greenplum situations that coverage counts, on states reached by short traces.
import { describe, expect, it } from "vitest";
import { runSimulate } from "../../api/index.js";
import { SITUATIONS, situationCounts, stateSituations, stepSituations, type State } from "../../model/index.js";
import { parseTrace, replayTrace, type ReplayItem } from "../../trace/index.js";

function steps(text: string): Extract<ReplayItem, { kind: "step" }>[] {
  const r = replayTrace(parseTrace(text, "t.trace"));
  expect(r.status).toBe("ok");
  return r.items.flatMap((i) => (i.kind === "step" ? [i] : []));
}

describe("situations", () => {
  it("the initial state of default is in sync on both contents", () => {
    const [first] = steps("config name=default\nFtsProbe content=0\n");
    expect(stateSituations(first.before)).toEqual(["catalog (u,s,u,s)"]);
  });

  it("a failover, the old primary still running, then pg_rewind cuts its diverged WAL", () => {
    const s = steps(
      [
        "config contents=1 txns=1 faults=1",
        "ClientCommit content=0", // txn 1 written on dbid 2 only
        "FtsProbeTimeout content=0", // the catalog flips to dbid 3, mirror down; dbid 2 still runs as p: a zombie
        "FtsSendPromote content=0", // dbid 3 runs as p
        "RecoverIncremental content=0", // dbid 2's WAL [1] is no prefix of dbid 3's []: rewound
        "",
      ].join("\n"),
    );
    expect(stateSituations(s[0].after)).toEqual(["catalog (u,s,u,s)"]);
    expect(stateSituations(s[1].after)).toEqual(["catalog (u,n,d,n)", "zombie primary"]);
    expect(stateSituations(s[2].after)).toEqual(["catalog (u,n,d,n)", "zombie primary"]);
    expect(stepSituations(s[3].before, s[3].action, s[3].after)).toEqual(["rewound WAL"]);
    expect(stepSituations(s[2].before, s[2].action, s[2].after)).toEqual([]);
    const counts = situationCounts(
      [s[0].before, ...s.map((x) => x.after)],
      s.map((x) => ({ before: x.before, action: x.action, after: x.after })),
    );
    expect(Object.keys(counts)).toEqual([...SITUATIONS]);
    expect(counts["rewound WAL"]).toBe(1);
    expect(counts["zombie primary"]).toBe(2);
  });

  it("double fault, and a mirror up but not in sync", () => {
    const s = steps(
      "config contents=1 txns=0 faults=2\nFtsProbeTimeout content=0\nSegmentCrash dbid=3\n" +
        "SegmentRestart dbid=3\n",
    );
    expect(stateSituations(s[1].after)).toContain("double fault");
    const up = steps([
        "config contents=1 txns=0 faults=1",
        "LinkCut content=0",
        "FtsProbe content=0", // row A: mirror down, mode n
        "FtsSendSyncRepOff content=0",
        "LinkHeal content=0",
        "FtsProbe content=0", // row D2: mirror up, not yet STREAMING
        "",
      ].join("\n"));
    const last: State = up[up.length - 1].after;
    expect(stateSituations(last)).toEqual(["catalog (u,n,u,n)"]);
  });

  it("a random search on default sees every situation", () => {
    const r = runSimulate({ config: "default", options: { seed: 1, runs: 3000 } });
    for (const s of SITUATIONS) expect(r.situations[s], s).toBeGreaterThan(0);
  });
});
