/**
 * What `mirrorcheck merge` reads from one file: a result of `simulate --json` or `check
 * --json`, validated field by field against that schema. Merge sums counts and trusts seeds,
 * so a negative or fractional count, a seed outside the seed space or a shard 5 of 3 would
 * give a merged result that looks sound and is not; each is refused with one line naming the
 * file and the field.
 */
import { SEED_MODULUS } from "../checker/index.js";
import type { ConfigJson } from "./json.js";

/** A file that is not a result of `simulate --json` or `check --json`, or results that should not be merged. */
export class MergeInputError extends Error {
  override readonly name = "MergeInputError";
}

export interface ViolationIn {
  readonly property: string;
  readonly kind: string;
  readonly message: string;
  readonly length: number;
  readonly trace: readonly string[];
  readonly replay?: string;
  readonly traceFile?: string;
}

/** The configuration a result was run with, as its JSON states it. */
export type ConfigIn = ConfigJson;

/** What merge reads from each input: the fields common to simulate and check JSON. */
export interface ResultIn {
  readonly file: string;
  readonly kind: "simulate" | "check";
  readonly configName: string;
  readonly config: ConfigIn;
  readonly result: "pass" | "violation" | "incomplete";
  readonly runs: number;
  readonly steps: number;
  readonly seeds: { readonly start: number; readonly stride: number; readonly count: number; readonly base: number } | null;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly violations: readonly ViolationIn[];
  readonly witnesses: Readonly<Record<string, { readonly reached: boolean; readonly depth: number | null; readonly required: boolean }>>;
  readonly actions: Readonly<Record<string, number>>;
  readonly situations: Readonly<Record<string, number>>;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Field checks that throw one line: `FILE: "FIELD" must be ..., got VALUE`. */
class Fields {
  constructor(private readonly file: string) {}

  fail(field: string, must: string, got: unknown): never {
    const shown = JSON.stringify(got) ?? String(got);
    throw new MergeInputError(`${this.file}: "${field}" must be ${must}, got ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`);
  }

  object(field: string, x: unknown): Record<string, unknown> {
    return isRecord(x) ? x : this.fail(field, "an object", x);
  }

  string(field: string, x: unknown): string {
    return typeof x === "string" ? x : this.fail(field, "a string", x);
  }

  boolean(field: string, x: unknown): boolean {
    return typeof x === "boolean" ? x : this.fail(field, "true or false", x);
  }

  /** An integer in [min, max]. */
  int(field: string, x: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof x === "number" && Number.isSafeInteger(x) && x >= min && x <= max) return x;
    const range = max === Number.MAX_SAFE_INTEGER ? (min === 0 ? "a non-negative integer" : `an integer ≥ ${min}`) : `an integer in ${min}..${max}`;
    return this.fail(field, range, x);
  }

  intOrNull(field: string, x: unknown, min = 0): number | null {
    return x === null || x === undefined ? null : this.int(field, x, min);
  }

  /** Names mapped to counts; absent or null (check without --coverage) is empty. */
  counts(field: string, x: unknown): Record<string, number> {
    if (x === undefined || x === null) return {};
    const o = this.object(field, x);
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(o)) out[k] = this.int(`${field}.${k}`, v);
    return out;
  }
}

function readConfig(f: Fields, x: unknown): ConfigIn {
  const c = f.object("config", x);
  const off = c.off ?? [];
  if (!Array.isArray(off)) f.fail("config.off", "a list of safeguard names", off);
  return {
    name: f.string("config.name", c.name),
    contents: f.int("config.contents", c.contents, 1),
    txns: f.int("config.txns", c.txns),
    faults: f.int("config.faults", c.faults),
    mirroring: f.string("config.mirroring", c.mirroring),
    hosts: f.intOrNull("config.hosts", c.hosts, 1),
    placement: c.placement === null || c.placement === undefined ? null : f.string("config.placement", c.placement),
    syncRepReload: f.string("config.syncRepReload", c.syncRepReload),
    off: off.map((g: unknown, i: number) => f.string(`config.off[${i}]`, g)),
    ...(c.variant === undefined ? {} : { variant: readVariant(f, c.variant) }),
  };
}

