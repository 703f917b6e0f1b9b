/**
 * Derived notions of docs/protocol.md section 2, used by guards and properties. None of them is
 * stored: they are functions of the state.
 */
import type { Config } from "./config.js";
import type { Content, Instance, InstanceIndex, State } from "./state.js";

export function peerIndex(i: InstanceIndex): InstanceIndex {
  return i === 0 ? 1 : 0;
}

/** Whether instance i of the content exists (instance 1 only once the content has a mirror). */
export function exists(content: Content, i: InstanceIndex): boolean {
  return i === 0 || content.hasMirror;
}

export function catalogPrimary(content: Content): Instance {
  return content.instances[content.catalog.primary];
}

export function catalogMirror(content: Content): Instance {
  return content.instances[peerIndex(content.catalog.primary)];
}

/** Whether `a` is a prefix of `b` (equal counts as prefix). */
export function isPrefix(a: readonly number[], b: readonly number[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function walEquals(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && isPrefix(a, b);
}

/**
 * The streaming source of the content, or -1 if it does not stream: it has a mirror, one
 * instance is alive as `p` (the source), the other alive as `m` (the target), the link is
 * up, and the target's WAL is a prefix of the source's.
 */
export function streamSource(content: Content): InstanceIndex | -1 {
  if (!content.hasMirror || content.link !== "up") return -1;
  const [a, b] = content.instances;
  if (!a.alive || !b.alive) return -1;
  if (a.role === "p" && b.role === "m") return isPrefix(b.wal, a.wal) ? 0 : -1;
  if (a.role === "m" && b.role === "p") return isPrefix(a.wal, b.wal) ? 1 : -1;
  return -1;
}

export function streams(content: Content): boolean {
  return streamSource(content) !== -1;
}

/** The mirror is up as the catalog primary sees it: it streams from the catalog primary. */
export function mirrorUpSeenBy(content: Content): boolean {
  return streamSource(content) === content.catalog.primary;
}

/** In sync as the catalog primary sees it: mirror up and the walsender STREAMING. */
export function inSyncSeenBy(content: Content): boolean {
  return content.walSenderStreaming && mirrorUpSeenBy(content);
}

/** The content streams and the target holds all of the source's WAL. */
export function caughtUp(content: Content): boolean {
  const s = streamSource(content);
  if (s === -1) return false;
  return content.instances[s].wal.length === content.instances[peerIndex(s)].wal.length;
}

/**
 * Whether instance i can acknowledge commits: alive, role `p`, and either sync rep not in
 * force or its peer exists with role `m` (CommitAck's guard without the txn).
 */
export function canAcknowledge(content: Content, i: InstanceIndex): boolean {
  const inst = content.instances[i];
  if (!inst.alive || inst.role !== "p") return false;
  if (!inst.syncRepEffective) return true;
  const j = peerIndex(i);
  return exists(content, j) && content.instances[j].role === "m";
}

/** Double fault: the content has a mirror, its catalog primary is down and the mode is `n`. */
export function inDoubleFault(content: Content): boolean {
  return content.hasMirror && !catalogPrimary(content).alive && content.catalog.mode === "n";
}

/** Txns acknowledged to the client on content c (ids). History, for properties only. */
export function ackedTxnsOf(state: State, c: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < state.txns.length; t++) {
    const txn = state.txns[t];
    if (txn.status === "acked" && txn.content === c) out.push(t + 1);
  }
  return out;
}

/** The catalog dbid of the instance that is catalog primary of content c. */
export function catalogPrimaryDbid(cfg: Config, state: State, c: number): number {
  const i = state.contents[c].catalog.primary;
  return i === 0 ? 2 + c : 2 + cfg.contents + c;
}
