/** PROTOCOL.md section 4, Clients: ClientCommit and CommitAck. */
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
  syncRep,
  txn,
} from "./builders.js";

// Two contents: dbids 2 (c0 i0), 3 (c1 i0), 4 (c0 i1), 5 (c1 i1).
const cfg = config({ contents: 2, txns: 2, faults: 2 });

describe("ClientCommit", () => {
  it("is enabled on the initial state for every content", () => {
    const s = build(cfg);
    expectEnabled(cfg, s, { type: "ClientCommit", content: 0 });
    expectEnabled(cfg, s, { type: "ClientCommit", content: 1 });
  });

  it("is disabled once every txn is used (nextTxn > W)", () => {
    const used = build(cfg, globals({ nextTxn: 3 }));
    expectDisabled(cfg, used, { type: "ClientCommit", content: 0 });
    expectDisabled(cfg, used, { type: "ClientCommit", content: 1 });
    expectEnabled(cfg, build(cfg, globals({ nextTxn: 2 })), { type: "ClientCommit", content: 0 });
  });

  it("is disabled when the catalog primary is dead, only for that content", () => {
    const s = build(cfg, inst(0, 0, { alive: false }));
    expectDisabled(cfg, s, { type: "ClientCommit", content: 0 });
    expectEnabled(cfg, s, { type: "ClientCommit", content: 1 });
  });

  it("is disabled when the catalog primary runs as m (PROMOTE not delivered yet)", () => {
    const s = build(cfg, inst(0, 0, { alive: false }), catalog(0, { primary: 1, mirrorUp: false, mode: "n" }));
    expectDisabled(cfg, s, { type: "ClientCommit", content: 0 });
  });

  it("follows the catalog, not the roles: an alive p that is not the catalog primary does not matter", () => {
    // Zombie instance 0 runs as p, but the catalog names instance 1 which runs as m.
    const s = build(cfg, catalog(0, { primary: 1, mirrorUp: false, mode: "n" }));
    expectDisabled(cfg, s, { type: "ClientCommit", content: 0 });
  });

  it("with mirroring disabled, is disabled on every content when another content's primary is down", () => {
    const off = config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" });
    const s = build(off, inst(1, 0, { alive: false }));
    expectDisabled(off, s, { type: "ClientCommit", content: 0 });
    expectDisabled(off, s, { type: "ClientCommit", content: 1 });
    expectEnabled(off, build(off), { type: "ClientCommit", content: 0 });
    // With mirroring enabled, the same failure stops only its own content.
    const s2 = build(cfg, inst(1, 0, { alive: false }));
    expectEnabled(cfg, s2, { type: "ClientCommit", content: 0 });
    // With addLater too: the rule is only for mirroring=disabled.
    const later = config({ contents: 2, txns: 2, faults: 1, mirroring: "addLater" });
    expectEnabled(later, build(later, inst(1, 0, { alive: false })), { type: "ClientCommit", content: 0 });
  });

  it("appends t to the catalog primary's WAL, makes t waiting with content and dbid, and bumps nextTxn", () => {
    const s0 = build(cfg);
    const s1 = expectEffect(
      cfg,
      s0,
      { type: "ClientCommit", content: 1 },
      inst(1, 0, { wal: [1] }),
      txn(1, "waiting", 1, 3),
      globals({ nextTxn: 2 }),
    );
    expectEffect(
      cfg,
      s1,
      { type: "ClientCommit", content: 1 },
      inst(1, 0, { wal: [1, 2] }),
      txn(2, "waiting", 1, 3),
      globals({ nextTxn: 3 }),
    );
  });

  it("writes on instance 1 (dbid 2+K+c) when it is the catalog primary", () => {
    const s = build(
      cfg,
      inst(0, 0, { alive: false }),
      inst(0, 1, { role: "p", wal: [] }),
      syncRep(0, 1, false),
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      content(0, { walSenderStreaming: false }),
    );
    expectEffect(
      cfg,
      s,
      { type: "ClientCommit", content: 0 },
      inst(0, 1, { wal: [1] }),
      txn(1, "waiting", 0, 4),
      globals({ nextTxn: 2 }),
    );
  });
});

