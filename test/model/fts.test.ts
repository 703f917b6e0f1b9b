/** PROTOCOL.md section 4, FTS: the probe's decision table and the messages FTS sends. */
import { describe, expect, it } from "vitest";
import { probeDecision, probeFailureRow, type Config, type State } from "../../model/index.js";
import {
  build,
  catalog,
  config,
  content,
  edit,
  expectDisabled,
  expectEffect,
  expectEnabled,
  globals,
  inst,
  run,
  syncRep,
  type Recipe,
} from "./builders.js";

const cfg = config({ contents: 1, txns: 2, faults: 2 });
const probe = { type: "FtsProbe", content: 0 } as const;
const decision = (c: Config, s: State) => probeDecision(c, s.contents[0]);

/** The state after the primary (dbid 2) crashed with the pair in the given mode. */
const primaryDead = (mode: "s" | "n", mirrorUp = mode === "s"): Recipe[] => [
  inst(0, 0, { alive: false }),
  content(0, { walSenderStreaming: false }),
  catalog(0, { primary: 0, mirrorUp, mode }),
];

/** After E3 and a lost PROMOTE: catalog names instance 1, which still runs as m. */
const promoteLost: Recipe[] = [
  inst(0, 0, { alive: false }),
  content(0, { walSenderStreaming: false }),
  catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
];

