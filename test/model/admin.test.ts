/** PROTOCOL.md section 4, Administration: gprecoverseg (incremental, full, rebalance) and gpaddmirrors. */
import { describe, expect, it } from "vitest";
import {
  build,
  catalog,
  config,
  content,
  expectDisabled,
  expectEffect,
  expectEnabled,
  globals,
  inst,
  run,
  syncRep,
  txn,
  type Recipe,
} from "./builders.js";

const cfg = config({ contents: 1, txns: 3, faults: 2 });
const incr = { type: "RecoverIncremental", content: 0 } as const;
const full = { type: "RecoverFull", content: 0 } as const;

/** Catalog (u,n,d,n) with instance 0 primary; the mirror (instance 1) dead. */
const mirrorDown = (primaryWal: number[], mirrorWal: number[]): Recipe[] => [
  inst(0, 0, { wal: primaryWal }),
  inst(0, 1, { alive: false, wal: mirrorWal }),
  catalog(0, { primary: 0, mirrorUp: false, mode: "n" }),
  content(0, { walSenderStreaming: false }),
];

/**
 * After a failover and back: the catalog names instance 0 (WAL [1,2]); instance 1 is a zombie
 * p with a diverged WAL [1,3] and txn 3 waiting on it (dbid 3); txn 2 waits on dbid 2.
 */
const zombieMirror: Recipe[] = [
  inst(0, 0, { wal: [1, 2] }),
  syncRep(0, 0, false),
  inst(0, 1, { role: "p", wal: [1, 3] }),
  syncRep(0, 1, true),
  catalog(0, { primary: 0, mirrorUp: false, mode: "n" }),
  content(0, { walSenderStreaming: false }),
  txn(1, "acked", 0, 2),
  txn(2, "waiting", 0, 2),
  txn(3, "waiting", 0, 3),
  globals({ nextTxn: 4 }),
];

describe("RecoverIncremental / RecoverFull guard", () => {
  for (const action of [incr, full]) {
    describe(action.type, () => {
      it("is enabled with the catalog mirror down and the catalog primary alive as p", () => {
        expectEnabled(cfg, build(cfg, ...mirrorDown([1], [1])), action);
      });

      it("is disabled while the catalog says the mirror is up", () => {
        expectDisabled(cfg, build(cfg), action);
        expectDisabled(cfg, build(cfg, ...mirrorDown([1], [1]), catalog(0, { mirrorUp: true })), action);
      });

      it("is disabled when the catalog primary is dead or runs as m", () => {
        expectDisabled(cfg, build(cfg, ...mirrorDown([1], [1]), inst(0, 0, { alive: false })), action);
        expectDisabled(cfg, build(cfg, ...mirrorDown([1], [1]), inst(0, 0, { role: "m" })), action);
      });

      it("is disabled without a mirror", () => {
        const later = config({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" });
        expectDisabled(later, build(later), action);
      });

      it("is not a fault: enabled with the budget spent", () => {
        expectEnabled(cfg, build(cfg, ...mirrorDown([1], [1]), globals({ faults: 2 })), action);
      });
    });
  }
});

describe("RecoverIncremental", () => {
  it("starts a dead mirror as m with sync rep off, keeping a prefix WAL as is", () => {
    const s = build(cfg, ...mirrorDown([1, 2], [1]), syncRep(0, 1, true, true));
    expectEffect(cfg, s, incr, inst(0, 1, { alive: true, role: "m", wal: [1], syncRep: false, syncRepEffective: false }));
  });

  it("keeps an equal WAL", () => {
    const s = build(cfg, ...mirrorDown([1, 2], [1, 2]));
    expectEffect(cfg, s, incr, inst(0, 1, { alive: true }));
  });

  it("stops a zombie (failing its waiters, not the primary's) and pg_rewinds [1,3] against [1,2] to [1]", () => {
    const s = build(cfg, ...zombieMirror);
    expectEffect(
      cfg,
      s,
      incr,
      inst(0, 1, { alive: true, role: "m", wal: [1], syncRep: false, syncRepEffective: false }),
      txn(3, "failed", 0, 3),
    );
  });

  it("cuts a WAL longer than the primary's to the primary's", () => {
    const s = build(cfg, ...mirrorDown([1], [1, 2]));
    expectEffect(cfg, s, incr, inst(0, 1, { alive: true, wal: [1] }));
  });

  it("cuts a WAL with no common record to empty", () => {
    const s = build(cfg, ...mirrorDown([1], [2]));
    expectEffect(cfg, s, incr, inst(0, 1, { alive: true, wal: [] }));
    const t = build(cfg, ...mirrorDown([], [2, 3]));
    expectEffect(cfg, t, incr, inst(0, 1, { alive: true, wal: [] }));
  });

  it("recovers instance 0 when instance 1 is the catalog primary", () => {
    const s = build(
      cfg,
      inst(0, 0, { alive: false, role: "p", wal: [1, 2, 3] }),
      syncRep(0, 0, true),
      inst(0, 1, { role: "p", wal: [1, 2] }),
      syncRep(0, 1, false),
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      content(0, { walSenderStreaming: false }),
    );
    expectEffect(cfg, s, incr, inst(0, 0, { alive: true, role: "m", wal: [1, 2], syncRep: false, syncRepEffective: false }));
  });

  it("ends a running replication connection (an alive, stale catalog mirror is restarted)", () => {
    // Hand-built: the catalog says down although the mirror streams and the walsender is STREAMING.
    const s = build(cfg, inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [1] }), catalog(0, { mirrorUp: false, mode: "n" }));
    expectEffect(cfg, s, incr, content(0, { walSenderStreaming: false }));
  });
});