describe("CommitAck", () => {
  // Content 0: txn 1 written on dbid 2 (instance 0), mirror has not flushed it.
  const waiting = build(cfg, inst(0, 0, { wal: [1] }), txn(1, "waiting", 0, 2), globals({ nextTxn: 2 }));
  const ack = { type: "CommitAck", txn: 1 } as const;

  it("is disabled for a txn that is not waiting", () => {
    expectDisabled(cfg, build(cfg), ack);
    expectDisabled(cfg, build(cfg, inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [1] }), txn(1, "acked", 0, 2)), ack);
    expectDisabled(cfg, build(cfg, inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [1] }), txn(1, "failed", 0, 2)), ack);
  });

  it("with sync rep off, is enabled without the mirror and only marks t acked", () => {
    const s = build(cfg, inst(0, 0, { wal: [1] }), syncRep(0, 0, false), txn(1, "waiting", 0, 2), globals({ nextTxn: 2 }));
    expectEffect(cfg, s, ack, txn(1, "acked", 0, 2));
  });

  it("with sync rep in force, waits until the mirror has t in its WAL", () => {
    expectDisabled(cfg, waiting, ack);
    const flushed = build(
      cfg,
      inst(0, 0, { wal: [1] }),
      inst(0, 1, { wal: [1] }),
      txn(1, "waiting", 0, 2),
      globals({ nextTxn: 2 }),
    );
    expectEffect(cfg, flushed, ack, txn(1, "acked", 0, 2));
  });

  it("waits for t itself, not for any record: a mirror holding an earlier txn is not enough", () => {
    const s = build(
      cfg,
      inst(0, 0, { wal: [1, 2] }),
      inst(0, 1, { wal: [1] }),
      txn(1, "acked", 0, 2),
      txn(2, "waiting", 0, 2),
      globals({ nextTxn: 3 }),
    );
    expectDisabled(cfg, s, { type: "CommitAck", txn: 2 });
  });

  it("is enabled when the mirror has t even if the mirror is now dead or the link is down", () => {
    const dead = build(
      cfg,
      inst(0, 0, { wal: [1] }),
      inst(0, 1, { wal: [1], alive: false }),
      content(0, { walSenderStreaming: false }),
      txn(1, "waiting", 0, 2),
      globals({ nextTxn: 2 }),
    );
    expectEffect(cfg, dead, ack, txn(1, "acked", 0, 2));
    const cut = build(
      cfg,
      inst(0, 0, { wal: [1] }),
      inst(0, 1, { wal: [1] }),
      content(0, { link: "down", walSenderStreaming: false }),
      txn(1, "waiting", 0, 2),
      globals({ nextTxn: 2 }),
    );
    expectEffect(cfg, cut, ack, txn(1, "acked", 0, 2));
  });

  it("with sync rep in force, needs the peer to have role m (a promoted peer holding t does not count)", () => {
    const s = build(
      cfg,
      inst(0, 0, { wal: [1] }),
      inst(0, 1, { wal: [1], role: "p" }),
      syncRep(0, 1, false),
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      content(0, { walSenderStreaming: false }),
      txn(1, "waiting", 0, 2),
      globals({ nextTxn: 2 }),
    );
    expectDisabled(cfg, s, ack);
  });

  it("with sync rep in force, needs the peer to exist (a mirrorless content never acks)", () => {
    const later = config({ contents: 1, txns: 2, faults: 1, mirroring: "addLater" });
    // Hand-built: the placeholder of the missing mirror holds t; it must still not count.
    const s = build(
      later,
      inst(0, 0, { wal: [1] }),
      syncRep(0, 0, true),
      inst(0, 1, { wal: [1], role: "m" }),
      txn(1, "waiting", 0, 2),
      globals({ nextTxn: 2 }),
    );
    expectDisabled(later, s, ack);
  });

  it("is disabled when the writer is dead", () => {
    const s = build(
      cfg,
      inst(0, 0, { wal: [1], alive: false }),
      inst(0, 1, { wal: [1] }),
      content(0, { walSenderStreaming: false }),
      txn(1, "waiting", 0, 2),
      globals({ nextTxn: 2 }),
    );
    expectDisabled(cfg, s, ack);
    const off = build(
      cfg,
      inst(0, 0, { wal: [1], alive: false }),
      syncRep(0, 0, false),
      txn(1, "waiting", 0, 2),
      globals({ nextTxn: 2 }),
    );
    expectDisabled(cfg, off, ack);
  });

  it("is disabled when the writer now runs as a mirror", () => {
    const s = build(
      cfg,
      inst(0, 0, { wal: [1], role: "m" }),
      syncRep(0, 0, false),
      inst(0, 1, { wal: [1] }),
      txn(1, "waiting", 0, 2),
      globals({ nextTxn: 2 }),
    );
    expectDisabled(cfg, s, ack);
  });

  it("acks a txn written by instance 1 (dbid 4) when instance 0 runs as m and has it", () => {
    const s = build(
      cfg,
      inst(0, 1, { role: "p", wal: [1] }),
      syncRep(0, 1, true),
      inst(0, 0, { role: "m", wal: [] }),
      syncRep(0, 0, false),
      catalog(0, { primary: 1, mirrorUp: true, mode: "n" }),
      content(0, { walSenderStreaming: false }),
      txn(1, "waiting", 0, 4),
      globals({ nextTxn: 2 }),
    );
    expectDisabled(cfg, s, ack);
    const flushed = build(
      cfg,
      inst(0, 1, { role: "p", wal: [1] }),
      syncRep(0, 1, true),
      inst(0, 0, { role: "m", wal: [1] }),
      syncRep(0, 0, false),
      catalog(0, { primary: 1, mirrorUp: true, mode: "n" }),
      content(0, { walSenderStreaming: false }),
      txn(1, "waiting", 0, 4),
      globals({ nextTxn: 2 }),
    );
    expectEffect(cfg, flushed, ack, txn(1, "acked", 0, 4));
  });

  describe("with safeguard commitWaitsForMirror off", () => {
    const bug = config({ contents: 2, txns: 2, faults: 2, off: ["commitWaitsForMirror"] });

    it("is enabled regardless of the mirror", () => {
      const s = build(bug, inst(0, 0, { wal: [1] }), txn(1, "waiting", 0, 2), globals({ nextTxn: 2 }));
      expectEffect(bug, s, ack, txn(1, "acked", 0, 2));
      const promotedPeer = build(
        bug,
        inst(0, 0, { wal: [1] }),
        inst(0, 1, { role: "p" }),
        txn(1, "waiting", 0, 2),
        globals({ nextTxn: 2 }),
      );
      expectEffect(bug, promotedPeer, ack, txn(1, "acked", 0, 2));
    });

    it("still needs the writer alive with role p", () => {
      expectDisabled(
        bug,
        build(bug, inst(0, 0, { wal: [1], alive: false }), txn(1, "waiting", 0, 2), globals({ nextTxn: 2 })),
        ack,
      );
      expectDisabled(
        bug,
        build(bug, inst(0, 0, { wal: [1], role: "m" }), txn(1, "waiting", 0, 2), globals({ nextTxn: 2 })),
        ack,
      );
    });
  });

  describe("reads the setting in force (syncRepEffective), not the persisted one", () => {
    const deferred = config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" });

    it("syncRep=true but not in force yet: does not wait for the mirror", () => {
      const s = build(
        deferred,
        inst(0, 0, { wal: [1] }),
        syncRep(0, 0, true, false),
        txn(1, "waiting", 0, 2),
        globals({ nextTxn: 2 }),
      );
      expectEffect(deferred, s, ack, txn(1, "acked", 0, 2));
    });

    it("syncRep=false but still in force: waits for the mirror", () => {
      const s = build(
        deferred,
        inst(0, 0, { wal: [1] }),
        syncRep(0, 0, false, true),
        txn(1, "waiting", 0, 2),
        globals({ nextTxn: 2 }),
      );
      expectDisabled(deferred, s, ack);
    });
  });

  it("does not read other txns: each txn is acked independently", () => {
    const s = build(
      cfg,
      inst(0, 0, { wal: [1] }),
      inst(1, 0, { wal: [2] }),
      inst(1, 1, { wal: [2] }),
      txn(1, "waiting", 0, 2),
      txn(2, "waiting", 1, 3),
      globals({ nextTxn: 3 }),
    );
    expectDisabled(cfg, s, { type: "CommitAck", txn: 1 });
    expectEffect(cfg, s, { type: "CommitAck", txn: 2 }, txn(2, "acked", 1, 3));
    expect(s.txns[0].status).toBe("waiting");
  });
});
