/**
 * A compact binary encoding of a state: the binary twin of `stateKey` (key.ts). The checker
 * hashes these bytes into 64-bit fingerprints, keeps its BFS queue in them (a few dozen
 * bytes per state instead of a tree of objects) and ships them to worker threads.
 *
 * Injective: two states of one configuration have the same bytes exactly when every field
 * of docs/protocol.md's state is equal, and `decodeState` gives the state back (a test checks
 * the round trip on every reachable state of several configurations). Layout, one byte each:
 *
 *   faults, nextTxn,
 *   per content c (0..K-1):
 *     content byte: bit 0 hasMirror, bit 1 catalog primary is instance 1, bit 2 catalog
 *       mirrorUp, bit 3 mode s, bit 4 link up, bit 5 walSenderStreaming, bits 6-7 ftsMsg;
 *     per instance (0, 1): bit 0 role p, bit 1 alive, bit 2 syncRep, bit 3 syncRepEffective,
 *       bits 4-7 WAL length n; then n bytes, the WAL's txn ids;
 *   per txn (1..W): bits 0-1 status, bit 2 the instance index of its dbid, bits 3-5 its
 *     content (0 for an unused txn, whose content and dbid are null).
 *
 * Limits: W <= 6 and K <= 8 (config.ts), so a WAL length fits 4 bits and a content 3.
 */
import type { Config } from "./config.js";
import type { Content, FtsMsg, Instance, State, Txn, TxnStatus } from "./state.js";

const FTS_MSGS: readonly FtsMsg[] = ["none", "syncRepOff", "promote", "markDown"];
const STATUSES: readonly TxnStatus[] = ["unused", "waiting", "acked", "failed"];

// Written as comparisons rather than lookup tables: this runs for every generated state.
function ftsCode(m: FtsMsg): number {
  return m === "none" ? 0 : m === "syncRepOff" ? 1 : m === "promote" ? 2 : 3;
}

function statusCode(s: TxnStatus): number {
  return s === "unused" ? 0 : s === "waiting" ? 1 : s === "acked" ? 2 : 3;
}

/** The most bytes a state of `cfg` can take. */
export function maxStateBytes(cfg: Config): number {
  return 2 + cfg.contents * (1 + 2 * (1 + cfg.txns)) + cfg.txns;
}

export function contentByte(c: Content): number {
  return (
    (c.hasMirror ? 1 : 0) |
    (c.catalog.primary === 1 ? 2 : 0) |
    (c.catalog.mirrorUp ? 4 : 0) |
    (c.catalog.mode === "s" ? 8 : 0) |
    (c.link === "up" ? 16 : 0) |
    (c.walSenderStreaming ? 32 : 0) |
    (ftsCode(c.ftsMsg) << 6)
  );
}

/** Writes an instance at `at`; returns the position after it. */
export function writeInstance(x: Instance, out: Uint8Array, at: number): number {
  const wal = x.wal;
  const n = wal.length;
  out[at++] = (x.role === "p" ? 1 : 0) | (x.alive ? 2 : 0) | (x.syncRep ? 4 : 0) | (x.syncRepEffective ? 8 : 0) | (n << 4);
  for (let i = 0; i < n; i++) out[at++] = wal[i];
  return at;
}

/** Writes one content (its byte and both instances) at `at`; returns the position after it. */
export function writeContent(c: Content, out: Uint8Array, at: number): number {
  out[at++] = contentByte(c);
  at = writeInstance(c.instances[0], out, at);
  return writeInstance(c.instances[1], out, at);
}

/** The txn byte, with its content written as `content` (symmetry.ts renames contents). */
export function txnByte(cfg: Config, t: Txn, content: number): number {
  if (t.status === "unused") return 0;
  const index = t.dbid !== null && t.dbid >= 2 + cfg.contents ? 4 : 0;
  return statusCode(t.status) | index | (content << 3);
}

/** Writes `s` into `out` (at least `maxStateBytes(cfg)` long); returns the number of bytes. */
export function encodeState(cfg: Config, s: State, out: Uint8Array): number {
  out[0] = s.faults;
  out[1] = s.nextTxn;
  let at = 2;
  const contents = s.contents;
  for (let c = 0; c < contents.length; c++) at = writeContent(contents[c], out, at);
  const txns = s.txns;
  for (let t = 0; t < txns.length; t++) out[at++] = txnByte(cfg, txns[t], txns[t].content ?? 0);
  return at;
}

/** Reads the instance at `bytes[at]` (`instanceEnd` says where it ends). */
function readInstance(bytes: Uint8Array, at: number): Instance {
  const b = bytes[at++];
  const n = b >>> 4;
  const wal: number[] = [];
  for (let i = 0; i < n; i++) wal.push(bytes[at + i]);
  return { role: b & 1 ? "p" : "m", alive: (b & 2) !== 0, wal, syncRep: (b & 4) !== 0, syncRepEffective: (b & 8) !== 0 };
}

function instanceEnd(bytes: Uint8Array, at: number): number {
  return at + 1 + (bytes[at] >>> 4);
}

/** The state whose encoding is `bytes[start..)`. */
export function decodeState(cfg: Config, bytes: Uint8Array, start: number): State {
  const faults = bytes[start];
  const nextTxn = bytes[start + 1];
  let at = start + 2;
  const contents: Content[] = [];
  for (let c = 0; c < cfg.contents; c++) {
    const b = bytes[at++];
    const i0 = readInstance(bytes, at);
    at = instanceEnd(bytes, at);
    const i1 = readInstance(bytes, at);
    at = instanceEnd(bytes, at);
    contents.push({
      hasMirror: (b & 1) !== 0,
      instances: [i0, i1],
      catalog: { primary: b & 2 ? 1 : 0, mirrorUp: (b & 4) !== 0, mode: b & 8 ? "s" : "n" },
      link: b & 16 ? "up" : "down",
      walSenderStreaming: (b & 32) !== 0,
      ftsMsg: FTS_MSGS[b >>> 6],
    });
  }
  const txns: Txn[] = [];
  for (let t = 0; t < cfg.txns; t++) {
    const b = bytes[at++];
    const status = STATUSES[b & 3];
    if (status === "unused") {
      txns.push({ status, content: null, dbid: null });
    } else {
      const c = (b >>> 3) & 7;
      txns.push({ status, content: c, dbid: b & 4 ? 2 + cfg.contents + c : 2 + c });
    }
  }
  return { contents, txns, nextTxn, faults };
}
