// The model's side of the fast path: the binary codec (fingerprints, queues, workers), the
// step that copies only the content an action acts on, and the canonical form of symmetry.
// Each is checked against the plain definitions on every reachable state of small
// configurations that between them enable every action family.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import {
  SAFEGUARDS,
  contentSymmetry,
  decodeState,
  enabledActions,
  encodeState,
  formatAction,
  localStepper,
  maxStateBytes,
  stateKey,
  step,
  type Config,
  type State,
} from "../../model/index.js";
import { config, frozenCopy, reachable } from "./helpers.js";

const SMALL: [string, Config][] = [
  ["tiny", config({ contents: 1, txns: 2, faults: 1 })],
  ["all safeguards off", config({ contents: 1, txns: 2, faults: 1, off: [...SAFEGUARDS] })],
  ["deferred-reload", config({ contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" })],
  ["add-mirrors K=2", config({ contents: 2, txns: 1, faults: 1, mirroring: "addLater" })],
  ["hosts group K=2", config({ contents: 2, txns: 1, faults: 1, hosts: { count: 2, placement: "group" } })],
  ["no-mirrors", config({ contents: 2, txns: 2, faults: 1, mirroring: "disabled" })],
  ["K=2 W=2 F=1", config({ contents: 2, txns: 2, faults: 1 })],
];

const states = new Map<string, State[]>();
function reach(name: string, cfg: Config): State[] {
  let r = states.get(name);
  if (r === undefined) {
    r = reachable(cfg);
    states.set(name, r);
  }
  return r;
}

function bytesOf(cfg: Config, s: State): string {
  const buf = new Uint8Array(maxStateBytes(cfg));
  return Array.from(buf.subarray(0, encodeState(cfg, s, buf))).join(",");
}

describe("codec: the binary twin of stateKey", () => {
  for (const [name, cfg] of SMALL) {
    it(`${name}: decode(encode(s)) is s, and two states share bytes exactly when they share keys`, () => {
      const all = reach(name, cfg);
      const buf = new Uint8Array(maxStateBytes(cfg) + 8);
      const bad: string[] = [];
      const byBytes = new Map<string, string>();
      for (const s of all) {
        const n = encodeState(cfg, s, buf.subarray(4));
        if (n > maxStateBytes(cfg)) bad.push(`${stateKey(s)}: ${n} bytes`);
        if (!isDeepStrictEqual(decodeState(cfg, buf, 4), s)) bad.push(`${stateKey(s)} does not round-trip`);
        const b = bytesOf(cfg, s);
        const other = byBytes.get(b);
        if (other !== undefined) bad.push(`${stateKey(s)} and ${other} share bytes`);
        byBytes.set(b, stateKey(s));
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(byBytes.size).toBe(all.length);
    });
  }
});

describe("localStepper: the immer recipe applied to a copy of the content it acts on", () => {
  for (const [name, cfg] of SMALL) {
    it(`${name}: equals immer's step on every transition, with the predecessor deep-frozen`, () => {
      const next = localStepper(cfg);
      const bad: string[] = [];
      const families = new Set<string>();
      for (const s of reach(name, cfg)) {
        // Frozen: an effect writing outside the part that was copied would throw here.
        const frozen = frozenCopy(s);
        for (const b of enabledActions(cfg, frozen)) {
          families.add(b.action.type);
          let t: State;
          try {
            t = next(frozen, b);
          } catch (e) {
            bad.push(`${formatAction(b.action)} from ${stateKey(s)}: ${(e as Error).message}`);
            continue;
          }
          if (!isDeepStrictEqual(t, step(s, b))) bad.push(`${formatAction(b.action)} from ${stateKey(s)} differs from step`);
        }
        if (!isDeepStrictEqual(frozen, s)) bad.push(`${stateKey(s)} was changed`);
        if (bad.length > 5) break;
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(families.size).toBeGreaterThan(0);
    });
  }

  it("between them the configurations enable every action family", () => {
    const seen = new Set<string>();
    for (const [name, cfg] of SMALL) for (const s of reach(name, cfg)) for (const b of enabledActions(cfg, s)) seen.add(b.action.type);
    expect(seen.size).toBe(21);
  });
});

/** States renamed by a permutation of the content ids (content c becomes p[c]), written independently of symmetry.ts. */
function rename(cfg: Config, s: State, p: readonly number[]): State {
  const contents = new Array<State["contents"][number]>(cfg.contents);
  s.contents.forEach((c, i) => {
    contents[p[i]] = c;
  });
  const k = cfg.contents;
  const txns = s.txns.map((t) =>
    t.content === null || t.dbid === null
      ? t
      : { ...t, content: p[t.content], dbid: t.dbid >= 2 + k ? 2 + k + p[t.content] : 2 + p[t.content] },
  );
  return { ...s, contents, txns };
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe("contentSymmetry: one canonical encoding per orbit", () => {
  const cases: [string, Config][] = [
    ["K=2 W=2 F=1", config({ contents: 2, txns: 2, faults: 1 })],
    ["K=3 W=1 F=1", config({ contents: 3, txns: 1, faults: 1 })],
    ["add-mirrors K=2", config({ contents: 2, txns: 1, faults: 1, mirroring: "addLater" })],
  ];
  for (const [name, cfg] of cases) {
    it(`${name}: every renaming of a state has its canonical bytes, and the count of those is the number of orbits`, () => {
      const canonical = contentSymmetry(cfg);
      const buf = new Uint8Array(maxStateBytes(cfg));
      const canon = (s: State): string => Array.from(buf.subarray(0, canonical(s, buf))).join(",");
      const all = reach(name, cfg);
      const keys = new Set(all.map(stateKey));
      const perms = permutations(cfg.contents);
      const orbits = new Set<string>(); // the smallest key of each orbit, found by brute force
      const canonicalForms = new Set<string>();
      const bad: string[] = [];
      for (const s of all) {
        const c = canon(s);
        canonicalForms.add(c);
        let min: string | null = null;
        for (const p of perms) {
          const r = rename(cfg, s, p);
          const k = stateKey(r);
          if (!keys.has(k)) bad.push(`${k} (a renaming of ${stateKey(s)}) is not reachable`);
          if (canon(r) !== c) bad.push(`${k} and ${stateKey(s)} have different canonical bytes`);
          if (min === null || k < min) min = k;
        }
        orbits.add(min as string);
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(canonicalForms.size).toBe(orbits.size);
      expect(orbits.size).toBeLessThan(all.length);
    });
  }
});
