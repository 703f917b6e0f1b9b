/** PROTOCOL.md section 4, Faults and restarts; and the rule that absent instances take part in nothing. */
import { describe, expect, it } from "vitest";
import {
  ACTION_ARG,
  allActions,
  dbidOf,
  formatAction,
  instanceOfDbid,
  type Action,
  type Config,
  type State,
} from "../../model/index.js";
import {
  build,
  catalog,
  config,
  content,
  enabledNames,
  expectDisabled,
  expectEffect,
  expectEnabled,
  explore,
  findActionOrUndefined,
  globals,
  inst,
  run,
  syncRep,
  txn,

} from "./builders.js";

// Two contents: dbids 2 (c0 i0), 3 (c1 i0), 4 (c0 i1), 5 (c1 i1).
const cfg = config({ contents: 2, txns: 3, faults: 2 });

/** Dbids of the existing instances that are not alive, ascending. */
function deadDbids(c: Config, s: State): number[] {
  const out: number[] = [];
  for (let dbid = 2; dbid < 2 + 2 * c.contents; dbid++) {
    const where = instanceOfDbid(c, dbid)!;
    const x = s.contents[where.content];
    if ((where.index === 0 || x.hasMirror) && !x.instances[where.index].alive) out.push(dbid);
  }
  return out;
}

describe("SegmentCrash", () => {
  // txn 1 waits on dbid 2, txn 2 waits on dbid 3, txn 3 acked on dbid 2.
  const busy = build(
    cfg,
    inst(0, 0, { wal: [1, 3] }),
    inst(0, 1, { wal: [1, 3] }),
    inst(1, 0, { wal: [2] }),
    txn(1, "waiting", 0, 2),
    txn(2, "waiting", 1, 3),
    txn(3, "acked", 0, 2),
    globals({ nextTxn: 4 }),
  );

  it("stops the instance, fails exactly the waiters of that dbid, ends streaming, keeps role and WAL, spends a fault", () => {
    expectEffect(
      cfg,
      busy,
      { type: "SegmentCrash", dbid: 2 },
      inst(0, 0, { alive: false }),
      txn(1, "failed", 0, 2),
      content(0, { walSenderStreaming: false }),
      globals({ faults: 1 }),
    );
  });

  it("crashing the other content's primary fails only its own waiters", () => {
    expectEffect(
      cfg,
      busy,
      { type: "SegmentCrash", dbid: 3 },
      inst(1, 0, { alive: false }),
      txn(2, "failed", 1, 3),
      content(1, { walSenderStreaming: false }),
      globals({ faults: 1 }),
    );
  });

  it("crashing a mirror fails no waiter (none is on it) and ends streaming of its content", () => {
    expectEffect(
      cfg,
      busy,
      { type: "SegmentCrash", dbid: 4 },
      inst(0, 1, { alive: false }),
      content(0, { walSenderStreaming: false }),
      globals({ faults: 1 }),
    );
  });

  it("keeps a promoted instance's role p", () => {
    const s = build(
      cfg,
      inst(0, 0, { alive: false }),
      inst(0, 1, { role: "p" }),
      syncRep(0, 1, false),
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      content(0, { walSenderStreaming: false }),
      globals({ faults: 1 }),
    );
    expectEffect(cfg, s, { type: "SegmentCrash", dbid: 4 }, inst(0, 1, { alive: false }), globals({ faults: 2 }));
  });

  it("needs budget left and an alive instance", () => {
    expectDisabled(cfg, build(cfg, globals({ faults: 2 })), { type: "SegmentCrash", dbid: 2 });
    expectEnabled(cfg, build(cfg, globals({ faults: 1 })), { type: "SegmentCrash", dbid: 2 });
    expectDisabled(cfg, build(cfg, inst(0, 0, { alive: false })), { type: "SegmentCrash", dbid: 2 });
  });
});

