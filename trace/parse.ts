/**
 * Reads a trace file. Every problem is a TraceFormatError naming the line: an unknown action
 * or key, a bad value, an argument out of range for the configuration, a missing config.
 *
 * A trace written under a proposal names it on its config line, `variant=PATH` (relative to
 * the trace file's folder, docs/variants.md). Reading the file cannot import it (that is
 * asynchronous): the caller reads PATH with `traceVariantPath`, loads it with `loadVariant`
 * and passes the reference (ParseOptions.variant); `mirrorcheck replay` does so.
 */
import { canonicalConfig } from "../configs/index.js";
import {
  ACTION_ARG,
  ACTION_TYPES,
  ConfigError,
  familyArg,
  MIRRORING,
  PlacementError,
  PLACEMENTS,
  resolveConfig,
  SAFEGUARDS,
  SYNC_REP_RELOAD,
  type Action,
  type ActionType,
  type Config,
  type ConfigInput,
  type Safeguard,
  type VariantRef,
} from "../model/index.js";
import { LIVENESS_PROPERTIES, safetyPropertiesOf, witnessesOf } from "../properties/index.js";
import { TraceFormatError, type Expectation, type LivenessSubject, type TraceEntry, type TraceFile } from "./types.js";

/** Problems found while reading one line; the caller adds the file and line. */
class LineError extends Error {}

function fail(problem: string): never {
  throw new LineError(problem);
}

/** `key=value` tokens as a map; a token without `=` or a repeated key is an error. */
function keyValues(tokens: readonly string[], allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tokens) {
    const eq = t.indexOf("=");
    if (eq <= 0) fail(`expected key=value, got "${t}"`);
    const key = t.slice(0, eq);
    if (!allowed.includes(key)) fail(`unknown key "${key}" (expected one of: ${allowed.join(", ")})`);
    if (out.has(key)) fail(`key "${key}" given twice`);
    out.set(key, t.slice(eq + 1));
  }
  return out;
}

function int(key: string, value: string): number {
  if (!/^-?\d+$/.test(value)) fail(`${key} must be an integer, got "${value}"`);
  return Number(value);
}

function bool(key: string, value: string): boolean {
  if (value !== "true" && value !== "false") fail(`${key} must be true or false, got "${value}"`);
  return value === "true";
}

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) fail(`${key} must be one of ${allowed.join(", ")}, got "${value}"`);
  return found;
}

