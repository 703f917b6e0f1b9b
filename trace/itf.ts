/**
 * The Informal Trace Format (ITF, Apalache ADR-015), as Quint writes it: integers as
 * {"#bigint": "n"}, optional values as the variants {"tag": "Some"|"None"}, the action taken
 * in `mbt::actionTaken` (here in trace-file syntax, "init" for the first state) and its
 * argument in `mbt::nondetPicks`. The configuration travels in `#meta` as a config line,
 * so an ITF file replays like a trace file. A lasso carries ITF's own top-level `"loop"`: the
 * index of the state where the cycle starts (the last state equals it).
 */
import { formatAction, lookupVariant, type Action, type Config, type State } from "../model/index.js";
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES, WITNESSES } from "../properties/index.js";
import { parseTrace, type ParseOptions } from "./parse.js";
import { TraceFormatError, type TraceEntry, type TraceFile } from "./types.js";
import { configLine } from "./write.js";

type ItfValue = boolean | string | ItfValue[] | { readonly [key: string]: ItfValue };

const int = (n: number): ItfValue => ({ "#bigint": String(n) });
const option = (n: number | null): ItfValue =>
  n === null ? { tag: "None", value: { "#tup": [] } } : { tag: "Some", value: int(n) };

/** A state as an ITF record, one ITF variable per state field. */
export function stateToItf(s: State): Record<string, ItfValue> {
  return {
    contents: s.contents.map((c) => ({
      hasMirror: c.hasMirror,
      instances: c.instances.map((i) => ({
        role: i.role,
        alive: i.alive,
        wal: i.wal.map(int),
        syncRep: i.syncRep,
        syncRepEffective: i.syncRepEffective,
      })),
      catalog: { primary: int(c.catalog.primary), mirrorUp: c.catalog.mirrorUp, mode: c.catalog.mode },
      link: c.link,
      walSenderStreaming: c.walSenderStreaming,
      ftsMsg: c.ftsMsg,
    })),
    txns: s.txns.map((t) => ({ status: t.status, content: option(t.content), dbid: option(t.dbid) })),
    nextTxn: int(s.nextTxn),
    faults: int(s.faults),
  };
}

const STATE_VARS = ["contents", "txns", "nextTxn", "faults"] as const;
const ACTION_TAKEN = "mbt::actionTaken";
const NONDET_PICKS = "mbt::nondetPicks";
const CONFIG_META = "mirrorcheck::config";

function picks(a: Action | null): ItfValue {
  if (a === null) return {};
  // The argument the instance carries (a proposal's new family has no entry in ACTION_ARG).
  const fields = a as unknown as Record<string, number | undefined>;
  const arg = (["content", "txn", "dbid", "host"] as const).find((k) => fields[k] !== undefined);
  return arg === undefined ? {} : { [arg]: int(fields[arg] ?? 0) };
}

export interface ItfTraceInput {
  readonly config: Config;
  /** states[0] is the initial state; actions[k] led from states[k] to states[k+1]. */
  readonly states: readonly State[];
  readonly actions: readonly Action[];
  readonly description: string;
  /** The property the last state violates, for a counterexample ("ContentsServe content=0" for a lasso). */
  readonly violated?: string;
  /** A lasso: the index in `states` of the loop state, where the cycle starts and ends. */
  readonly loop?: number;
  /** Under a proposal: its path relative to the ITF file's folder, for the config line's `variant=`. */
  readonly variantPath?: string;
}

export function toItf(t: ItfTraceInput): unknown {
  return {
    "#meta": {
      format: "ITF",
      "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
      source: "mirrorcheck",
      description: t.description,
      [CONFIG_META]: configLine(t.config, t.variantPath),
      ...(t.config.variant ? { "mirrorcheck::variant": t.config.variant.name } : {}),
      ...(t.violated !== undefined ? { "mirrorcheck::violated": t.violated } : {}),
    },
    vars: [...STATE_VARS, ACTION_TAKEN, NONDET_PICKS],
    ...(t.loop !== undefined ? { loop: t.loop } : {}),
    states: t.states.map((s, k) => ({
      "#meta": { index: k },
      ...stateToItf(s),
      [ACTION_TAKEN]: k === 0 ? "init" : formatAction(t.actions[k - 1]),
      [NONDET_PICKS]: picks(k === 0 ? null : t.actions[k - 1]),
    })),
  };
}

export interface ItfTrace {
  readonly trace: TraceFile;
  /** The states the file records (state fields only), to compare with the replay. */
  readonly states: readonly Record<string, unknown>[];
  readonly violated: string | null;
  /** The `expect violated ...` line that `violated` stands for, parsed (a liveness one names its subject). */
  readonly violatedExpectation: TraceEntry | null;
  /** The index of the loop state, for a lasso; null otherwise. */
  readonly loop: number | null;
}