describe("HostCrash", () => {
  describe("group, K=2, H=2 (host 0: dbids 2 and 5; host 1: dbids 3 and 4)", () => {
    const hc = config({ contents: 2, txns: 2, faults: 2, hosts: { count: 2, placement: "group" } });

    it("stops every alive instance on the host for one fault and fails their waiters", () => {
      const s = build(
        hc,
        inst(0, 0, { wal: [1] }),
        inst(1, 0, { wal: [2] }),
        txn(1, "waiting", 0, 2),
        txn(2, "waiting", 1, 3),
        globals({ nextTxn: 3 }),
      );
      const after = expectEffect(
        hc,
        s,
        { type: "HostCrash", host: 0 },
        inst(0, 0, { alive: false }),
        inst(1, 1, { alive: false }),
        txn(1, "failed", 0, 2),
        content(0, { walSenderStreaming: false }),
        content(1, { walSenderStreaming: false }),
        globals({ faults: 1 }),
      );
      expect(deadDbids(hc, after)).toEqual([2, 5]);
      const other = run(hc, s, { type: "HostCrash", host: 1 });
      expect(deadDbids(hc, other)).toEqual([3, 4]);
      expect(other.faults).toBe(1);
      expect(other.txns.map((t) => t.status)).toEqual(["waiting", "failed"]);
    });

    it("stops only what is still alive on a partly dead host", () => {
      const s = build(hc, inst(1, 1, { alive: false }), content(1, { walSenderStreaming: false }), globals({ faults: 1 }));
      expectEffect(
        hc,
        s,
        { type: "HostCrash", host: 0 },
        inst(0, 0, { alive: false }),
        content(0, { walSenderStreaming: false }),
        globals({ faults: 2 }),
      );
    });

    it("is disabled when nothing on the host is alive, or the budget is spent", () => {
      const s = build(hc, inst(0, 0, { alive: false }), inst(1, 1, { alive: false }));
      expectDisabled(hc, s, { type: "HostCrash", host: 0 });
      expectEnabled(hc, s, { type: "HostCrash", host: 1 });
      expectDisabled(hc, build(hc, globals({ faults: 2 })), { type: "HostCrash", host: 0 });
    });

    it("ignores a host's mirrors that do not exist yet (addLater)", () => {
      const later = config({ contents: 2, txns: 1, faults: 2, mirroring: "addLater", hosts: { count: 2, placement: "group" } });
      // Host 0 holds dbid 2 (dead) and dbid 5 (mirror of content 1, absent): nothing alive there.
      const s = build(later, inst(0, 0, { alive: false }), inst(1, 1, { alive: true }));
      expectDisabled(later, s, { type: "HostCrash", host: 0 });
      // Host 1 holds dbid 3 (alive) and dbid 4 (absent): only dbid 3 stops.
      const t = build(later, inst(0, 1, { alive: true }));
      expectEffect(later, t, { type: "HostCrash", host: 1 }, inst(1, 0, { alive: false }), globals({ faults: 1 }));
    });
  });

  it("group, K=6, H=3: host 0 stops primaries of contents 0,1 and mirrors of contents 4,5 (dbids 2,3,12,13)", () => {
    const g = config({ contents: 6, txns: 0, faults: 1, hosts: { count: 3, placement: "group" } });
    const s = run(g, build(g), { type: "HostCrash", host: 0 });
    expect(deadDbids(g, s)).toEqual([2, 3, 12, 13]);
    expect(s.faults).toBe(1);
    expect(deadDbids(g, run(g, build(g), { type: "HostCrash", host: 1 }))).toEqual([4, 5, 8, 9]);
    expect(deadDbids(g, run(g, build(g), { type: "HostCrash", host: 2 }))).toEqual([6, 7, 10, 11]);
    expect(s.contents.map((x) => x.walSenderStreaming)).toEqual([false, false, true, true, false, false]);
  });

  it("spread, K=6, H=3: host 0 stops primaries of contents 0,1 and mirrors of contents 3,4 (dbids 2,3,11,12)", () => {
    const sp = config({ contents: 6, txns: 0, faults: 1, hosts: { count: 3, placement: "spread" } });
    const s = run(sp, build(sp), { type: "HostCrash", host: 0 });
    expect(deadDbids(sp, s)).toEqual([2, 3, 11, 12]);
    expect(s.faults).toBe(1);
    expect(deadDbids(sp, run(sp, build(sp), { type: "HostCrash", host: 1 }))).toEqual([4, 5, 8, 13]);
    expect(deadDbids(sp, run(sp, build(sp), { type: "HostCrash", host: 2 }))).toEqual([6, 7, 9, 10]);
  });

  it("is not available without hosts", () => {
    expect(findActionOrUndefined(cfg, { type: "HostCrash", host: 0 })).toBeUndefined();
    expect(allActions(cfg).some((b) => b.action.type === "HostCrash")).toBe(false);
    const hc = config({ contents: 2, txns: 2, faults: 2, hosts: { count: 2, placement: "group" } });
    expect(allActions(hc).filter((b) => b.action.type === "HostCrash").map((b) => formatAction(b.action))).toEqual([
      "HostCrash host=0",
      "HostCrash host=1",
    ]);
  });
});

