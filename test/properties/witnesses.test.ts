/** PROTOCOL.md section 5, witnesses: where each holds, where not, and where it is expected. */
import { describe, expect, it } from "vitest";
import {
  AckedAfterFailover,
  AckedWhileMirrorDown,
  BackToPreferredRoles,
  DoubleFault,
  MirrorPromoted,
  WITNESSES,
  type Witness,
} from "../../properties/index.js";
import { enabledActions, initialState, stateKey, stepFast, type Config, type State } from "../../model/index.js";
import { build, catalog, config, content, globals, inst, syncRep, txn } from "../model/builders.js";

const k1 = config({ contents: 1, txns: 2, faults: 2 });
const k2 = config({ contents: 2, txns: 2, faults: 2 });

/** Content 0 failed over: instance 1 (dbid 3) is catalog primary and runs as p. */
const promoted = (cfg: Config, alive = true) =>
  build(
    cfg,
    inst(0, 0, { alive: false }),
    inst(0, 1, { role: "p", alive }),
    syncRep(0, 1, false),
    catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
    content(0, { walSenderStreaming: false }),
    globals({ faults: 1 }),
  );

it("the witnesses are the five of PROTOCOL.md", () => {
  expect(WITNESSES.map((w) => w.name)).toEqual([
    "MirrorPromoted",
    "AckedAfterFailover",
    "AckedWhileMirrorDown",
    "BackToPreferredRoles",
    "DoubleFault",
  ]);
  for (const w of WITNESSES) expect(w.kind).toBe("sometimes");
});

describe("MirrorPromoted", () => {
  it("holds when the catalog primary is the preferred mirror (dbid 3) and it runs as p", () => {
    expect(MirrorPromoted.holds(k1, promoted(k1))).toBe(true);
  });

  it("does not hold before the PROMOTE is delivered, when instance 1 is dead, or on the initial state", () => {
    const pending = build(k1, inst(0, 0, { alive: false }), catalog(0, { primary: 1, mirrorUp: false, mode: "n" }), content(0, { ftsMsg: "promote" }));
    expect(MirrorPromoted.holds(k1, pending)).toBe(false);
    expect(MirrorPromoted.holds(k1, promoted(k1, false))).toBe(false);
    expect(MirrorPromoted.holds(k1, build(k1))).toBe(false);
    // Instance 1 runs as p but the catalog still names instance 0.
    expect(MirrorPromoted.holds(k1, build(k1, inst(0, 1, { role: "p" })))).toBe(false);
  });

  it("holds if any content is promoted", () => {
    const s = build(k2, inst(1, 1, { role: "p" }), catalog(1, { primary: 1, mirrorUp: false, mode: "n" }));
    expect(MirrorPromoted.holds(k2, s)).toBe(true);
  });
});

describe("AckedAfterFailover", () => {
  it("holds when an acked txn is missing from the preferred primary's WAL (dbid 2)", () => {
    const s = build(k1, inst(0, 0, { alive: false }), inst(0, 1, { role: "p", wal: [1] }), catalog(0, { primary: 1, mirrorUp: false, mode: "n" }), txn(1, "acked", 0, 3), globals({ nextTxn: 2 }));
    expect(AckedAfterFailover.holds(k1, s)).toBe(true);
  });

  it("does not hold when instance 0 has every acked txn, or the txn is only waiting", () => {
    const has = build(k1, inst(0, 0, { wal: [1] }), inst(0, 1, { wal: [1] }), txn(1, "acked", 0, 2), globals({ nextTxn: 2 }));
    expect(AckedAfterFailover.holds(k1, has)).toBe(false);
    const waiting = build(k1, inst(0, 1, { role: "p", wal: [1] }), catalog(0, { primary: 1, mirrorUp: false, mode: "n" }), txn(1, "waiting", 0, 3), globals({ nextTxn: 2 }));
    expect(AckedAfterFailover.holds(k1, waiting)).toBe(false);
  });

  it("looks at the txn's own content", () => {
    // Txn 1 acked on content 1 (in both its WALs); content 0's instance 0 lacks it, which does not count.
    const s = build(k2, inst(1, 0, { wal: [1] }), inst(1, 1, { wal: [1] }), txn(1, "acked", 1, 3), globals({ nextTxn: 2 }));
    expect(AckedAfterFailover.holds(k2, s)).toBe(false);
  });
});

