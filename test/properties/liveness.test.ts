/** The four GF P properties, the fairness set and the cycle diagnoses, on hand-built states. */
import { describe, expect, it } from "vitest";
import { greenplumLiveness } from "../../api/greenplumModel.js";
import { fairInstances, formatAction, isFair, type Action } from "../../model/index.js";
import {
  CommitsAreAnswered,
  ContentsServe,
  LIVENESS_PROPERTIES,
  MirrorsResync,
  PreferredRolesReturn,
} from "../../properties/index.js";
import { build, catalog, config, content, inst, syncRep, txn } from "../model/builders.js";

describe("the liveness properties on hand-built states", () => {
  const cfg = config({ contents: 2, txns: 2 });

  it("are checked in the contract's order, with their subjects", () => {
    expect(LIVENESS_PROPERTIES.map((p) => p.name)).toEqual([
      "CommitsAreAnswered",
      "ContentsServe",
      "MirrorsResync",
      "PreferredRolesReturn",
    ]);
    expect(CommitsAreAnswered.subjects(cfg)).toEqual([1, 2]);
    expect(ContentsServe.subjects(cfg)).toEqual([0, 1]);
    const live = greenplumLiveness(cfg);
    expect(live.properties.map((p) => p.subjects)).toEqual([
      ["txn=1", "txn=2"],
      ["content=0", "content=1"],
      ["content=0", "content=1"],
      ["content=0", "content=1"],
    ]);
  });

  it("CommitsAreAnswered: false exactly while the txn waits", () => {
    const s = build(cfg, txn(1, "waiting", 0, 2), txn(2, "acked", 1, 3));
    expect(CommitsAreAnswered.holds(cfg, s, 1)).toBe(false);
    expect(CommitsAreAnswered.holds(cfg, s, 2)).toBe(true);
    expect(CommitsAreAnswered.holds(cfg, build(cfg), 1)).toBe(true);
    expect(CommitsAreAnswered.holds(cfg, build(cfg, txn(1, "failed", 0, 2)), 1)).toBe(true);
  });

  it("ContentsServe: the catalog primary must be alive with role p", () => {
    expect(ContentsServe.holds(cfg, build(cfg), 0)).toBe(true);
    expect(ContentsServe.holds(cfg, build(cfg, inst(0, 0, { alive: false })), 0)).toBe(false);
    // The catalog names the preferred mirror, which still runs as a mirror (PROMOTE lost).
    const lost = build(cfg, catalog(0, { primary: 1, mirrorUp: false, mode: "n" }));
    expect(ContentsServe.holds(cfg, lost, 0)).toBe(false);
    expect(ContentsServe.holds(cfg, lost, 1)).toBe(true);
  });

  it("MirrorsResync: mode s, or no mirror at all", () => {
    expect(MirrorsResync.holds(cfg, build(cfg), 0)).toBe(true);
    expect(MirrorsResync.holds(cfg, build(cfg, catalog(0, { mode: "n" })), 0)).toBe(false);
    const add = config({ mirroring: "addLater" });
    expect(MirrorsResync.holds(add, build(add), 0)).toBe(true);
    expect(MirrorsResync.holds(add, build(add, content(0, { hasMirror: true })), 0)).toBe(false);
  });

  it("PreferredRolesReturn: instance 0 is the catalog primary and the mode is s", () => {
    expect(PreferredRolesReturn.holds(cfg, build(cfg), 0)).toBe(true);
    expect(PreferredRolesReturn.holds(cfg, build(cfg, catalog(0, { primary: 1 })), 0)).toBe(false);
    expect(PreferredRolesReturn.holds(cfg, build(cfg, catalog(0, { mode: "n" })), 0)).toBe(false);
    const off = config({ mirroring: "disabled" });
    expect(PreferredRolesReturn.holds(off, build(off), 0)).toBe(true);
  });
});

describe("the fairness set", () => {
  it("is the thirteen families of the contract, per instance", () => {
    const fair: Action["type"][] = [
      "CommitAck",
      "WalStream",
      "WalSenderCaughtUp",
      "ConfigReload",
      "PrimaryEnableSyncRep",
      "FtsProbe",
      "FtsSendSyncRepOff",
      "FtsMarkDown",
      "FtsSendPromote",
      "LinkHeal",
      "SegmentRestart",
      "RecoverIncremental",
      "Rebalance",
    ];
    for (const type of fair) expect(isFair({ type, content: 0, txn: 1, dbid: 2 } as Action)).toBe(true);
    for (const type of ["ClientCommit", "SegmentCrash", "HostCrash", "LinkCut", "FtsProbeTimeout", "FtsRestart", "RecoverFull", "AddMirror"] as const) {
      expect(isFair({ type, content: 0, dbid: 2, host: 0 } as Action)).toBe(false);
    }
  });

  it("names one instance per argument: W + 14 K of them (10 families per content, 2 per dbid)", () => {
    const cfg = config({ contents: 2, txns: 2 });
    const names = fairInstances(cfg).map((b) => formatAction(b.action));
    expect(names).toHaveLength(2 + 14 * 2);
    expect(names).toContain("SegmentRestart dbid=5");
    expect(names).toContain("CommitAck txn=2");
    expect(greenplumLiveness(cfg).fairInstances).toEqual(names);
  });
});

describe("why a content stays unhealthy along a cycle", () => {
  const cfg = config({ contents: 2, txns: 2 });

  it("a lost PROMOTE: the catalog primary runs as a mirror and FTS owes nothing", () => {
    const s = build(cfg, catalog(0, { primary: 1, mirrorUp: false, mode: "n" }));
    expect(ContentsServe.explain(cfg, [s], 0)).toBe(
      "content 0 never serves again: dbid 4 is the catalog primary but still runs as a mirror, and FTS never sends it PROMOTE again (the probe that meets a mirror does not resend it)",
    );
  });

  it("a diverged mirror that is never rewound", () => {
    const s = build(
      cfg,
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      inst(0, 0, { role: "m", wal: [1] }),
      inst(0, 1, { role: "p", wal: [] }),
      syncRep(0, 0, false),
    );
    expect(MirrorsResync.explain(cfg, [s], 0)).toBe(
      "content 0 never returns to mode s: dbid 2 is a mirror whose WAL diverged from its primary's (dbid 2: 1; primary dbid 4: -) and is never rewound",
    );
    expect(PreferredRolesReturn.explain(cfg, [s], 0)).toMatch(/^content 0 never returns to its preferred roles in mode s: dbid 2 is a mirror whose WAL diverged/);
  });

  it("a reason counts only if it holds in every state of the cycle", () => {
    const down = build(cfg, catalog(0, { mode: "n", mirrorUp: false }), inst(0, 1, { alive: false }));
    const up = build(cfg, catalog(0, { mode: "n", mirrorUp: false }), content(0, { link: "down" }));
    expect(MirrorsResync.explain(cfg, [down, down], 0)).toBe("content 0 never returns to mode s: its mirror dbid 4 stays down");
    expect(MirrorsResync.explain(cfg, [down, up], 0)).toBe(
      "content 0 never returns to mode s: FTS never sees its mirror streaming in sync",
    );
  });

  it("a commit that waits for a mirror flush that never comes", () => {
    const s = build(cfg, txn(1, "waiting", 0, 2), inst(0, 0, { wal: [1] }));
    expect(CommitsAreAnswered.explain(cfg, [s], 1)).toBe(
      "txn 1 waits for ever on dbid 2: its client never gets an answer (sync rep is in force on dbid 2 and its mirror never flushes the commit record)",
    );
  });
});