/** ITF's `loop`: a plain number as ADR-015 writes it, or a {"#bigint"} as Quint may. */
function loopIndex(v: unknown, states: number, file: string): number | null {
  if (v === undefined || v === null) return null;
  const n = typeof v === "number" ? v : isRecord(v) && typeof v["#bigint"] === "string" ? Number(v["#bigint"]) : NaN;
  if (!Number.isInteger(n) || n < 0 || n >= states) {
    throw new TraceFormatError(file, 0, `"loop" must be the index of a state (0..${states - 1}), got ${JSON.stringify(v)}`, "meta");
  }
  return n;
}

/**
 * `mirrorcheck::violated` names a property of the model ("ContentsServe content=0" for a
 * lasso). An unknown name is a malformed file: read as an expectation, it would only fail,
 * which says the trace no longer breaks a property rather than that the file is wrong.
 */
function checkViolatedName(violated: string, file: string, options: ParseOptions): void {
  const name = violated.trim().split(/\s+/)[0];
  const own = options.variant ? lookupVariant(options.variant).variant : null;
  const known = [...SAFETY_PROPERTIES, ...LIVENESS_PROPERTIES, ...WITNESSES, ...(own?.properties ?? []), ...(own?.witnesses ?? [])].map((p) => p.name);
  if (!known.includes(name)) {
    throw new TraceFormatError(file, 0, `#meta mirrorcheck::violated: unknown property "${name}"; known: ${known.join(", ")}`, "meta");
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads an ITF file written by mirrorcheck (or by hand in the same shape). */
export function fromItf(text: string, file: string, options: ParseOptions = {}): ItfTrace {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TraceFormatError(file, 0, `not JSON: ${e instanceof Error ? e.message : String(e)}`, "meta");
  }
  if (!isRecord(json) || !Array.isArray(json.states)) throw new TraceFormatError(file, 0, 'an ITF trace needs a "states" array', "meta");
  const meta = isRecord(json["#meta"]) ? json["#meta"] : {};
  const config = meta[CONFIG_META];
  if (typeof config !== "string") {
    throw new TraceFormatError(file, 0, `#meta needs "${CONFIG_META}": a config line such as "config contents=2 txns=2 faults=2"`, "meta");
  }
  // A trace without its initial state replays nothing: a malformed file, not a failed expectation.
  if (json.states.length === 0) throw new TraceFormatError(file, 0, 'an ITF trace needs at least one state in "states" (the initial state)', "meta");
  const lines = [config];
  const states: Record<string, unknown>[] = [];
  json.states.forEach((s: unknown, k: number) => {
    if (!isRecord(s)) throw new TraceFormatError(file, k, "not a record", "state");
    const action = s[ACTION_TAKEN];
    if (k > 0 && typeof action !== "string") throw new TraceFormatError(file, k, `no "${ACTION_TAKEN}" string`, "state");
    if (k > 0) lines.push(String(action));
    states.push(Object.fromEntries(STATE_VARS.map((v) => [v, s[v]])));
  });
  const violated = typeof meta["mirrorcheck::violated"] === "string" ? meta["mirrorcheck::violated"] : null;
  if (violated !== null) checkViolatedName(violated, file, options);
  if (violated !== null) lines.push(`expect violated ${violated}`);
  // Parse through the trace-file reader so actions get the same checks; "line" k+1 is state k.
  let parsed: TraceFile;
  try {
    parsed = parseTrace(lines.join("\n"), file, options);
  } catch (e) {
    if (!(e instanceof TraceFormatError)) throw e;
    throw e.line === 1
      ? new TraceFormatError(file, 0, `#meta ${CONFIG_META}: ${e.problem}`, "meta")
      : e.line === lines.length && violated !== null
        ? new TraceFormatError(file, 0, `#meta mirrorcheck::violated: ${e.problem}`, "meta")
        : new TraceFormatError(file, e.line - 1, `${ACTION_TAKEN}: ${e.problem}`, "state");
  }
  const all: TraceEntry[] = parsed.entries.map((e) => ({ ...e, line: e.line - 1 }));
  const violatedExpectation = violated === null ? null : (all.pop() ?? null);
  const loop = loopIndex(json.loop, states.length, file);
  // The loop entry goes after the loop-th action: entries are exactly the actions, in order.
  const entries = loop === null ? all : [...all.slice(0, loop), { kind: "loop" as const, line: loop, text: "loop" }, ...all.slice(loop)];
  return { trace: { ...parsed, entries }, states, violated, violatedExpectation, loop };
}

/** The first field where a replayed state differs from the one an ITF file records, or null. */
export function itfDifference(expected: Record<string, unknown>, actual: State): string | null {
  const want = expected;
  const got = stateToItf(actual);
  const walk = (path: string, a: unknown, b: unknown): string | null => {
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return `${path}: length ${a.length}, replay has ${b.length}`;
      for (let i = 0; i < a.length; i++) {
        const d = walk(`${path}[${i}]`, a[i], b[i]);
        if (d !== null) return d;
      }
      return null;
    }
    if (isRecord(a) && isRecord(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const d = walk(path ? `${path}.${key}` : key, a[key], b[key]);
        if (d !== null) return d;
      }
      return null;
    }
    return a === b ? null : `${path}: file has ${JSON.stringify(a)}, replay has ${JSON.stringify(b)}`;
  };
  return walk("", want, got);
}