describe("AckedWhileMirrorDown", () => {
  const alone = (mirrorUp: boolean, mirrorWal: number[]) =>
    build(
      k1,
      inst(0, 0, { wal: [1] }),
      syncRep(0, 0, false),
      inst(0, 1, { alive: false, wal: mirrorWal }),
      catalog(0, { primary: 0, mirrorUp, mode: "n" }),
      content(0, { walSenderStreaming: false }),
      txn(1, "acked", 0, 2),
      globals({ nextTxn: 2, faults: 1 }),
    );

  it("holds: catalog primary the preferred primary (dbid 2), mirror down, acked txn missing from the preferred mirror (dbid 3)", () => {
    expect(AckedWhileMirrorDown.holds(k1, alone(false, []))).toBe(true);
  });

  it("does not hold when the catalog says the mirror is up, or the mirror has the txn", () => {
    expect(AckedWhileMirrorDown.holds(k1, alone(true, []))).toBe(false);
    expect(AckedWhileMirrorDown.holds(k1, alone(false, [1]))).toBe(false);
  });

  it("does not hold when the catalog primary is the preferred mirror (dbid 3)", () => {
    const s = build(
      k1,
      inst(0, 0, { alive: false, wal: [] }),
      inst(0, 1, { role: "p", wal: [1] }),
      catalog(0, { primary: 1, mirrorUp: false, mode: "n" }),
      txn(1, "acked", 0, 3),
      globals({ nextTxn: 2 }),
    );
    expect(AckedWhileMirrorDown.holds(k1, s)).toBe(false);
  });

  it("counts only contents that have a mirror (addLater before AddMirror)", () => {
    const later = config({ contents: 1, txns: 1, faults: 1, mirroring: "addLater" });
    const s = build(later, inst(0, 0, { wal: [1] }), txn(1, "acked", 0, 2), globals({ nextTxn: 2 }));
    expect(AckedWhileMirrorDown.holds(later, s)).toBe(false);
    const added = build(later, inst(0, 0, { wal: [1] }), inst(0, 1, { alive: true, wal: [] }), content(0, { hasMirror: true }), txn(1, "acked", 0, 2), globals({ nextTxn: 2 }));
    expect(AckedWhileMirrorDown.holds(later, added)).toBe(true);
  });
});

describe("BackToPreferredRoles", () => {
  it("holds when every content has instance 0 as catalog primary in mode s", () => {
    expect(BackToPreferredRoles.holds(k2, build(k2))).toBe(true);
  });

  it("does not hold when one content is in mode n or still on instance 1", () => {
    expect(BackToPreferredRoles.holds(k2, build(k2, catalog(1, { mirrorUp: true, mode: "n" })))).toBe(false);
    expect(BackToPreferredRoles.holds(k2, build(k2, catalog(1, { primary: 1, mirrorUp: true, mode: "s" })))).toBe(false);
  });

  it("is reported only after a promotion: `after` holds on a promoted state, not on the initial one", () => {
    expect(BackToPreferredRoles.after).toBeTypeOf("function");
    expect(BackToPreferredRoles.after!(k1, promoted(k1))).toBe(true);
    expect(BackToPreferredRoles.after!(k1, build(k1))).toBe(false);
    expect(BackToPreferredRoles.after!(k1, promoted(k1, false))).toBe(false);
  });

  it("no other witness has a path condition", () => {
    expect(WITNESSES.filter((w) => w.after !== undefined).map((w) => w.name)).toEqual(["BackToPreferredRoles"]);
  });
});

