/** PROTOCOL.md section 5, safety properties: one good and one bad hand-built state each, exact messages. */
import { describe, expect, it } from "vitest";
import {
  CatalogConsistent,
  InSyncImpliesSyncRep,
  InSyncMirrorHasAllAcked,
  MirrorWalIsPrefix,
  NoDoubleFaultUnderOneFault,
  NoLostAckedCommit,
  OnePrimaryPerContent,
  SAFETY_PROPERTIES,
} from "../../properties/index.js";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { initialState, resolveConfig } from "../../model/index.js";
import { build, catalog, config, content, explore, globals, inst, syncRep, txn } from "../model/builders.js";

// K=2: dbids 2 (c0 i0), 3 (c1 i0), 4 (c0 i1), 5 (c1 i1). K=1: dbids 2 and 3.
const k2 = config({ contents: 2, txns: 2, faults: 2 });
const k1 = config({ contents: 1, txns: 2, faults: 2 });

it("the safety properties are checked in PROTOCOL.md's order", () => {
  expect(SAFETY_PROPERTIES.map((p) => p.name)).toEqual([
    "NoLostAckedCommit",
    "OnePrimaryPerContent",
    "InSyncMirrorHasAllAcked",
    "InSyncImpliesSyncRep",
    "MirrorWalIsPrefix",
    "CatalogConsistent",
    "NoDoubleFaultUnderOneFault",
  ]);
  for (const p of SAFETY_PROPERTIES) expect(p.kind).toBe("always");
});

describe("NoLostAckedCommit", () => {
  /** Content 1 failed over to dbid 5, which holds only txn 2; txn 1 was acked on dbid 3. */
  const failedOver = (mirrorWal: number[]) =>
    build(
      k2,
      inst(1, 0, { alive: false, wal: [1, 2] }),
      inst(1, 1, { role: "p", wal: mirrorWal }),
      syncRep(1, 1, false),
      catalog(1, { primary: 1, mirrorUp: false, mode: "n" }),
      content(1, { walSenderStreaming: false }),
      txn(1, "acked", 1, 3),
      txn(2, "failed", 1, 3),
      globals({ nextTxn: 3, faults: 1 }),
    );

  it("holds when the new primary has every acked txn", () => {
    expect(NoLostAckedCommit.check(k2, failedOver([1]))).toBeUndefined();
    expect(NoLostAckedCommit.check(k2, failedOver([1, 2]))).toBeUndefined();
  });

  it("reports the content, txn, catalog primary dbid and its WAL", () => {
    expect(NoLostAckedCommit.check(k2, failedOver([2]))).toBe(
      "content 1: txn 1 was acked but is missing from the WAL of catalog primary dbid 5 (2)",
    );
    expect(NoLostAckedCommit.check(k2, failedOver([]))).toBe(
      "content 1: txn 1 was acked but is missing from the WAL of catalog primary dbid 5 (-)",
    );
  });

  it("ignores txns that are waiting or failed", () => {
    const s = build(k1, inst(0, 0, { alive: false, wal: [1, 2] }), inst(0, 1, { role: "p" }), catalog(0, { primary: 1, mirrorUp: false, mode: "n" }), txn(1, "waiting", 0, 2), txn(2, "failed", 0, 2), globals({ nextTxn: 3 }));
    expect(NoLostAckedCommit.check(k1, s)).toBeUndefined();
  });
});

describe("OnePrimaryPerContent", () => {
  it("holds with a zombie whose sync rep is in force (its peer runs as p, so it cannot ack)", () => {
    const s = build(k2, inst(1, 1, { role: "p" }), syncRep(1, 1, false), syncRep(1, 0, true), catalog(1, { primary: 1, mirrorUp: false, mode: "n" }));
    expect(OnePrimaryPerContent.check(k2, s)).toBeUndefined();
  });

  it("holds when one of two p instances is dead", () => {
    const s = build(k2, inst(1, 0, { alive: false }), syncRep(1, 0, false), inst(1, 1, { role: "p" }), syncRep(1, 1, false));
    expect(OnePrimaryPerContent.check(k2, s)).toBeUndefined();
  });

  it("reports both dbids when two instances of a content can acknowledge", () => {
    const s = build(k2, syncRep(1, 0, false), inst(1, 1, { role: "p" }), syncRep(1, 1, false), catalog(1, { primary: 1, mirrorUp: false, mode: "n" }));
    expect(OnePrimaryPerContent.check(k2, s)).toBe("content 1: both dbid 3 and dbid 5 run as p and can acknowledge commits");
  });

  it("reads the setting in force: persisted on but not in force still acknowledges", () => {
    const s = build(k1, syncRep(0, 0, true, false), inst(0, 1, { role: "p" }), syncRep(0, 1, false));
    expect(OnePrimaryPerContent.check(k1, s)).toBe("content 0: both dbid 2 and dbid 3 run as p and can acknowledge commits");
  });
});