describe("LinkCut / LinkHeal", () => {
  it("LinkCut: link down, walsender not streaming, one fault", () => {
    expectEffect(
      cfg,
      build(cfg),
      { type: "LinkCut", content: 1 },
      content(1, { link: "down", walSenderStreaming: false }),
      globals({ faults: 1 }),
    );
  });

  it("LinkCut needs a mirror, the link up, and budget", () => {
    expectDisabled(cfg, build(cfg, content(0, { link: "down", walSenderStreaming: false })), { type: "LinkCut", content: 0 });
    expectDisabled(cfg, build(cfg, globals({ faults: 2 })), { type: "LinkCut", content: 0 });
    const later = config({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" });
    expectDisabled(later, build(later), { type: "LinkCut", content: 0 });
  });

  it("LinkHeal: link up, nothing else (the new connection starts in CATCHUP); not a fault", () => {
    const s = build(cfg, content(0, { link: "down", walSenderStreaming: false }), globals({ faults: 2 }));
    expectEffect(cfg, s, { type: "LinkHeal", content: 0 }, content(0, { link: "up" }));
    expectDisabled(cfg, build(cfg), { type: "LinkHeal", content: 0 });
  });
});

describe("SegmentRestart", () => {
  const deferred = config({ contents: 2, txns: 3, faults: 2, syncRepReload: "deferred" });

  it("restarts in the old role and puts the persisted sync rep in force; not a fault", () => {
    // Deferred: SYNCREP_OFF was written but not reloaded when the primary crashed.
    const s = build(
      deferred,
      inst(0, 0, { alive: false }),
      syncRep(0, 0, false, true),
      content(0, { walSenderStreaming: false }),
      globals({ faults: 2 }),
    );
    expectEffect(deferred, s, { type: "SegmentRestart", dbid: 2 }, inst(0, 0, { alive: true }), syncRep(0, 0, false, false));
    const on = build(deferred, inst(0, 0, { alive: false }), syncRep(0, 0, true, false), content(0, { walSenderStreaming: false }));
    expectEffect(deferred, on, { type: "SegmentRestart", dbid: 2 }, inst(0, 0, { alive: true }), syncRep(0, 0, true, true));
  });

  it("restarts a mirror as m, keeping its WAL; walSenderStreaming stays false", () => {
    const s = build(cfg, inst(0, 0, { wal: [1, 2] }), inst(0, 1, { alive: false, wal: [1] }), content(0, { walSenderStreaming: false }));
    expectEffect(cfg, s, { type: "SegmentRestart", dbid: 4 }, inst(0, 1, { alive: true }));
  });

  it("a crashed old primary restarts as p after its mirror was promoted: a zombie", () => {
    const s = build(
      cfg,
      inst(0, 0, { alive: false, wal: [1, 2] }),
      inst(0, 1, { role: "p", wal: [1] }),
      syncRep(0, 1, false),
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      content(0, { walSenderStreaming: false }),
      txn(1, "acked", 0, 2),
      txn(2, "failed", 0, 2),
      globals({ nextTxn: 3, faults: 1 }),
    );
    const zombie = expectEffect(cfg, s, { type: "SegmentRestart", dbid: 2 }, inst(0, 0, { alive: true }));
    expect(zombie.contents[0].instances.map((x) => [x.role, x.alive])).toEqual([
      ["p", true],
      ["p", true],
    ]);
    // The coordinator sends work to the catalog primary (dbid 4), not to the zombie.
    expectEffect(
      cfg,
      zombie,
      { type: "ClientCommit", content: 0 },
      inst(0, 1, { wal: [1, 3] }),
      txn(3, "waiting", 0, 4),
      globals({ nextTxn: 4 }),
    );
  });

  it("is disabled on an alive instance", () => {
    expectDisabled(cfg, build(cfg), { type: "SegmentRestart", dbid: 2 });
    expectDisabled(cfg, build(cfg), { type: "SegmentRestart", dbid: 5 });
  });
});

describe("an instance that does not exist takes part in no action", () => {
  const dbidActions = (Object.keys(ACTION_ARG) as Action["type"][]).filter((t) => ACTION_ARG[t] === "dbid");

  it("the dbid actions are SegmentCrash, SegmentRestart and ConfigReload", () => {
    expect(dbidActions.sort()).toEqual(["ConfigReload", "SegmentCrash", "SegmentRestart"]);
  });

  for (const mirroring of ["disabled", "addLater"] as const) {
    it(`mirroring=${mirroring}: initial state enables nothing on the mirror dbids`, () => {
      const c = config({ contents: 2, txns: 2, faults: 1, mirroring, syncRepReload: "deferred" });
      const names = enabledNames(c, build(c));
      expect(names).toContain("SegmentCrash dbid=2");
      expect(names).toContain("SegmentCrash dbid=3");
      expect(names.filter((n) => n.endsWith("dbid=4") || n.endsWith("dbid=5"))).toEqual([]);
    });

    it(`mirroring=${mirroring}: a hand-built placeholder that looks alive/stopped/reloadable is still ignored`, () => {
      const c = config({ contents: 1, txns: 1, faults: 1, mirroring, syncRepReload: "deferred" });
      const stopped = build(c, inst(0, 1, { alive: false, syncRep: true, syncRepEffective: false }));
      expectDisabled(c, stopped, { type: "SegmentRestart", dbid: 3 });
      const running = build(c, inst(0, 1, { alive: true, syncRep: true, syncRepEffective: false }));
      expectDisabled(c, running, { type: "SegmentCrash", dbid: 3 });
      expectDisabled(c, running, { type: "ConfigReload", dbid: 3 });
      // The existing instance is unaffected by the rule.
      expectEnabled(c, build(c), { type: "SegmentCrash", dbid: 2 });
    });

    it(`mirroring=${mirroring}: no reachable state enables an action over a missing mirror`, () => {
      const c = config({ contents: 1, txns: 1, faults: 1, mirroring, syncRepReload: "deferred" });
      const { states, edges } = explore(c);
      const offending: string[] = [];
      states.forEach((s, i) => {
        if (s.contents[0].hasMirror) return;
        for (const [b] of edges[i]) {
          const a = b.action as { type: string; dbid?: number; content?: number };
          const mirrorDbid = dbidOf(c, 0, 1);
          const mirrorOnly = ["LinkCut", "LinkHeal", "FtsProbe", "FtsProbeTimeout", "RecoverIncremental", "RecoverFull", "Rebalance", "WalStream", "WalSenderCaughtUp", "PrimaryEnableSyncRep"];
          if (a.dbid === mirrorDbid || mirrorOnly.includes(a.type)) offending.push(formatAction(b.action));
        }
      });
      expect(offending).toEqual([]);
      if (mirroring === "addLater") expect(states.some((s) => s.contents[0].hasMirror)).toBe(true);
    });
  }

  it("after AddMirror, the mirror dbid takes part", () => {
    const c = config({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" });
    const s = run(c, build(c), { type: "AddMirror", content: 0 });
    expectEnabled(c, s, { type: "SegmentCrash", dbid: 3 });
  });
});