describe("FtsProbe: one state per row", () => {
  it("row C: the catalog primary answers as a mirror; FTS owes a PROMOTE again", () => {
    const s = build(cfg, ...promoteLost);
    expect(decision(cfg, s)).toEqual({ row: "C", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe, content(0, { ftsMsg: "promote" }));
  });

  it("row C with a zombie p streaming to the catalog primary: no handler on a mirror", () => {
    // Catalog primary instance 1 runs as m with sync rep off, instance 0 (a zombie p) streams to it.
    const s = build(cfg, ...promoteLost, inst(0, 0, { alive: true }), syncRep(0, 1, false));
    expect(decision(cfg, s)).toEqual({ row: "C", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe, content(0, { ftsMsg: "promote" }));
  });

  it("row C is skipped with resendLostPromote off: the mirror's reply reads as D3, a self-loop, and the PROMOTE stays lost", () => {
    const bug = config({ contents: 1, txns: 2, faults: 2, off: ["resendLostPromote"] });
    const s = build(bug, ...promoteLost);
    expect(decision(bug, s)).toEqual({ row: "D3", handlerEnablesSyncRep: false });
    expectEffect(bug, s, probe);
    expectDisabled(bug, run(bug, s, probe), { type: "FtsSendPromote", content: 0 });
    // A zombie p streaming to the catalog primary does not make the mirror "up" either.
    const z = build(bug, ...promoteLost, inst(0, 0, { alive: true }), syncRep(0, 1, false));
    expect(decision(bug, z)).toEqual({ row: "D3", handlerEnablesSyncRep: false });
    expectEffect(bug, z, probe);
  });

  it("with resendLostPromote off, a catalog primary running as m with sync rep on reads as row A", () => {
    const bug = config({ contents: 1, txns: 2, faults: 2, off: ["resendLostPromote"] });
    const s = build(bug, ...promoteLost, syncRep(0, 1, true));
    expect(decision(bug, s)).toEqual({ row: "A", handlerEnablesSyncRep: false });
    expectEffect(bug, s, probe, content(0, { ftsMsg: "syncRepOff" }));
  });

  it("row A: sync rep on and the mirror not up; catalog marked down first, then SYNCREP_OFF owed", () => {
    const s = build(cfg, inst(0, 1, { alive: false }), content(0, { walSenderStreaming: false }));
    expect(decision(cfg, s)).toEqual({ row: "A", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe, catalog(0, { primary: 0, mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "syncRepOff" }));
    // The primary's sync rep is untouched by the probe itself.
    expect(run(cfg, s, probe).contents[0].instances[0]).toEqual(s.contents[0].instances[0]);
  });

  it("row A when the link is down or the mirror's WAL diverged (mirror not up though alive)", () => {
    const cut = build(cfg, content(0, { link: "down", walSenderStreaming: false }));
    expect(decision(cfg, cut).row).toBe("A");
    const diverged = build(cfg, inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [2] }), content(0, { walSenderStreaming: false }));
    expect(decision(cfg, diverged).row).toBe("A");
  });

  it("row D1: mirror up and STREAMING, caught up, sync rep already on: mode n becomes s", () => {
    const s = build(cfg, inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [1] }), catalog(0, { mirrorUp: true, mode: "n" }));
    expect(decision(cfg, s)).toEqual({ row: "D1", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe, catalog(0, { primary: 0, mirrorUp: true, mode: "s" }));
  });

  it("row D1 from (u,n,d,n): the mirror row comes back up in sync", () => {
    const s = build(cfg, catalog(0, { mirrorUp: false, mode: "n" }));
    expect(decision(cfg, s).row).toBe("D1");
    expectEffect(cfg, s, probe, catalog(0, { mirrorUp: true, mode: "s" }));
  });

  it("row D1 on the initial state changes nothing", () => {
    const s = build(cfg);
    expect(decision(cfg, s)).toEqual({ row: "D1", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe);
  });

  it("row D2: mirror up, not STREAMING: catalog mirrorUp true, mode n", () => {
    const s = build(cfg, content(0, { walSenderStreaming: false }), inst(0, 0, { wal: [1] }));
    expect(decision(cfg, s)).toEqual({ row: "D2", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe, catalog(0, { primary: 0, mirrorUp: true, mode: "n" }));
  });

  it("row D2 downgrades a pair in mode s whose walsender is not STREAMING", () => {
    const s = build(cfg, content(0, { walSenderStreaming: false }));
    expect(decision(cfg, s).row).toBe("D2");
    expectEffect(cfg, s, probe, catalog(0, { mirrorUp: true, mode: "n" }));
  });

  it("row D3: mirror not up and sync rep off: catalog mirrorUp false, mode n, nothing owed", () => {
    const s = build(
      cfg,
      inst(0, 1, { alive: false }),
      syncRep(0, 0, false),
      content(0, { walSenderStreaming: false }),
      catalog(0, { mirrorUp: true, mode: "n" }),
    );
    expect(decision(cfg, s)).toEqual({ row: "D3", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe, catalog(0, { primary: 0, mirrorUp: false, mode: "n" }));
  });

  it("row E3: catalog primary dead, pair in sync: catalog flips to instance 1 and a PROMOTE is owed", () => {
    const s = build(cfg, ...primaryDead("s"));
    expect(decision(cfg, s)).toEqual({ row: "E3", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe, catalog(0, { primary: 1, mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "promote" }));
  });

  it("row E3 from instance 1 back to instance 0 (failback)", () => {
    const s = build(
      cfg,
      inst(0, 0, { role: "m" }),
      syncRep(0, 0, false),
      inst(0, 1, { role: "p", alive: false }),
      content(0, { walSenderStreaming: false }),
      catalog(0, { primary: 1, mirrorUp: true, mode: "s" }),
    );
    expect(decision(cfg, s).row).toBe("E3");
    expectEffect(cfg, s, probe, catalog(0, { primary: 0, mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "promote" }));
  });

  it("row E4: catalog primary dead, pair not in sync: double fault, nothing changes", () => {
    for (const mirrorUp of [true, false]) {
      const s = build(cfg, ...primaryDead("n", mirrorUp));
      expect(decision(cfg, s)).toEqual({ row: "E4", handlerEnablesSyncRep: false });
      expectEffect(cfg, s, probe);
    }
  });
});

describe("the probe handler", () => {
  it("turns sync rep on when the mirror is up as the primary sees it (then D2 under inSyncOnlyWhenCaughtUp)", () => {
    const s = build(cfg, syncRep(0, 0, false), catalog(0, { mirrorUp: true, mode: "n" }));
    expect(decision(cfg, s)).toEqual({ row: "D2", handlerEnablesSyncRep: true });
    expectEffect(cfg, s, probe, syncRep(0, 0, true, true), catalog(0, { mirrorUp: true, mode: "n" }));
  });

  it("does not fire when the mirror is not up (row D3, sync rep stays off)", () => {
    const s = build(cfg, syncRep(0, 0, false), inst(0, 1, { alive: false }), content(0, { walSenderStreaming: false }), catalog(0, { mirrorUp: false, mode: "n" }));
    expect(decision(cfg, s)).toEqual({ row: "D3", handlerEnablesSyncRep: false });
    expectEffect(cfg, s, probe);
  });

  it("does not fire with safeguard syncRepOnBeforeInSync off: D1 writes s with sync rep off (the bug)", () => {
    const bug = config({ contents: 1, txns: 2, faults: 2, off: ["syncRepOnBeforeInSync", "inSyncOnlyWhenCaughtUp"] });
    const s = build(bug, syncRep(0, 0, false), catalog(0, { mirrorUp: true, mode: "n" }));
    expect(decision(bug, s)).toEqual({ row: "D1", handlerEnablesSyncRep: false });
    expectEffect(bug, s, probe, catalog(0, { mirrorUp: true, mode: "s" }));
  });

  describe("E is the persisted setting after the handler", () => {
    const deferred = config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" });
    const mirrorDown: Recipe[] = [inst(0, 1, { alive: false }), content(0, { walSenderStreaming: false }), catalog(0, { mirrorUp: false, mode: "n" })];

    it("persisted on, not in force yet: row A", () => {
      const s = build(deferred, ...mirrorDown, syncRep(0, 0, true, false));
      expect(decision(deferred, s).row).toBe("A");
      expectEffect(deferred, s, probe, content(0, { ftsMsg: "syncRepOff" }));
    });

    it("persisted off, still in force: row D3", () => {
      const s = build(deferred, ...mirrorDown, syncRep(0, 0, false, true));
      expect(decision(deferred, s).row).toBe("D3");
      expectEffect(deferred, s, probe);
    });

    it("the handler's write counts for E (row D2, not A or D3) and is persisted, not in force", () => {
      const s = build(deferred, syncRep(0, 0, false), content(0, { walSenderStreaming: false }), catalog(0, { mirrorUp: false, mode: "n" }));
      expect(decision(deferred, s)).toEqual({ row: "D2", handlerEnablesSyncRep: true });
      expectEffect(deferred, s, probe, syncRep(0, 0, true, false), catalog(0, { mirrorUp: true, mode: "n" }));
    });
  });
});

describe("D1 vs D2", () => {
  /** Mirror up and STREAMING, catalog mode n. */
  const streamingN = (primaryWal: number[], mirrorWal: number[], syncRepBefore: boolean): Recipe[] => [
    inst(0, 0, { wal: primaryWal }),
    inst(0, 1, { wal: mirrorWal }),
    syncRep(0, 0, syncRepBefore),
    content(0, { walSenderStreaming: true }),
    catalog(0, { mirrorUp: true, mode: "n" }),
  ];

  describe("inSyncOnlyWhenCaughtUp on", () => {
    it("n -> s when caught up and sync rep already on before the probe", () => {
      const s = build(cfg, ...streamingN([1, 2], [1, 2], true));
      expect(decision(cfg, s)).toEqual({ row: "D1", handlerEnablesSyncRep: false });
      expectEffect(cfg, s, probe, catalog(0, { mode: "s" }));
    });

    it("stays n while the mirror lags", () => {
      const s = build(cfg, ...streamingN([1, 2], [1], true));
      expect(decision(cfg, s)).toEqual({ row: "D2", handlerEnablesSyncRep: false });
      expectEffect(cfg, s, probe);
    });

    it("stays n when sync rep is turned on by this very probe, then s at the next probe", () => {
      const s = build(cfg, ...streamingN([1], [1], false));
      expect(decision(cfg, s)).toEqual({ row: "D2", handlerEnablesSyncRep: true });
      const after = expectEffect(cfg, s, probe, syncRep(0, 0, true, true));
      expect(decision(cfg, after)).toEqual({ row: "D1", handlerEnablesSyncRep: false });
      expectEffect(cfg, after, probe, catalog(0, { mode: "s" }));
    });

    it("reads 'already on' from the persisted setting: deferred, persisted on but not in force, caught up: D1", () => {
      const deferred = config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" });
      const s = build(deferred, ...streamingN([1], [1], true), syncRep(0, 0, true, false));
      expect(decision(deferred, s)).toEqual({ row: "D1", handlerEnablesSyncRep: false });
      expectEffect(deferred, s, probe, catalog(0, { mode: "s" }));
    });

    it("a pair already in s stays s while STREAMING, even while the mirror lags", () => {
      const s = build(cfg, ...streamingN([1, 2], [1], true), catalog(0, { mode: "s" }));
      expect(decision(cfg, s).row).toBe("D1");
      expectEffect(cfg, s, probe);
    });
  });

  describe("inSyncOnlyWhenCaughtUp off (Greenplum as implemented)", () => {
    const gp = config({ contents: 1, txns: 2, faults: 2, off: ["inSyncOnlyWhenCaughtUp"] });

    it("n -> s as soon as STREAMING, even while lagging", () => {
      const s = build(gp, ...streamingN([1, 2], [1], true));
      expect(decision(gp, s)).toEqual({ row: "D1", handlerEnablesSyncRep: false });
      expectEffect(gp, s, probe, catalog(0, { mode: "s" }));
    });

    it("the probe that turns sync rep on writes s at once", () => {
      const s = build(gp, ...streamingN([1, 2], [1], false));
      expect(decision(gp, s)).toEqual({ row: "D1", handlerEnablesSyncRep: true });
      expectEffect(gp, s, probe, syncRep(0, 0, true, true), catalog(0, { mode: "s" }));
    });

    it("still needs STREAMING: not streaming gives D2", () => {
      const s = build(gp, ...streamingN([1], [1], true), content(0, { walSenderStreaming: false }));
      expect(decision(gp, s).row).toBe("D2");
    });
  });
});

describe("safeguard markDownBeforeSyncRepOff off", () => {
  const bug = config({ contents: 1, txns: 2, faults: 2, off: ["markDownBeforeSyncRepOff"] });
  const mirrorDead: Recipe[] = [inst(0, 1, { alive: false }), content(0, { walSenderStreaming: false })];

  it("row A leaves the catalog; SYNCREP_OFF then owes a mark-down; FtsMarkDown writes the catalog", () => {
    const s0 = build(bug, ...mirrorDead);
    expect(decision(bug, s0).row).toBe("A");
    const s1 = expectEffect(bug, s0, probe, content(0, { ftsMsg: "syncRepOff" }));
    expect(s1.contents[0].catalog).toEqual({ primary: 0, mirrorUp: true, mode: "s" });
    expectDisabled(bug, s1, { type: "FtsMarkDown", content: 0 });
    const s2 = expectEffect(bug, s1, { type: "FtsSendSyncRepOff", content: 0 }, syncRep(0, 0, false, false), content(0, { ftsMsg: "markDown" }));
    expectDisabled(bug, s2, probe);
    expectDisabled(bug, s2, { type: "FtsSendSyncRepOff", content: 0 });
    expectEffect(bug, s2, { type: "FtsMarkDown", content: 0 }, catalog(0, { primary: 0, mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "none" }));
  });

  it("a lost SYNCREP_OFF still owes the mark-down", () => {
    const s = build(bug, ...mirrorDead, inst(0, 0, { alive: false }), content(0, { ftsMsg: "syncRepOff" }));
    expectEffect(bug, s, { type: "FtsSendSyncRepOff", content: 0 }, content(0, { ftsMsg: "markDown" }));
  });

  it("with the safeguard on, SYNCREP_OFF owes nothing more and FtsMarkDown is never enabled", () => {
    const s = build(cfg, ...mirrorDead, catalog(0, { mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "syncRepOff" }));
    const after = expectEffect(cfg, s, { type: "FtsSendSyncRepOff", content: 0 }, syncRep(0, 0, false, false), content(0, { ftsMsg: "none" }));
    expectDisabled(cfg, after, { type: "FtsMarkDown", content: 0 });
  });

  // PROTOCOL.md: "FtsMarkDown(c) — only when `markDownBeforeSyncRepOff` is off: `ftsMsg = markDown`."
  // ftsMsg=markDown is unreachable with the safeguard on, so only a hand-built state shows it.
  it("FtsMarkDown is disabled with the safeguard on, even on a hand-built ftsMsg=markDown", () => {
    const s = build(cfg, content(0, { ftsMsg: "markDown" }));
    expectDisabled(cfg, s, { type: "FtsMarkDown", content: 0 });
  });
});

describe("safeguard promoteRequiresInSync off", () => {
  const bug = config({ contents: 1, txns: 2, faults: 2, off: ["promoteRequiresInSync"] });

  it("a failed probe promotes in mode n too (E3)", () => {
    for (const mirrorUp of [true, false]) {
      const s = build(bug, ...primaryDead("n", mirrorUp));
      expect(decision(bug, s).row).toBe("E3");
      expect(probeFailureRow(bug, s.contents[0])).toBe("E3");
      expectEffect(bug, s, probe, catalog(0, { primary: 1, mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "promote" }));
    }
  });

  it("with the safeguard on the same state is E4", () => {
    const s = build(cfg, ...primaryDead("n"));
    expect(probeFailureRow(cfg, s.contents[0])).toBe("E4");
  });
});

describe("FtsProbeTimeout", () => {
  const timeout = { type: "FtsProbeTimeout", content: 0 } as const;

  it("in mode s: spends a fault and applies E3 although the primary still runs", () => {
    const s = build(cfg);
    expectEffect(
      cfg,
      s,
      timeout,
      globals({ faults: 1 }),
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      content(0, { ftsMsg: "promote" }),
    );
  });

  it("in mode n: E4 spends the fault and changes nothing else", () => {
    const s = build(cfg, catalog(0, { mirrorUp: true, mode: "n" }), content(0, { walSenderStreaming: false }));
    expectEffect(cfg, s, timeout, globals({ faults: 1 }));
  });

  it("with promoteRequiresInSync off, promotes in mode n", () => {
    const bug = config({ contents: 1, txns: 2, faults: 2, off: ["promoteRequiresInSync"] });
    const s = build(bug, catalog(0, { mirrorUp: false, mode: "n" }));
    expectEffect(bug, s, timeout, globals({ faults: 1 }), catalog(0, { primary: 1, mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "promote" }));
  });

  it("needs the catalog primary alive, budget left, nothing owed, a mirror", () => {
    expectEnabled(cfg, build(cfg, globals({ faults: 1 })), timeout);
    expectDisabled(cfg, build(cfg, ...primaryDead("s")), timeout);
    expectDisabled(cfg, build(cfg, globals({ faults: 2 })), timeout);
    expectDisabled(cfg, build(cfg, content(0, { ftsMsg: "syncRepOff" })), timeout);
    expectDisabled(cfg, build(cfg, content(0, { ftsMsg: "promote" })), timeout);
    const later = config({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" });
    expectDisabled(later, build(later), timeout);
  });
});

describe("FtsSendSyncRepOff", () => {
  const send = { type: "FtsSendSyncRepOff", content: 0 } as const;
  const owed: Recipe[] = [
    inst(0, 1, { alive: false }),
    content(0, { walSenderStreaming: false, ftsMsg: "syncRepOff" }),
    catalog(0, { mirrorUp: false, mode: "n" }),
  ];

  it("turns the catalog primary's sync rep off and clears the message", () => {
    expectEffect(cfg, build(cfg, ...owed), send, syncRep(0, 0, false, false), content(0, { ftsMsg: "none" }));
  });

  it("to a dead primary is lost: ftsMsg none, nothing else", () => {
    const s = build(cfg, ...owed, inst(0, 0, { alive: false }));
    expectEffect(cfg, s, send, content(0, { ftsMsg: "none" }));
  });

  it("to a catalog primary running as m is lost too", () => {
    const s = build(cfg, ...owed, inst(0, 0, { role: "m" }));
    expectEffect(cfg, s, send, content(0, { ftsMsg: "none" }));
  });

  it("goes to the catalog primary, which may be instance 1", () => {
    const s = build(
      cfg,
      inst(0, 0, { alive: false, role: "m" }),
      syncRep(0, 0, true),
      inst(0, 1, { role: "p" }),
      syncRep(0, 1, true),
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      content(0, { walSenderStreaming: false, ftsMsg: "syncRepOff" }),
    );
    expectEffect(cfg, s, send, syncRep(0, 1, false, false), content(0, { ftsMsg: "none" }));
  });

  it("is disabled unless SYNCREP_OFF is owed", () => {
    expectDisabled(cfg, build(cfg), send);
    expectDisabled(cfg, build(cfg, content(0, { ftsMsg: "promote" })), send);
  });
});

describe("FtsSendPromote", () => {
  const send = { type: "FtsSendPromote", content: 0 } as const;
  const owed: Recipe[] = [...promoteLost, content(0, { ftsMsg: "promote", walSenderStreaming: true })];

  it("promotes an alive mirror: role p, sync rep off at once, walsender not streaming, message cleared", () => {
    const s = build(cfg, ...owed, syncRep(0, 1, true, true));
    expectEffect(
      cfg,
      s,
      send,
      inst(0, 1, { role: "p", syncRep: false, syncRepEffective: false }),
      content(0, { ftsMsg: "none", walSenderStreaming: false }),
    );
  });

  it("turns sync rep off at once even with deferred reload", () => {
    const deferred = config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" });
    const s = build(deferred, ...owed, syncRep(0, 1, true, true));
    expectEffect(
      deferred,
      s,
      send,
      inst(0, 1, { role: "p", syncRep: false, syncRepEffective: false }),
      content(0, { ftsMsg: "none", walSenderStreaming: false }),
    );
  });

  it("does nothing to a dead mirror but clear the message", () => {
    const s = build(cfg, ...owed, inst(0, 1, { alive: false }));
    expectEffect(cfg, s, send, content(0, { ftsMsg: "none" }));
  });

  it("does nothing to an already promoted instance but clear the message", () => {
    const s = build(cfg, ...owed, inst(0, 1, { role: "p" }), syncRep(0, 1, true, true));
    expectEffect(cfg, s, send, content(0, { ftsMsg: "none" }));
  });

  it("is disabled unless a PROMOTE is owed", () => {
    expectDisabled(cfg, build(cfg, ...promoteLost), send);
    expectDisabled(cfg, build(cfg, ...promoteLost, content(0, { ftsMsg: "syncRepOff" })), send);
  });
});

describe("FtsRestart", () => {
  const cfg2 = config({ contents: 2, txns: 2, faults: 2 });
  const restart = { type: "FtsRestart" } as const;

  it("clears every owed message and spends a fault", () => {
    const s = build(
      cfg2,
      ...promoteLost,
      content(0, { ftsMsg: "promote" }),
      inst(1, 1, { alive: false }),
      catalog(1, { mirrorUp: false, mode: "n" }),
      content(1, { ftsMsg: "syncRepOff", walSenderStreaming: false }),
    );
    expectEffect(cfg2, s, restart, content(0, { ftsMsg: "none" }), content(1, { ftsMsg: "none" }), globals({ faults: 1 }));
  });

  it("also clears a markDown in the bug variant", () => {
    const bug = config({ contents: 2, txns: 2, faults: 2, off: ["markDownBeforeSyncRepOff"] });
    const s = build(bug, content(1, { ftsMsg: "markDown" }));
    expectEffect(bug, s, restart, content(1, { ftsMsg: "none" }), globals({ faults: 1 }));
  });

  it("needs some owed message and budget left", () => {
    expectDisabled(cfg2, build(cfg2), restart);
    expectEnabled(cfg2, build(cfg2, content(1, { ftsMsg: "promote" })), restart);
    expectDisabled(cfg2, build(cfg2, content(1, { ftsMsg: "promote" }), globals({ faults: 2 })), restart);
  });
});

describe("FtsProbe guard", () => {
  it("is disabled while any message is owed to the content", () => {
    for (const msg of ["syncRepOff", "promote", "markDown"] as const) {
      expectDisabled(cfg, build(cfg, content(0, { ftsMsg: msg })), probe);
    }
  });

  it("is disabled without a mirror, and enabled after AddMirror", () => {
    const later = config({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" });
    const s = build(later);
    expectDisabled(later, s, probe);
    expectEnabled(later, run(later, s, { type: "AddMirror", content: 0 }), probe);
    const none = config({ contents: 1, txns: 1, faults: 1, mirroring: "disabled" });
    expectDisabled(none, build(none), probe);
  });

  it("is not a fault: enabled with the budget spent, and it leaves faults alone", () => {
    const s = build(cfg, globals({ faults: 2 }), ...primaryDead("s"));
    expectEffect(cfg, s, probe, catalog(0, { primary: 1, mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "promote" }));
  });

  it("only probes its own content", () => {
    const cfg2 = config({ contents: 2, txns: 2, faults: 2 });
    const s = build(cfg2, inst(1, 0, { alive: false }), content(1, { walSenderStreaming: false }));
    const after = run(cfg2, s, { type: "FtsProbe", content: 0 });
    expect(after).toEqual(s);
    const after1 = run(cfg2, s, { type: "FtsProbe", content: 1 });
    expect(after1).toEqual(edit(s, catalog(1, { primary: 1, mirrorUp: false, mode: "n" }), content(1, { ftsMsg: "promote" })));
  });
});

describe("a full failover through the public API", () => {
  it("crash, E3, PROMOTE: instance 1 runs as p with sync rep off and the catalog names it", () => {
    const s = run(
      cfg,
      build(cfg),
      { type: "SegmentCrash", dbid: 2 },
      { type: "FtsProbe", content: 0 },
      { type: "FtsSendPromote", content: 0 },
    );
    expect(s).toEqual(
      build(
        cfg,
        inst(0, 0, { alive: false }),
        inst(0, 1, { role: "p", syncRep: false, syncRepEffective: false }),
        catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
        content(0, { walSenderStreaming: false, ftsMsg: "none" }),
        globals({ faults: 1 }),
      ),
    );
  });
});
