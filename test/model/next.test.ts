/** The next-state relation as a whole: enumeration, step vs stepFast, cloneState, stateKey. */
import { describe, expect, it } from "vitest";
import {
  SAFEGUARDS,
  allActions,
  cloneState,
  enabledActions,
  formatAction,
  initialState,
  stateKey,
  step,
  stepFast,
  streams,
  type Config,
  type State,
} from "../../model/index.js";
import { config, deepFreeze, enabledNames, explore, isDeepStrictEqual, thaw } from "./builders.js";

const TINY = config({ contents: 1, txns: 2, faults: 1 });
const DEFAULT = config({ contents: 2, txns: 2, faults: 2 });

/** Small configurations that between them enable every action family. */
const SMALL: [string, Config][] = [
  ["tiny", TINY],
  ["all safeguards off", config({ contents: 1, txns: 2, faults: 1, off: [...SAFEGUARDS] })],
  ["deferred-reload", config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" })],
  ["add-mirrors", config({ contents: 1, txns: 3, faults: 1, mirroring: "addLater" })],
  ["hosts group K=2", config({ contents: 2, txns: 0, faults: 1, hosts: { count: 2, placement: "group" } })],
  ["no-mirrors", config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" })],
];

const explored = new Map<string, ReturnType<typeof explore>>();
function reach(name: string, cfg: Config): ReturnType<typeof explore> {
  let r = explored.get(name);
  if (r === undefined) {
    r = explore(cfg);
    explored.set(name, r);
  }
  return r;
}

describe("initial state (PROTOCOL.md section 3)", () => {
  it("mirroring enabled", () => {
    const s = initialState(config({ contents: 2, txns: 3, faults: 1 }));
    const c = {
      hasMirror: true,
      instances: [
        { role: "p", alive: true, wal: [], syncRep: true, syncRepEffective: true },
        { role: "m", alive: true, wal: [], syncRep: false, syncRepEffective: false },
      ],
      catalog: { primary: 0, mirrorUp: true, mode: "s" },
      link: "up",
      walSenderStreaming: true,
      ftsMsg: "none",
    };
    const t = { status: "unused", content: null, dbid: null };
    expect(s).toEqual({ contents: [c, c], txns: [t, t, t], nextTxn: 1, faults: 0 });
  });

  for (const mirroring of ["disabled", "addLater"] as const) {
    it(`mirroring ${mirroring}: only instance 0, sync rep off, catalog {0,false,n}, not streaming`, () => {
      const s = initialState(config({ contents: 1, txns: 1, faults: 1, mirroring }));
      const c = s.contents[0];
      expect(c.hasMirror).toBe(false);
      expect(c.instances[0]).toEqual({ role: "p", alive: true, wal: [], syncRep: false, syncRepEffective: false });
      expect(c.catalog).toEqual({ primary: 0, mirrorUp: false, mode: "n" });
      expect(c.link).toBe("up");
      expect(c.walSenderStreaming).toBe(false);
      expect(c.ftsMsg).toBe("none");
      expect(s.nextTxn).toBe(1);
      expect(s.faults).toBe(0);
    });
  }
});

describe("enabledActions", () => {
  it("on the initial state of default, in enumeration order", () => {
    expect(enabledNames(DEFAULT, initialState(DEFAULT))).toEqual([
      "ClientCommit content=0",
      "ClientCommit content=1",
      "FtsProbe content=0",
      "FtsProbe content=1",
      "FtsProbeTimeout content=0",
      "FtsProbeTimeout content=1",
      "SegmentCrash dbid=2",
      "SegmentCrash dbid=3",
      "SegmentCrash dbid=4",
      "SegmentCrash dbid=5",
      "LinkCut content=0",
      "LinkCut content=1",
    ]);
  });

  it("on the initial state of no-mirrors and add-mirrors", () => {
    const none = config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" });
    expect(enabledNames(none, initialState(none))).toEqual([
      "ClientCommit content=0",
      "ClientCommit content=1",
      "SegmentCrash dbid=2",
      "SegmentCrash dbid=3",
    ]);
    const later = config({ contents: 1, txns: 3, faults: 1, mirroring: "addLater" });
    expect(enabledNames(later, initialState(later))).toEqual([
      "ClientCommit content=0",
      "SegmentCrash dbid=2",
      "AddMirror content=0",
    ]);
  });

  it("enumerates one instance per argument value, by family then argument", () => {
    const names = allActions(DEFAULT).map((b) => formatAction(b.action));
    expect(names.slice(0, 4)).toEqual(["ClientCommit content=0", "ClientCommit content=1", "CommitAck txn=1", "CommitAck txn=2"]);
    expect(names.filter((n) => n.startsWith("ConfigReload"))).toEqual([
      "ConfigReload dbid=2",
      "ConfigReload dbid=3",
      "ConfigReload dbid=4",
      "ConfigReload dbid=5",
    ]);
    expect(names.filter((n) => n.startsWith("FtsRestart"))).toEqual(["FtsRestart"]);
    expect(names.at(-1)).toBe("AddMirror content=1");
  });

  it("tiny has 913 distinct reachable states (the reference figure)", () => {
    expect(reach("tiny", TINY).states.length).toBe(913);
  });
});

describe("step (immer) and stepFast agree on every transition", () => {
  for (const [name, cfg] of SMALL) {
    it(name, () => {
      const { states } = reach(name, cfg);
      let transitions = 0;
      const mismatches: string[] = [];
      for (const s of states) {
        for (const b of enabledActions(cfg, s)) {
          transitions++;
          const slow = step(s, b);
          const fast = stepFast(s, b);
          if (!isDeepStrictEqual(slow, fast) && mismatches.length < 5) {
            mismatches.push(`${formatAction(b.action)} from ${stateKey(s)}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(transitions).toBeGreaterThan(states.length);
    });
  }

  it("between them the configurations exercise every action family", () => {
    const seen = new Set<string>();
    for (const [name, cfg] of SMALL) for (const edges of reach(name, cfg).edges) for (const [b] of edges) seen.add(b.action.type);
    const families = new Set(allActions(config({ contents: 1, txns: 1, faults: 1, hosts: null })).map((b) => b.action.type));
    families.add("HostCrash");
    expect([...families].filter((f) => !seen.has(f))).toEqual([]);
  });
});

describe("stepFast never mutates its input", () => {
  for (const [name, cfg] of SMALL.slice(0, 3)) {
    it(`${name}: deep-frozen inputs step without error and stay equal`, () => {
      const { states } = reach(name, cfg);
      for (const original of states) {
        const frozen = deepFreeze(thaw(original));
        const before = JSON.stringify(frozen);
        for (const b of enabledActions(cfg, frozen)) {
          expect(() => stepFast(frozen, b)).not.toThrow();
          const next = stepFast(frozen, b);
          expect(Object.isFrozen(next)).toBe(false);
        }
        expect(JSON.stringify(frozen)).toBe(before);
      }
    });
  }
});

/** Every object and array reachable from x. */
function objectsOf(x: unknown, out: Set<object> = new Set()): Set<object> {
  if (x !== null && typeof x === "object") {
    out.add(x);
    for (const v of Object.values(x)) objectsOf(v, out);
  }
  return out;
}

describe("cloneState", () => {
  /** Deterministic pseudo-random sample (LCG), so a failure reproduces. */
  function sample<T>(xs: readonly T[], n: number, seed = 12345): T[] {
    let x = seed;
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      out.push(xs[x % xs.length]);
    }
    return out;
  }

  for (const [name, cfg] of SMALL) {
    it(`${name}: deep-equals structuredClone and shares no object or array`, () => {
      const { states } = reach(name, cfg);
      for (const s of sample(states, 200)) {
        const copy = cloneState(s);
        expect(copy).toStrictEqual(structuredClone(s));
        expect(isDeepStrictEqual(copy, s)).toBe(true);
        const originals = objectsOf(s);
        const shared = [...objectsOf(copy)].filter((o) => originals.has(o));
        expect(shared).toEqual([]);
      }
    });
  }

  it("the copy is independent: mutating it leaves the original unchanged", () => {
    const s = reach("tiny", TINY).states.find((x) => x.contents[0].instances[0].wal.length === 2)!;
    const before = JSON.stringify(s);
    const copy = cloneState(s);
    copy.contents[0].instances[0].wal.push(9);
    copy.contents[0].catalog.mode = "n";
    copy.txns[0].status = "failed";
    expect(JSON.stringify(s)).toBe(before);
  });
});

describe("stateKey", () => {
  for (const [name, cfg] of SMALL) {
    it(`${name}: injective on the reachable states (explored by JSON, not by key)`, () => {
      const { states } = reach(name, cfg);
      const keys = new Set(states.map(stateKey));
      const jsons = new Set(states.map((s) => JSON.stringify(s)));
      expect(jsons.size).toBe(states.length);
      expect(keys.size).toBe(jsons.size);
    });
  }

  it("equal for equal states built differently", () => {
    const { states } = reach("tiny", TINY);
    for (const s of states.slice(0, 100)) expect(stateKey(structuredClone(s))).toBe(stateKey(s));
  });

  it("tells apart states that differ in one field", () => {
    const s = initialState(DEFAULT);
    const variants: State[] = [
      { ...s, faults: 1 },
      { ...s, nextTxn: 2 },
      { ...s, txns: [{ status: "waiting", content: 0, dbid: 2 }, s.txns[1]] },
      { ...s, txns: [{ status: "acked", content: 0, dbid: 2 }, s.txns[1]] },
      { ...s, txns: [{ status: "waiting", content: 1, dbid: 3 }, s.txns[1]] },
      { ...s, contents: [{ ...s.contents[0], ftsMsg: "markDown" }, s.contents[1]] },
      { ...s, contents: [{ ...s.contents[0], link: "down" }, s.contents[1]] },
      { ...s, contents: [s.contents[0], { ...s.contents[1], walSenderStreaming: false }] },
      { ...s, contents: [{ ...s.contents[0], catalog: { primary: 1, mirrorUp: true, mode: "s" } }, s.contents[1]] },
      { ...s, contents: [{ ...s.contents[0], catalog: { primary: 0, mirrorUp: false, mode: "s" } }, s.contents[1]] },
      { ...s, contents: [{ ...s.contents[0], catalog: { primary: 0, mirrorUp: true, mode: "n" } }, s.contents[1]] },
      { ...s, contents: [{ ...s.contents[0], hasMirror: false }, s.contents[1]] },
      {
        ...s,
        contents: [{ ...s.contents[0], instances: [{ ...s.contents[0].instances[0], syncRepEffective: false }, s.contents[0].instances[1]] }, s.contents[1]],
      },
      {
        ...s,
        contents: [{ ...s.contents[0], instances: [s.contents[0].instances[0], { ...s.contents[0].instances[1], wal: [1] }] }, s.contents[1]],
      },
      {
        ...s,
        contents: [{ ...s.contents[0], instances: [{ ...s.contents[0].instances[0], wal: [1] }, s.contents[0].instances[1]] }, s.contents[1]],
      },
    ];
    const keys = new Set([s, ...variants].map(stateKey));
    expect(keys.size).toBe(variants.length + 1);
  });
});

describe("invariants of the state every implementation may assert", () => {
  for (const [name, cfg] of SMALL) {
    it(`${name}: walSenderStreaming => streams(c); legal catalog pairs; immediate => syncRepEffective = syncRep`, () => {
      const bad: string[] = [];
      for (const s of reach(name, cfg).states) {
        s.contents.forEach((c, k) => {
          if (c.walSenderStreaming && !streams(c)) bad.push(`content ${k} streaming without streams: ${stateKey(s)}`);
          const pair = `${c.catalog.mirrorUp ? "u" : "d"}${c.catalog.mode}`;
          if (!["us", "un", "dn"].includes(pair)) bad.push(`content ${k} illegal catalog ${pair}: ${stateKey(s)}`);
          if (!c.hasMirror && (c.catalog.mirrorUp || c.catalog.primary !== 0)) bad.push(`content ${k} mirrorless catalog: ${stateKey(s)}`);
          if (cfg.syncRepReload === "immediate") {
            for (const inst of c.instances) if (inst.syncRep !== inst.syncRepEffective) bad.push(`immediate reload differs: ${stateKey(s)}`);
          }
        });
        if (s.faults > cfg.faults) bad.push(`fault budget exceeded: ${stateKey(s)}`);
        if (bad.length > 5) break;
      }
      expect(bad).toEqual([]);
    });
  }
});