describe("InSyncMirrorHasAllAcked", () => {
  const acked = (mode: "s" | "n", mirrorWal: number[]) =>
    build(
      k1,
      inst(0, 0, { wal: [1, 2] }),
      inst(0, 1, { wal: mirrorWal }),
      catalog(0, { mirrorUp: true, mode }),
      txn(1, "acked", 0, 2),
      txn(2, "acked", 0, 2),
      globals({ nextTxn: 3 }),
    );

  it("holds when the in-sync mirror has every acked txn, or the mode is n", () => {
    expect(InSyncMirrorHasAllAcked.check(k1, acked("s", [1, 2]))).toBeUndefined();
    expect(InSyncMirrorHasAllAcked.check(k1, acked("n", []))).toBeUndefined();
  });

  it("reports the first missing acked txn, the catalog mirror dbid and its WAL", () => {
    expect(InSyncMirrorHasAllAcked.check(k1, acked("s", [1]))).toBe(
      "content 0: catalog mode is s but acked txn 2 is missing from the WAL of catalog mirror dbid 3 (1)",
    );
    expect(InSyncMirrorHasAllAcked.check(k1, acked("s", []))).toBe(
      "content 0: catalog mode is s but acked txn 1 is missing from the WAL of catalog mirror dbid 3 (-)",
    );
  });

  it("looks at the catalog mirror, which is instance 0 after a failover", () => {
    const s = build(
      k2,
      inst(1, 1, { role: "p", wal: [1] }),
      inst(1, 0, { role: "m", wal: [] }),
      catalog(1, { primary: 1, mirrorUp: true, mode: "s" }),
      txn(1, "acked", 1, 5),
      globals({ nextTxn: 2 }),
    );
    expect(InSyncMirrorHasAllAcked.check(k2, s)).toBe(
      "content 1: catalog mode is s but acked txn 1 is missing from the WAL of catalog mirror dbid 3 (-)",
    );
  });
});

describe("InSyncImpliesSyncRep", () => {
  const inSyncOn1 = (on: boolean, effective: boolean, alive = true) =>
    build(
      k2,
      inst(1, 0, { role: "m" }),
      syncRep(1, 0, false),
      inst(1, 1, { role: "p", alive }),
      syncRep(1, 1, on, effective),
      catalog(1, { primary: 1, mirrorUp: true, mode: "s" }),
    );

  it("holds when the in-sync primary's sync rep is in force, or the primary is dead", () => {
    expect(InSyncImpliesSyncRep.check(k2, inSyncOn1(true, true))).toBeUndefined();
    expect(InSyncImpliesSyncRep.check(k2, inSyncOn1(false, false, false))).toBeUndefined();
  });

  it("reports the primary dbid and both settings", () => {
    expect(InSyncImpliesSyncRep.check(k2, inSyncOn1(true, false))).toBe(
      "content 1: catalog mode is s but primary dbid 5 runs with sync rep not in force (syncRep=true, syncRepEffective=false)",
    );
    expect(InSyncImpliesSyncRep.check(k2, inSyncOn1(false, false))).toBe(
      "content 1: catalog mode is s but primary dbid 5 runs with sync rep not in force (syncRep=false, syncRepEffective=false)",
    );
  });

  it("does not apply to a catalog primary running as m (PROMOTE pending)", () => {
    const s = build(k1, inst(0, 0, { role: "m" }), syncRep(0, 0, false));
    expect(InSyncImpliesSyncRep.check(k1, s)).toBeUndefined();
  });
});

describe("MirrorWalIsPrefix", () => {
  it("holds for a prefix, an equal WAL, or a diverged mirror the catalog marks down", () => {
    expect(MirrorWalIsPrefix.check(k1, build(k1, inst(0, 0, { wal: [1, 2] }), inst(0, 1, { wal: [1] })))).toBeUndefined();
    expect(MirrorWalIsPrefix.check(k1, build(k1, inst(0, 0, { wal: [1, 2] }), inst(0, 1, { wal: [1, 2] })))).toBeUndefined();
    const down = build(k1, inst(0, 0, { wal: [1, 2] }), inst(0, 1, { wal: [1, 3] }), catalog(0, { mirrorUp: false, mode: "n" }));
    expect(MirrorWalIsPrefix.check(k1, down)).toBeUndefined();
  });

  it("reports both dbids and both WALs", () => {
    const s = build(k1, inst(0, 0, { wal: [1, 2] }), inst(0, 1, { wal: [1, 3] }), catalog(0, { mirrorUp: true, mode: "n" }));
    expect(MirrorWalIsPrefix.check(k1, s)).toBe(
      "content 0: catalog mirror dbid 3 is up with WAL 1,3, not a prefix of primary dbid 2's WAL 1,2",
    );
    const longer = build(k1, inst(0, 0, { wal: [] }), inst(0, 1, { wal: [1] }));
    expect(MirrorWalIsPrefix.check(k1, longer)).toBe(
      "content 0: catalog mirror dbid 3 is up with WAL 1, not a prefix of primary dbid 2's WAL -",
    );
  });
});

