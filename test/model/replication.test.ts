/** PROTOCOL.md section 2 (streams and friends) and section 4, Replication. */
import { describe, expect, it } from "vitest";
import {
  caughtUp,
  inSyncSeenBy,
  mirrorUpSeenBy,
  streamSource,
  streams,
  type State,
} from "../../model/index.js";
import {
  build,
  catalog,
  config,
  content,
  expectDisabled,
  expectEffect,
  expectEnabled,
  inst,
  run,
  syncRep,
  type Recipe,
} from "./builders.js";

const cfg = config({ contents: 1, txns: 3, faults: 2 });
const c0 = (s: State) => s.contents[0];
/** Content 0 after a failover: instance 1 runs as p and is catalog primary, instance 0 runs as m. */
const failedOver: Recipe[] = [
  inst(0, 0, { role: "m" }),
  syncRep(0, 0, false),
  inst(0, 1, { role: "p" }),
  catalog(0, { primary: 1, mirrorUp: true, mode: "n" }),
  content(0, { walSenderStreaming: false }),
];

describe("streams / streamSource", () => {
  it("initial state: instance 0 is the source, caught up", () => {
    const s = build(cfg);
    expect(streamSource(c0(s))).toBe(0);
    expect(streams(c0(s))).toBe(true);
    expect(caughtUp(c0(s))).toBe(true);
    expect(mirrorUpSeenBy(c0(s))).toBe(true);
    expect(inSyncSeenBy(c0(s))).toBe(true);
  });

  it("a strict prefix streams but is not caught up", () => {
    const s = build(cfg, inst(0, 0, { wal: [1, 2] }), inst(0, 1, { wal: [1] }));
    expect(streamSource(c0(s))).toBe(0);
    expect(caughtUp(c0(s))).toBe(false);
  });

  it("an equal WAL counts as a prefix and is caught up", () => {
    const s = build(cfg, inst(0, 0, { wal: [1, 2] }), inst(0, 1, { wal: [1, 2] }));
    expect(streamSource(c0(s))).toBe(0);
    expect(caughtUp(c0(s))).toBe(true);
  });

  it("the source is whichever instance runs as p", () => {
    const s = build(cfg, ...failedOver, inst(0, 1, { wal: [1, 3] }), inst(0, 0, { wal: [1] }));
    expect(streamSource(c0(s))).toBe(1);
    expect(mirrorUpSeenBy(c0(s))).toBe(true);
    // The same pair seen from a catalog that still names instance 0: not up as the catalog primary sees it.
    const stale = build(cfg, ...failedOver, catalog(0, { primary: 0 }));
    expect(streamSource(c0(stale))).toBe(1);
    expect(mirrorUpSeenBy(c0(stale))).toBe(false);
    expect(inSyncSeenBy(c0(stale))).toBe(false);
  });

  const notStreaming: [string, Recipe[]][] = [
    ["both p", [inst(0, 1, { role: "p" })]],
    ["both m", [inst(0, 0, { role: "m" })]],
    ["source dead", [inst(0, 0, { alive: false })]],
    ["target dead", [inst(0, 1, { alive: false })]],
    ["link down", [content(0, { link: "down" })]],
    ["target WAL diverged", [inst(0, 0, { wal: [1, 2] }), inst(0, 1, { wal: [1, 3] })]],
    ["target WAL longer", [inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [1, 2] })]],
    ["target WAL different first record", [inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [2] })]],
  ];
  for (const [name, recipes] of notStreaming) {
    it(`does not stream: ${name}`, () => {
      const s = build(cfg, ...recipes);
      expect(streamSource(c0(s))).toBe(-1);
      expect(streams(c0(s))).toBe(false);
      expect(caughtUp(c0(s))).toBe(false);
      expect(mirrorUpSeenBy(c0(s))).toBe(false);
      expect(inSyncSeenBy(c0(s))).toBe(false);
    });
  }

  it("does not stream without a mirror, whatever the placeholder holds", () => {
    const later = config({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" });
    const s = build(later, inst(0, 1, { alive: true, role: "m" }));
    expect(streamSource(c0(s))).toBe(-1);
  });

  it("inSyncSeenBy needs walSenderStreaming", () => {
    const s = build(cfg, content(0, { walSenderStreaming: false }));
    expect(mirrorUpSeenBy(c0(s))).toBe(true);
    expect(inSyncSeenBy(c0(s))).toBe(false);
  });
});