describe("RecoverIncremental with incrementalRecoveryRewinds off (no pg_rewind)", () => {
  const bug = config({ contents: 1, txns: 3, faults: 2, off: ["incrementalRecoveryRewinds"] });

  it("keeps a diverged WAL [1,3] against the primary's [1,2]; the zombie is still stopped and its waiters failed", () => {
    const s = build(bug, ...zombieMirror);
    expectEffect(
      bug,
      s,
      incr,
      inst(0, 1, { alive: true, role: "m", wal: [1, 3], syncRep: false, syncRepEffective: false }),
      txn(3, "failed", 0, 3),
    );
  });

  it("keeps a WAL longer than the primary's", () => {
    const s = build(bug, ...mirrorDown([1], [1, 2]));
    expectEffect(bug, s, incr, inst(0, 1, { alive: true, wal: [1, 2] }));
  });

  it("so the mirror never streams: no WalStream, no catch-up, and the probe keeps the pair down in mode n", () => {
    const s = run(bug, build(bug, ...zombieMirror), incr);
    expectDisabled(bug, s, { type: "WalStream", content: 0 });
    expectDisabled(bug, s, { type: "WalSenderCaughtUp", content: 0 });
    const probed = run(bug, s, { type: "FtsProbe", content: 0 });
    expect(probed.contents[0].catalog).toEqual({ primary: 0, mirrorUp: false, mode: "n" });
    // The same recovery with the safeguard on streams again.
    expectEnabled(cfg, run(cfg, build(cfg, ...zombieMirror), incr), { type: "WalStream", content: 0 });
  });

  it("a mirror whose WAL is a prefix recovers as with the safeguard on", () => {
    const s = build(bug, ...mirrorDown([1, 2], [1]));
    expectEffect(bug, s, incr, inst(0, 1, { alive: true, role: "m" }));
    expectEnabled(bug, run(bug, s, incr), { type: "WalStream", content: 0 });
  });
});