describe("CatalogConsistent", () => {
  const later = config({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" });

  it("holds on the three legal pairs and on a mirrorless (u,n)", () => {
    for (const cat of [
      { mirrorUp: true, mode: "s" as const },
      { mirrorUp: true, mode: "n" as const },
      { mirrorUp: false, mode: "n" as const },
    ]) {
      expect(CatalogConsistent.check(k1, build(k1, catalog(0, cat)))).toBeUndefined();
    }
    expect(CatalogConsistent.check(later, build(later))).toBeUndefined();
  });

  it("reports mode s with the mirror row down", () => {
    expect(CatalogConsistent.check(k2, build(k2, catalog(1, { mirrorUp: false, mode: "s" })))).toBe(
      "content 1: catalog mode is s but the mirror row is down",
    );
  });

  it("reports a mirrorless content whose catalog says up or in sync", () => {
    expect(CatalogConsistent.check(later, build(later, catalog(0, { mirrorUp: true, mode: "n" })))).toBe(
      "content 0: no mirror, but the catalog says mode=n mirrorUp=true",
    );
    expect(CatalogConsistent.check(later, build(later, catalog(0, { mirrorUp: true, mode: "s" })))).toBe(
      "content 0: no mirror, but the catalog says mode=s mirrorUp=true",
    );
  });
});

describe("NoDoubleFaultUnderOneFault", () => {
  const doubleFault = (faults: number) =>
    build(k2, inst(1, 0, { alive: false }), content(1, { walSenderStreaming: false }), catalog(1, { mirrorUp: true, mode: "n" }), globals({ faults }));

  it("applies only with mirroring enabled", () => {
    expect(NoDoubleFaultUnderOneFault.appliesTo(k2)).toBe(true);
    expect(NoDoubleFaultUnderOneFault.appliesTo(config({ contents: 1, txns: 3, faults: 1, mirroring: "addLater" }))).toBe(false);
    expect(NoDoubleFaultUnderOneFault.appliesTo(config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" }))).toBe(false);
    for (const p of SAFETY_PROPERTIES) if (p !== NoDoubleFaultUnderOneFault) expect(p.appliesTo(resolveConfig({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" }))).toBe(true);
  });

  it("holds when the dead primary's pair was in sync (FTS will promote) or faults >= 2", () => {
    const inSync = build(k2, inst(1, 0, { alive: false }), content(1, { walSenderStreaming: false }), globals({ faults: 1 }));
    expect(NoDoubleFaultUnderOneFault.check(k2, inSync)).toBeUndefined();
    expect(NoDoubleFaultUnderOneFault.check(k2, doubleFault(2))).toBeUndefined();
  });

  it("reports the content, faults spent and the dead catalog primary's dbid", () => {
    expect(NoDoubleFaultUnderOneFault.check(k2, doubleFault(1))).toBe(
      "content 1: double fault after 1 fault(s): catalog primary dbid 3 is down and the mode is n",
    );
    expect(NoDoubleFaultUnderOneFault.check(k2, doubleFault(0))).toBe(
      "content 1: double fault after 0 fault(s): catalog primary dbid 3 is down and the mode is n",
    );
  });
});

describe("on reachable states", () => {
  it("every property holds on the initial state of every canonical configuration", () => {
    for (const canonical of CANONICAL_CONFIGS) {
      const cfg = resolveConfig(canonical.input);
      const s = initialState(cfg);
      for (const p of SAFETY_PROPERTIES) expect(p.check(cfg, s), `${canonical.name} ${p.name}`).toBeUndefined();
    }
  });

  it("every property holds on every reachable state of tiny", () => {
    const cfg = config({ contents: 1, txns: 2, faults: 1 });
    const { states } = explore(cfg);
    const messages = new Set<string>();
    for (const s of states) for (const p of SAFETY_PROPERTIES) {
      const m = p.check(cfg, s);
      if (m !== undefined) messages.add(`${p.name}: ${m}`);
    }
    expect([...messages]).toEqual([]);
  });

  it("bug variant commitWaitsForMirror off loses an acked commit after one failover (K=1, W=1, F=1)", () => {
    const cfg = config({ contents: 1, txns: 1, faults: 1, off: ["commitWaitsForMirror"] });
    const { states } = explore(cfg);
    const lost = states.map((s) => NoLostAckedCommit.check(cfg, s)).filter((m) => m !== undefined);
    expect(lost).toContain("content 0: txn 1 was acked but is missing from the WAL of catalog primary dbid 3 (-)");
  });
});