describe("DoubleFault", () => {
  it("holds when a mirrored content's catalog primary is dead and the mode is n", () => {
    const s = build(k2, inst(1, 0, { alive: false }), catalog(1, { mirrorUp: false, mode: "n" }), content(1, { walSenderStreaming: false }));
    expect(DoubleFault.holds(k2, s)).toBe(true);
  });

  it("does not hold in mode s (FTS can still promote) or with the primary alive", () => {
    expect(DoubleFault.holds(k2, build(k2, inst(1, 0, { alive: false }), content(1, { walSenderStreaming: false })))).toBe(false);
    expect(DoubleFault.holds(k2, build(k2, catalog(1, { mirrorUp: true, mode: "n" })))).toBe(false);
  });

  it("does not count a content without a mirror", () => {
    const none = config({ contents: 1, txns: 1, faults: 1, mirroring: "disabled" });
    expect(DoubleFault.holds(none, build(none, inst(0, 0, { alive: false })))).toBe(false);
  });
});

describe("expectedIn", () => {
  const expected = (cfg: Config) => WITNESSES.filter((w) => w.expectedIn(cfg)).map((w) => w.name);

  it("tiny (K=1, W=2, F=1): all but DoubleFault", () => {
    expect(expected(config({ contents: 1, txns: 2, faults: 1 }))).toEqual([
      "MirrorPromoted",
      "AckedAfterFailover",
      "AckedWhileMirrorDown",
      "BackToPreferredRoles",
    ]);
  });

  it("default (K=2, W=2, F=2): all", () => {
    expect(expected(config({ contents: 2, txns: 2, faults: 2 }))).toEqual(WITNESSES.map((w) => w.name));
  });

  it("mirroring disabled: none", () => {
    expect(expected(config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" }))).toEqual([]);
    expect(expected(config({ contents: 2, txns: 2, faults: 4, mirroring: "disabled" }))).toEqual([]);
  });
});

/**
 * Exploration of (state, promoted-seen) pairs: which witnesses are reached, honouring `after`
 * (the condition must hold on an earlier or the same state of the path).
 */
function reached(cfg: Config): Set<string> {
  const out = new Set<string>();
  const start = initialState(cfg);
  const seen = new Set<string>();
  const queue: [State, Set<string>][] = [];
  const visit = (s: State, prior: Set<string>) => {
    const flags = new Set(prior);
    for (const w of WITNESSES) if (w.after?.(cfg, s)) flags.add(w.name);
    const key = `${stateKey(s)}#${[...flags].sort().join(",")}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const w of WITNESSES) if (w.holds(cfg, s) && (w.after === undefined || flags.has(w.name))) out.add(w.name);
    queue.push([s, flags]);
  };
  visit(start, new Set());
  for (let i = 0; i < queue.length; i++) {
    const [s, flags] = queue[i];
    for (const b of enabledActions(cfg, s)) visit(stepFast(s, b), flags);
  }
  return out;
}

describe("reachability agrees with expectedIn", () => {
  const cases: [string, Config][] = [
    ["tiny", config({ contents: 1, txns: 2, faults: 1 })],
    ["deferred-reload", config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" })],
    ["add-mirrors", config({ contents: 1, txns: 3, faults: 1, mirroring: "addLater" })],
    ["no-mirrors", config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" })],
  ];
  for (const [name, cfg] of cases) {
    it(`${name}: every expected witness is reached`, () => {
      const r = reached(cfg);
      const missing = WITNESSES.filter((w: Witness) => w.expectedIn(cfg) && !r.has(w.name)).map((w) => w.name);
      expect(missing).toEqual([]);
    });
  }

  it("tiny: DoubleFault is not reachable with one fault", () => {
    expect(reached(config({ contents: 1, txns: 2, faults: 1 })).has("DoubleFault")).toBe(false);
  });

  it("no-mirrors: no witness is reachable", () => {
    expect([...reached(config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" }))]).toEqual([]);
  });
});

describe("descriptions", () => {
  it("name instances by role and dbid, as the reports do, never as instance 0/1", () => {
    for (const w of WITNESSES) expect(w.description, w.name).not.toMatch(/instance [01]/);
    expect(MirrorPromoted.description).toBe("a content's catalog primary is its preferred mirror (dbid 2+K+c) and it runs with role p");
    expect(AckedAfterFailover.description).toContain("preferred primary (dbid 2+c)");
  });
});