describe("RecoverFull", () => {
  it("copies the primary's WAL over a diverged one, stops a zombie and fails its waiters", () => {
    const s = build(cfg, ...zombieMirror);
    expectEffect(
      cfg,
      s,
      full,
      inst(0, 1, { alive: true, role: "m", wal: [1, 2], syncRep: false, syncRepEffective: false }),
      txn(3, "failed", 0, 3),
    );
  });

  it("copies a longer WAL onto a dead mirror's shorter one", () => {
    const s = build(cfg, ...mirrorDown([1, 2, 3], []));
    const after = expectEffect(cfg, s, full, inst(0, 1, { alive: true, wal: [1, 2, 3] }));
    expect(after.contents[0].instances[1].wal).not.toBe(after.contents[0].instances[0].wal);
  });
});

describe("Rebalance", () => {
  const rebalance = { type: "Rebalance", content: 0 } as const;
  /** Failed over and recovered: instance 1 is catalog primary in sync, instance 0 its mirror. */
  const acting = (mode: "s" | "n"): Recipe[] => [
    inst(0, 0, { role: "m", wal: [1] }),
    syncRep(0, 0, false),
    inst(0, 1, { role: "p", wal: [1] }),
    syncRep(0, 1, true),
    catalog(0, { primary: 1, mirrorUp: true, mode }),
    content(0, { walSenderStreaming: true }),
    txn(1, "waiting", 0, 3),
    globals({ nextTxn: 2, faults: 2 }),
  ];

  it("in one step stops the acting primary (failing its waiters, ending streaming) and applies E3: catalog back to instance 0, PROMOTE owed; not a fault", () => {
    const s = build(cfg, ...acting("s"));
    // faults = F = 2: enabled all the same, and the budget is not touched.
    expectEffect(
      cfg,
      s,
      rebalance,
      inst(0, 1, { alive: false }),
      txn(1, "failed", 0, 3),
      catalog(0, { primary: 0, mirrorUp: false, mode: "n" }),
      content(0, { walSenderStreaming: false, ftsMsg: "promote" }),
    );
  });

  it("leaves no state where the stopped primary could restart before the probe: the next step can be the PROMOTE", () => {
    const s = run(cfg, build(cfg, ...acting("s")), rebalance, { type: "FtsSendPromote", content: 0 });
    expect(s.contents[0].catalog).toEqual({ primary: 0, mirrorUp: false, mode: "n" });
    expect(s.contents[0].instances[0]).toEqual({ role: "p", alive: true, wal: [1], syncRep: false, syncRepEffective: false });
    expect(s.contents[0].ftsMsg).toBe("none");
  });

  it("then gprecoverseg and two probes bring the pair back to its preferred roles in sync", () => {
    const s = run(
      cfg,
      build(cfg, ...acting("s")),
      rebalance,
      { type: "FtsSendPromote", content: 0 },
      incr,
      { type: "WalSenderCaughtUp", content: 0 },
      // The first probe's handler turns sync rep on (D2); the next one may write s (D1).
      { type: "FtsProbe", content: 0 },
      { type: "FtsProbe", content: 0 },
    );
    expect(s.contents[0].catalog).toEqual({ primary: 0, mirrorUp: true, mode: "s" });
    expect(s.contents[0].instances[1]).toMatchObject({ role: "m", alive: true, wal: [1] });
  });

  it("needs the catalog primary to be instance 1", () => {
    expectDisabled(cfg, build(cfg), rebalance);
  });

  it("needs FTS to owe the content nothing (the probe it requests would not run)", () => {
    expectEnabled(cfg, build(cfg, ...acting("s")), rebalance);
    for (const ftsMsg of ["syncRepOff", "promote", "markDown"] as const) {
      expectDisabled(cfg, build(cfg, ...acting("s"), content(0, { ftsMsg })), rebalance);
    }
  });

  it("needs mode s (rebalanceRequiresInSync)", () => {
    expectDisabled(cfg, build(cfg, ...acting("n")), rebalance);
    expectDisabled(cfg, build(cfg, ...acting("n"), catalog(0, { mirrorUp: false })), rebalance);
  });

  describe("with rebalanceRequiresInSync off", () => {
    const bug = config({ contents: 1, txns: 3, faults: 2, off: ["rebalanceRequiresInSync"] });

    it("in mode n the probe ends in E4: the primary is stopped, the catalog unchanged, nothing owed (a double fault without a fault)", () => {
      for (const mirrorUp of [true, false]) {
        const s = build(bug, ...acting("n"), catalog(0, { mirrorUp }));
        expectEffect(bug, s, rebalance, inst(0, 1, { alive: false }), txn(1, "failed", 0, 3), content(0, { walSenderStreaming: false }));
      }
    });

    it("in mode s it still fails back through E3", () => {
      const s = build(bug, ...acting("s"));
      expectEffect(
        bug,
        s,
        rebalance,
        inst(0, 1, { alive: false }),
        txn(1, "failed", 0, 3),
        catalog(0, { primary: 0, mirrorUp: false, mode: "n" }),
        content(0, { walSenderStreaming: false, ftsMsg: "promote" }),
      );
    });

    it("with promoteRequiresInSync off too, the probe failure flips the catalog whatever the mode (E3)", () => {
      const both = config({ contents: 1, txns: 3, faults: 2, off: ["rebalanceRequiresInSync", "promoteRequiresInSync"] });
      const s = build(both, ...acting("n"), catalog(0, { mirrorUp: false }));
      expectEffect(
        both,
        s,
        rebalance,
        inst(0, 1, { alive: false }),
        txn(1, "failed", 0, 3),
        catalog(0, { primary: 0, mirrorUp: false, mode: "n" }),
        content(0, { walSenderStreaming: false, ftsMsg: "promote" }),
      );
    });
  });

  it("needs the catalog primary alive", () => {
    expectDisabled(cfg, build(cfg, ...acting("s"), inst(0, 1, { alive: false })), rebalance);
  });
});