function parseConfig(tokens: readonly string[]): { name: string | null; input: ConfigInput; variantPath: string | null } {
  const kv = keyValues(tokens, [
    "variant",
    "name",
    "contents",
    "txns",
    "faults",
    "mirroring",
    "syncRepReload",
    "hosts",
    "placement",
    "off",
  ]);
  const name = kv.get("name") ?? null;
  let base: ConfigInput | null = null;
  if (name !== null) {
    try {
      base = canonicalConfig(name).input;
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  }
  const num = (key: "contents" | "txns" | "faults"): number => {
    const v = kv.get(key);
    if (v !== undefined) return int(key, v);
    if (base !== null) return base[key];
    return fail(`config needs ${key}= (or name=CONFIG); contents, txns and faults have no default`);
  };
  const off: Safeguard[] = [...(base?.off ?? [])];
  for (const g of (kv.get("off") ?? "").split(",").filter((x) => x.length > 0)) {
    off.push(oneOf("off", g, SAFEGUARDS));
  }
  const hostsText = kv.get("hosts");
  const placementText = kv.get("placement");
  if (placementText !== undefined && hostsText === undefined && !base?.hosts) fail("placement= needs hosts=");
  const hosts =
    hostsText !== undefined
      ? { count: int("hosts", hostsText), placement: oneOf("placement", placementText ?? "group", PLACEMENTS) }
      : base?.hosts
        ? { ...base.hosts, ...(placementText ? { placement: oneOf("placement", placementText, PLACEMENTS) } : {}) }
        : null;
  const mirroring = kv.get("mirroring");
  const reload = kv.get("syncRepReload");
  return {
    name,
    variantPath: kv.get("variant") ?? null,
    input: {
      contents: num("contents"),
      txns: num("txns"),
      faults: num("faults"),
      mirroring: mirroring !== undefined ? oneOf("mirroring", mirroring, MIRRORING) : base?.mirroring,
      syncRepReload: reload !== undefined ? oneOf("syncRepReload", reload, SYNC_REP_RELOAD) : base?.syncRepReload,
      hosts,
      off: [...new Set(off)],
    },
  };
}

function checkDbid(cfg: Config, dbid: number): number {
  if (dbid < 2 || dbid >= 2 + 2 * cfg.contents) {
    fail(`dbid ${dbid} names no instance (dbids are 2..${1 + 2 * cfg.contents} with ${cfg.contents} contents)`);
  }
  return dbid;
}

function checkContent(cfg: Config, c: number): number {
  if (c < 0 || c >= cfg.contents) fail(`content ${c} out of range (contents are 0..${cfg.contents - 1})`);
  return c;
}

/**
 * `Name arg=value` → an action, with its argument checked against the configuration. A
 * proposal's new family (docs/variants.md) is an action of the configuration that has it.
 */
export function parseAction(cfg: Config, tokens: readonly string[]): Action {
  const [name, ...args] = tokens;
  const type = ACTION_TYPES.find((t) => t === name) ?? (familyArg(cfg, name) === undefined ? undefined : name);
  if (type === undefined) fail(`unknown action "${name}" (see mirrorcheck list${cfg.variant ? `, and proposal ${cfg.variant.name}` : ""})`);
  const arg = familyArg(cfg, type) ?? null;
  if (arg === null) {
    if (args.length > 0) fail(`${type} takes no argument, got "${args.join(" ")}"`);
    return { type } as Action;
  }
  if (args.length !== 1) fail(`${type} takes one argument ${arg}=N`);
  const kv = keyValues(args, [arg]);
  const value = int(arg, kv.get(arg) ?? "");
  switch (arg) {
    case "content":
      checkContent(cfg, value);
      break;
    case "txn":
      if (value < 1 || value > cfg.txns) fail(`txn ${value} out of range (txns are 1..${cfg.txns})`);
      break;
    case "dbid":
      checkDbid(cfg, value);
      break;
    case "host":
      if (cfg.placement === null) fail(`${type} needs hosts in the config line`);
      if (value < 0 || value >= cfg.placement.hostCount) {
        fail(`host ${value} out of range (hosts are 0..${cfg.placement.hostCount - 1})`);
      }
      break;
  }
  return { type: type as ActionType, [arg]: value } as Action;
}

/** Every property a trace of this configuration may name: the contract's and its proposal's. */
function propertyNames(cfg: Config): string[] {
  return [...safetyPropertiesOf(cfg).map((p) => p.name), ...witnessesOf(cfg).map((w) => w.name), ...LIVENESS_PROPERTIES.map((p) => p.name)];
}

/** `content=C` or `txn=T` after a liveness property's name, checked against the configuration. */
function parseSubject(cfg: Config, property: string, tokens: readonly string[]): LivenessSubject | undefined {
  const live = LIVENESS_PROPERTIES.find((p) => p.name === property);
  if (live === undefined) {
    if (tokens.length > 0) fail(`${property} is not a liveness property: it takes no subject, got "${tokens.join(" ")}"`);
    return undefined;
  }
  const key = live.subject;
  if (tokens.length !== 1) fail(`${property} is a liveness property: name its subject, ${key}=N`);
  const id = int(key, keyValues(tokens, [key]).get(key) ?? "");
  if (!live.subjects(cfg).includes(id)) {
    if (key === "content") checkContent(cfg, id);
    fail(`txn ${id} out of range (txns are 1..${cfg.txns})`);
  }
  return { key, id };
}

function parseExpect(cfg: Config, tokens: readonly string[]): Expectation {
  const [what, ...rest] = tokens;
  if (what === undefined) fail("expect needs a fact (catalog, instance, wal, txn=N, enabled, disabled, holds, violated)");
  if (what.startsWith("txn=")) {
    const txn = int("txn", what.slice(4));
    if (txn < 1 || txn > cfg.txns) fail(`txn ${txn} out of range (txns are 1..${cfg.txns})`);
    if (rest.length !== 1) fail("expect txn=N needs one status: unused, waiting, acked or failed");
    return { kind: "txn", txn, status: oneOf("status", rest[0], ["unused", "waiting", "acked", "failed"] as const) };
  }
  switch (what) {
    case "catalog": {
      const kv = keyValues(rest, ["content", "primary", "mirrorUp", "mode"]);
      const cText = kv.get("content");
      if (cText === undefined) fail("expect catalog needs content=N");
      const content = checkContent(cfg, int("content", cText));
      const p = kv.get("primary");
      const primary = p === undefined ? undefined : int("primary", p);
      if (primary !== undefined && primary !== 2 + content && primary !== 2 + cfg.contents + content) {
        fail(`primary=${primary} is not a dbid of content ${content} (${2 + content} or ${2 + cfg.contents + content})`);
      }
      const m = kv.get("mirrorUp");
      const mode = kv.get("mode");
      return {
        kind: "catalog",
        content,
        ...(primary !== undefined ? { primary } : {}),
        ...(m !== undefined ? { mirrorUp: bool("mirrorUp", m) } : {}),
        ...(mode !== undefined ? { mode: oneOf("mode", mode, ["s", "n"] as const) } : {}),
      };
    }
    case "instance": {
      const kv = keyValues(rest, ["dbid", "role", "alive", "syncRep", "syncRepEffective"]);
      const d = kv.get("dbid");
      if (d === undefined) fail("expect instance needs dbid=N");
      const out: { -readonly [K in keyof Extract<Expectation, { kind: "instance" }>]: Extract<Expectation, { kind: "instance" }>[K] } = {
        kind: "instance",
        dbid: checkDbid(cfg, int("dbid", d)),
      };
      const role = kv.get("role");
      if (role !== undefined) out.role = oneOf("role", role, ["p", "m"] as const);
      for (const key of ["alive", "syncRep", "syncRepEffective"] as const) {
        const v = kv.get(key);
        if (v !== undefined) out[key] = bool(key, v);
      }
      return out;
    }
    case "wal": {
      if (rest.length !== 2) fail("expect wal needs dbid=N and a WAL (txn ids like 1,3, or - for empty)");
      const kv = keyValues([rest[0]], ["dbid"]);
      const dbid = checkDbid(cfg, int("dbid", kv.get("dbid") ?? ""));
      const wal = rest[1] === "-" ? [] : rest[1].split(",").map((t) => int("txn id", t));
      return { kind: "wal", dbid, wal };
    }
    case "enabled":
    case "disabled":
      return { kind: what, action: parseAction(cfg, rest) };
    case "holds":
    case "violated": {
      if (rest.length === 0) fail(`expect ${what} needs a property name`);
      if (!propertyNames(cfg).includes(rest[0])) fail(`unknown property "${rest[0]}" (see mirrorcheck list)`);
      const subject = parseSubject(cfg, rest[0], rest.slice(1));
      return { kind: what, property: rest[0], ...(subject === undefined ? {} : { subject }) };
    }
    default:
      return fail(`unknown expectation "${what}" (catalog, instance, wal, txn=N, enabled, disabled, holds, violated)`);
  }
}

export interface ParseOptions {
  /**
   * The proposal the trace runs under: the loaded `variant=PATH` of its config line, or one
   * that replaces it (`replay --variant`). Needed when the config line names a proposal.
   */
  readonly variant?: VariantRef | null;
}

/**
 * The `variant=PATH` of a trace's config line as written, or null (no config line, no
 * variant). For ITF JSON, the config line is its `#meta` "mirrorcheck::config".
 */
export function traceVariantPath(text: string): string | null {
  if (text.trimStart().startsWith("{")) {
    try {
      const meta = (JSON.parse(text) as { "#meta"?: Record<string, unknown> })["#meta"];
      const line = meta?.["mirrorcheck::config"];
      return typeof line === "string" ? traceVariantPath(line) : null;
    } catch {
      return null;
    }
  }
  for (const line of text.split(/\r?\n/)) {
    const body = line.replace(/#.*$/, "").trim();
    if (body.length === 0) continue;
    const tokens = body.split(/\s+/);
    if (tokens[0] !== "config") return null;
    const t = tokens.find((x) => x.startsWith("variant="));
    return t === undefined ? null : t.slice("variant=".length);
  }
  return null;
}

/** Parses a trace file's text. `file` names it in error messages. */
export function parseTrace(text: string, file = "trace", options: ParseOptions = {}): TraceFile {
  let configName: string | null = null;
  let variantPath: string | null = null;
  let config: ConfigInput | null = null;
  let cfg: Config | null = null;
  const entries: TraceEntry[] = [];
  let loopLine: number | null = null;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const body = lines[n].replace(/#.*$/, "").trim();
    if (body.length === 0) continue;
    const tokens = body.split(/\s+/);
    try {
      if (cfg === null) {
        if (tokens[0] !== "config") fail(`the first line must be "config name=NAME" or "config contents=K txns=W faults=F ...", got "${tokens[0]}"`);
        const parsed = parseConfig(tokens.slice(1));
        configName = parsed.name;
        variantPath = parsed.variantPath;
        const variant = options.variant ?? null;
        if (variantPath !== null && variant === null) {
          fail(`the trace runs under proposal variant=${variantPath}: load it with loadVariant and pass it (mirrorcheck replay does)`);
        }
        config = variant === null ? parsed.input : { ...parsed.input, variant };
        cfg = resolveConfig(config);
        continue;
      }
      if (tokens[0] === "config") fail("a second config line");
      if (tokens[0] === "loop") {
        if (tokens.length > 1) fail(`loop takes no argument, got "${tokens.slice(1).join(" ")}"`);
        // One cycle per lasso: a second loop would leave the first cycle's return unchecked.
        if (loopLine !== null) fail(`a second loop line (the first is line ${loopLine}); a trace has at most one cycle`);
        loopLine = lineNo;
        entries.push({ kind: "loop", line: lineNo, text: body });
        continue;
      }
      if (tokens[0] === "expect") {
        entries.push({ kind: "expect", line: lineNo, text: body, expect: parseExpect(cfg, tokens.slice(1)) });
      } else {
        entries.push({ kind: "action", line: lineNo, text: body, action: parseAction(cfg, tokens) });
      }
    } catch (e) {
      if (e instanceof LineError || e instanceof ConfigError || e instanceof PlacementError) {
        throw new TraceFormatError(file, lineNo, e.message);
      }
      throw e;
    }
  }
  if (config === null) throw new TraceFormatError(file, Math.max(1, lines.length), "no config line");
  return { configName, config, entries, variantPath };
}