describe("WalStream", () => {
  const ahead = build(
    cfg,
    inst(0, 0, { wal: [1, 2] }),
    content(0, { walSenderStreaming: true }),
  );

  it("appends exactly the next record of the source, one at a time", () => {
    const s1 = expectEffect(cfg, ahead, { type: "WalStream", content: 0 }, inst(0, 1, { wal: [1] }));
    const s2 = expectEffect(cfg, s1, { type: "WalStream", content: 0 }, inst(0, 1, { wal: [1, 2] }));
    expectDisabled(cfg, s2, { type: "WalStream", content: 0 });
  });

  it("streams from instance 1 to instance 0 after a failover", () => {
    const s = build(cfg, ...failedOver, inst(0, 1, { wal: [1, 3] }), inst(0, 0, { wal: [1] }));
    expectEffect(cfg, s, { type: "WalStream", content: 0 }, inst(0, 0, { wal: [1, 3] }));
  });

  it("keeps walSenderStreaming as it is (a lag does not end STREAMING; streaming does not start it)", () => {
    const notYet = build(cfg, inst(0, 0, { wal: [1] }), content(0, { walSenderStreaming: false }));
    expectEffect(cfg, notYet, { type: "WalStream", content: 0 }, inst(0, 1, { wal: [1] }));
  });

  it("is disabled when caught up or when the content does not stream", () => {
    expectDisabled(cfg, build(cfg), { type: "WalStream", content: 0 });
    expectDisabled(cfg, build(cfg, inst(0, 0, { wal: [1] }), content(0, { link: "down" })), { type: "WalStream", content: 0 });
    expectDisabled(cfg, build(cfg, inst(0, 0, { wal: [1] }), inst(0, 1, { alive: false })), { type: "WalStream", content: 0 });
    expectDisabled(cfg, build(cfg, inst(0, 0, { wal: [1, 2] }), inst(0, 1, { wal: [2] })), { type: "WalStream", content: 0 });
  });
});

describe("WalSenderCaughtUp", () => {
  it("is enabled when caught up and not streaming; sets walSenderStreaming only", () => {
    const s = build(cfg, inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [1] }), content(0, { walSenderStreaming: false }));
    expectEffect(cfg, s, { type: "WalSenderCaughtUp", content: 0 }, content(0, { walSenderStreaming: true }));
  });

  it("is disabled when already streaming", () => {
    expectDisabled(cfg, build(cfg), { type: "WalSenderCaughtUp", content: 0 });
  });

  it("is disabled while the mirror lags or the pair does not stream", () => {
    const off = content(0, { walSenderStreaming: false });
    expectDisabled(cfg, build(cfg, off, inst(0, 0, { wal: [1] })), { type: "WalSenderCaughtUp", content: 0 });
    expectDisabled(cfg, build(cfg, off, content(0, { link: "down" })), { type: "WalSenderCaughtUp", content: 0 });
    expectDisabled(cfg, build(cfg, off, inst(0, 1, { alive: false })), { type: "WalSenderCaughtUp", content: 0 });
    expectDisabled(cfg, build(cfg, off, inst(0, 1, { role: "p" })), { type: "WalSenderCaughtUp", content: 0 });
  });
});

describe("ConfigReload", () => {
  const deferred = config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" });

  it("does not exist in effect with immediate reload, even on a hand-built difference", () => {
    const s = build(cfg, syncRep(0, 0, false, true));
    expectDisabled(cfg, s, { type: "ConfigReload", dbid: 2 });
  });

  it("with deferred reload, copies syncRep into syncRepEffective (both directions)", () => {
    const on = build(deferred, syncRep(0, 0, true, false));
    expectEffect(deferred, on, { type: "ConfigReload", dbid: 2 }, syncRep(0, 0, true, true));
    const off = build(deferred, syncRep(0, 0, false, true));
    expectEffect(deferred, off, { type: "ConfigReload", dbid: 2 }, syncRep(0, 0, false, false));
    const mirror = build(deferred, syncRep(0, 1, true, false));
    expectEffect(deferred, mirror, { type: "ConfigReload", dbid: 3 }, syncRep(0, 1, true, true));
  });

  it("is disabled when the setting in force equals the persisted one", () => {
    const s = build(deferred);
    expectDisabled(deferred, s, { type: "ConfigReload", dbid: 2 });
    expectDisabled(deferred, s, { type: "ConfigReload", dbid: 3 });
  });

  it("is disabled on a dead instance", () => {
    const s = build(deferred, syncRep(0, 0, true, false), inst(0, 0, { alive: false }));
    expectDisabled(deferred, s, { type: "ConfigReload", dbid: 2 });
  });
});