describe("AddMirror", () => {
  const later = config({ contents: 2, txns: 2, faults: 1, mirroring: "addLater" });
  const add = { type: "AddMirror", content: 0 } as const;

  it("creates instance 1 from a base backup, alive as m with sync rep off; catalog {0,false,n}", () => {
    const s = build(later, inst(0, 0, { wal: [1] }), txn(1, "waiting", 0, 2), globals({ nextTxn: 2 }));
    const after = expectEffect(
      later,
      s,
      add,
      inst(0, 1, { role: "m", alive: true, wal: [1], syncRep: false, syncRepEffective: false }),
      content(0, { hasMirror: true, link: "up", walSenderStreaming: false }),
      catalog(0, { primary: 0, mirrorUp: false, mode: "n" }),
    );
    // Content 1 is untouched and the new mirror is now a streaming target.
    expect(after.contents[1]).toEqual(s.contents[1]);
    expectEnabled(later, after, { type: "WalSenderCaughtUp", content: 0 });
  });

  it("starts a new replication connection: walSenderStreaming false and link up even if a hand-built state said otherwise", () => {
    const s = build(later, content(0, { walSenderStreaming: true, link: "down" }));
    expectEffect(
      later,
      s,
      add,
      inst(0, 1, { role: "m", alive: true, wal: [], syncRep: false, syncRepEffective: false }),
      content(0, { hasMirror: true, link: "up", walSenderStreaming: false }),
    );
  });

  it("only with mirroring=addLater", () => {
    const enabled = config({ contents: 2, txns: 2, faults: 1 });
    expectDisabled(enabled, build(enabled, content(0, { hasMirror: false })), add);
    const disabled = config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" });
    expectDisabled(disabled, build(disabled), add);
  });

  it("only once per content", () => {
    const s = run(later, build(later), add);
    expectDisabled(later, s, add);
    expectEnabled(later, s, { type: "AddMirror", content: 1 });
  });

  it("needs instance 0 alive with role p", () => {
    expectDisabled(later, build(later, inst(0, 0, { alive: false })), add);
    expectDisabled(later, build(later, inst(0, 0, { role: "m" })), add);
  });
});
