/**
 * The model's shape, checked after every effect a proposal wrote (a changed or new family):
 * the same keys, array lengths and value domains the codec encodes (codec.ts, state.ts). A
 * state outside them would be stored wrong or not at all, so the run stops with the first
 * difference, named by its path: `contents[0].catalog.mode is "x", not one of s, n`.
 */
import type { Config } from "../config.js";

type Problem = string | undefined;

const show = (v: unknown): string => (v === undefined ? "undefined" : typeof v === "function" ? "a function" : JSON.stringify(v) ?? String(v));

function keys(path: string, v: unknown, expected: readonly string[]): Problem {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return `${path} is ${show(v)}, not an object`;
  const got = Object.keys(v);
  const extra = got.filter((k) => !expected.includes(k));
  if (extra.length > 0) return `${path} has an unknown key "${extra[0]}"`;
  const missing = expected.filter((k) => !got.includes(k));
  if (missing.length > 0) return `${path} has no key "${missing[0]}"`;
  return undefined;
}

function oneOf(path: string, v: unknown, allowed: readonly unknown[]): Problem {
  return allowed.includes(v) ? undefined : `${path} is ${show(v)}, not one of ${allowed.join(", ")}`;
}

function bool(path: string, v: unknown): Problem {
  return typeof v === "boolean" ? undefined : `${path} is ${show(v)}, not true or false`;
}

function int(path: string, v: unknown, min: number, max: number): Problem {
  return Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `${path} is ${show(v)}, not an integer from ${min} to ${max}`;
}

function array(path: string, v: unknown, length: number | null): Problem {
  if (!Array.isArray(v)) return `${path} is ${show(v)}, not an array`;
  if (length !== null && v.length !== length) return `${path} has ${v.length} elements, not ${length}`;
  return undefined;
}

function instance(cfg: Config, path: string, x: Record<string, unknown>): Problem {
  return (
    keys(path, x, ["role", "alive", "wal", "syncRep", "syncRepEffective"]) ??
    oneOf(`${path}.role`, x.role, ["p", "m"]) ??
    bool(`${path}.alive`, x.alive) ??
    array(`${path}.wal`, x.wal, null) ??
    ((x.wal as unknown[]).length > 15 ? `${path}.wal has ${(x.wal as unknown[]).length} records, more than 15` : undefined) ??
    (x.wal as unknown[]).reduce<Problem>((p, t, i) => p ?? int(`${path}.wal[${i}]`, t, 1, cfg.txns), undefined) ??
    bool(`${path}.syncRep`, x.syncRep) ??
    bool(`${path}.syncRepEffective`, x.syncRepEffective)
  );
}

function content(cfg: Config, path: string, c: Record<string, unknown>): Problem {
  const p =
    keys(path, c, ["hasMirror", "instances", "catalog", "link", "walSenderStreaming", "ftsMsg"]) ??
    bool(`${path}.hasMirror`, c.hasMirror) ??
    array(`${path}.instances`, c.instances, 2) ??
    keys(`${path}.catalog`, c.catalog, ["primary", "mirrorUp", "mode"]);
  if (p !== undefined) return p;
  const cat = c.catalog as Record<string, unknown>;
  const inst = c.instances as Record<string, unknown>[];
  return (
    instance(cfg, `${path}.instances[0]`, inst[0]) ??
    instance(cfg, `${path}.instances[1]`, inst[1]) ??
    oneOf(`${path}.catalog.primary`, cat.primary, [0, 1]) ??
    bool(`${path}.catalog.mirrorUp`, cat.mirrorUp) ??
    oneOf(`${path}.catalog.mode`, cat.mode, ["s", "n"]) ??
    oneOf(`${path}.link`, c.link, ["up", "down"]) ??
    bool(`${path}.walSenderStreaming`, c.walSenderStreaming) ??
    oneOf(`${path}.ftsMsg`, c.ftsMsg, ["none", "syncRepOff", "promote", "markDown"])
  );
}

function txn(cfg: Config, path: string, t: Record<string, unknown>): Problem {
  const p = keys(path, t, ["status", "content", "dbid"]) ?? oneOf(`${path}.status`, t.status, ["unused", "waiting", "acked", "failed"]);
  if (p !== undefined) return p;
  if (t.status === "unused") {
    return t.content !== null || t.dbid !== null ? `${path} is unused but its content or dbid is not null` : undefined;
  }
  const c = int(`${path}.content`, t.content, 0, cfg.contents - 1);
  if (c !== undefined) return c;
  const k = t.content as number;
  return oneOf(`${path}.dbid`, t.dbid, [2 + k, 2 + cfg.contents + k]);
}

/** The first way `s` (a state or a draft) differs from the model's shape, or undefined. */
export function shapeProblem(cfg: Config, s: unknown): Problem {
  const p =
    keys("the state", s, ["contents", "txns", "nextTxn", "faults"]) ??
    array("contents", (s as Record<string, unknown>).contents, cfg.contents) ??
    array("txns", (s as Record<string, unknown>).txns, cfg.txns);
  if (p !== undefined) return p;
  const st = s as { contents: Record<string, unknown>[]; txns: Record<string, unknown>[]; nextTxn: unknown; faults: unknown };
  for (let c = 0; c < st.contents.length; c++) {
    const q = content(cfg, `contents[${c}]`, st.contents[c]);
    if (q !== undefined) return q;
  }
  for (let t = 0; t < st.txns.length; t++) {
    const q = txn(cfg, `txns[${t}]`, st.txns[t]);
    if (q !== undefined) return q;
  }
  return int("nextTxn", st.nextTxn, 1, cfg.txns + 1) ?? int("faults", st.faults, 0, cfg.faults);
}