describe("PrimaryEnableSyncRep", () => {
  const bug = config({ contents: 1, txns: 2, faults: 2, off: ["syncRepOnBeforeInSync", "inSyncOnlyWhenCaughtUp"] });
  const streamingNoSyncRep = [syncRep(0, 0, false), catalog(0, { mode: "n" })];

  it("exists only with safeguard syncRepOnBeforeInSync off", () => {
    expectDisabled(cfg, build(cfg, ...streamingNoSyncRep), { type: "PrimaryEnableSyncRep", content: 0 });
    expectEnabled(bug, build(bug, ...streamingNoSyncRep), { type: "PrimaryEnableSyncRep", content: 0 });
  });

  it("turns the source's sync rep on, in force at once with immediate reload", () => {
    expectEffect(bug, build(bug, ...streamingNoSyncRep), { type: "PrimaryEnableSyncRep", content: 0 }, syncRep(0, 0, true, true));
  });

  it("with deferred reload, only the persisted setting changes", () => {
    const bugDeferred = config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred", off: ["syncRepOnBeforeInSync"] });
    const s = build(bugDeferred, ...streamingNoSyncRep);
    expectEffect(bugDeferred, s, { type: "PrimaryEnableSyncRep", content: 0 }, syncRep(0, 0, true, false));
  });

  it("acts on the source, which may be instance 1", () => {
    const s = build(bug, ...failedOver, syncRep(0, 1, false));
    expectEffect(bug, s, { type: "PrimaryEnableSyncRep", content: 0 }, syncRep(0, 1, true, true));
  });

  it("is disabled when the source already has sync rep on, or the content does not stream", () => {
    expectDisabled(bug, build(bug), { type: "PrimaryEnableSyncRep", content: 0 });
    expectDisabled(bug, build(bug, ...streamingNoSyncRep, content(0, { link: "down" })), { type: "PrimaryEnableSyncRep", content: 0 });
    expectDisabled(bug, build(bug, ...streamingNoSyncRep, inst(0, 1, { alive: false })), { type: "PrimaryEnableSyncRep", content: 0 });
  });
});

describe("setting sync rep: immediate vs deferred reload", () => {
  // Mirror dead, catalog already n: the probe reads row A (E true, mirror not up).
  const start: Recipe[] = [inst(0, 1, { alive: false }), catalog(0, { mirrorUp: false, mode: "n" }), content(0, { walSenderStreaming: false })];

  it("immediate: SYNCREP_OFF is in force at once", () => {
    const s = run(cfg, build(cfg, ...start), { type: "FtsProbe", content: 0 });
    expectEffect(cfg, s, { type: "FtsSendSyncRepOff", content: 0 }, syncRep(0, 0, false, false), content(0, { ftsMsg: "none" }));
  });

  it("deferred: SYNCREP_OFF changes the persisted setting; ConfigReload puts it in force", () => {
    const deferred = config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" });
    const s = run(deferred, build(deferred, ...start), { type: "FtsProbe", content: 0 });
    const sent = expectEffect(
      deferred,
      s,
      { type: "FtsSendSyncRepOff", content: 0 },
      syncRep(0, 0, false, true),
      content(0, { ftsMsg: "none" }),
    );
    expectEffect(deferred, sent, { type: "ConfigReload", dbid: 2 }, syncRep(0, 0, false, false));
  });

  it("deferred: the probe handler's sync rep on waits for a reload too", () => {
    const deferred = config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" });
    const s = build(deferred, syncRep(0, 0, false), catalog(0, { mirrorUp: false, mode: "n" }), content(0, { walSenderStreaming: false }));
    const probed = expectEffect(
      deferred,
      s,
      { type: "FtsProbe", content: 0 },
      syncRep(0, 0, true, false),
      catalog(0, { mirrorUp: true, mode: "n" }),
    );
    expectEffect(deferred, probed, { type: "ConfigReload", dbid: 2 }, syncRep(0, 0, true, true));
  });
});