/** A result checked under a proposal (docs/variants.md) names it: results of different proposals do not merge. */
function readVariant(f: Fields, x: unknown): { name: string; file: string } {
  const v = f.object("config.variant", x);
  return { name: f.string("config.variant.name", v.name), file: f.string("config.variant.file", v.file) };
}

function readViolation(f: Fields, v: unknown, i: number): ViolationIn {
  const at = `violations[${i}]`;
  const o = f.object(at, v);
  if (!Array.isArray(o.trace)) f.fail(`${at}.trace`, "a list of actions", o.trace);
  const trace = o.trace.map((a: unknown, k: number) => f.string(`${at}.trace[${k}]`, a));
  return {
    property: f.string(`${at}.property`, o.property),
    kind: o.kind === undefined ? "invariant" : f.string(`${at}.kind`, o.kind),
    message: f.string(`${at}.message`, o.message),
    length: o.length === undefined ? trace.length : f.int(`${at}.length`, o.length),
    trace,
    ...(o.replay === undefined ? {} : { replay: f.string(`${at}.replay`, o.replay) }),
    ...(o.traceFile === undefined ? {} : { traceFile: f.string(`${at}.traceFile`, o.traceFile) }),
  };
}

/** Reads one parsed JSON result; a MergeInputError names the file and the field that is wrong. */
export function readResult(file: string, json: unknown): ResultIn {
  const f: Fields = new Fields(file);
  if (!isRecord(json)) throw new MergeInputError(`${file}: not a JSON object`);
  const strategy = json.strategy;
  if (strategy !== "random" && strategy !== "bfs" && strategy !== "dfs") {
    throw new MergeInputError(`${file}: not a result of mirrorcheck simulate --json or check --json (no "strategy")`);
  }
  const result = json.result;
  if (result !== "pass" && result !== "violation" && result !== "incomplete") f.fail("result", "pass, violation or incomplete", result);
  const config = readConfig(f, json.config);
  if (!Array.isArray(json.violations)) f.fail("violations", "a list", json.violations);
  const violations = json.violations.map((v: unknown, i: number) => readViolation(f, v, i));
  if (result === "violation" && violations.length === 0) f.fail("violations", "non-empty when the result is violation", json.violations);
  const witnesses: Record<string, { reached: boolean; depth: number | null; required: boolean }> = {};
  if (json.witnesses !== undefined) {
    for (const [name, w] of Object.entries(f.object("witnesses", json.witnesses))) {
      const o = f.object(`witnesses.${name}`, w);
      witnesses[name] = {
        reached: f.boolean(`witnesses.${name}.reached`, o.reached),
        depth: f.intOrNull(`witnesses.${name}.depth`, o.depth),
        required: o.required === undefined ? false : f.boolean(`witnesses.${name}.required`, o.required),
      };
    }
  }
  const kind = strategy === "random" ? "simulate" : "check";
  let seeds: ResultIn["seeds"] = null;
  let shard: ResultIn["shard"] = null;
  let runs = 0;
  let steps = 0;
  if (kind === "simulate") {
    runs = f.int("runs", json.runs);
    steps = f.int("steps", json.steps);
    const s = f.object("seeds", json.seeds);
    seeds = {
      base: f.int("seeds.base", s.base, 0, SEED_MODULUS - 1),
      start: f.int("seeds.start", s.start, 0, SEED_MODULUS - 1),
      stride: f.int("seeds.stride", s.stride, 1, SEED_MODULUS - 1),
      count: f.int("seeds.count", s.count),
    };
    // simulate writes the walks it ran as the seed count: anything else is not its output.
    if (seeds.count !== runs) f.fail("seeds.count", `the number of runs (${runs})`, seeds.count);
    if (json.shard !== null && json.shard !== undefined) {
      const sh = f.object("shard", json.shard);
      const count = f.int("shard.count", sh.count, 1);
      shard = { index: f.int("shard.index", sh.index, 1, count), count };
    }
  } else {
    f.int("distinctStates", json.distinctStates);
    f.int("generatedStates", json.generatedStates);
    f.int("depth", json.depth);
  }
  return {
    file,
    kind,
    configName: config.name,
    config,
    result,
    runs,
    steps,
    seeds,
    shard,
    violations,
    witnesses,
    actions: f.counts("actions", json.actions),
    situations: f.counts("situations", json.situations),
  };
}
