/** Client actions: commit a txn, and the primary's answer to it. */
import type { Config } from "../config.js";
import { dbidOf, instanceOfDbid } from "../config.js";
import { exists, peerIndex } from "../derived.js";
import type { State } from "../state.js";
import type { DraftState, GuardResult } from "./common.js";

/** ClientCommit(c): a new txn writes its commit record on the catalog primary of c. */
export function clientCommitGuard(cfg: Config, s: State, c: number): GuardResult {
  if (s.nextTxn > cfg.txns) return "every txn is used (nextTxn > txns)";
  const content = s.contents[c];
  const p = content.instances[content.catalog.primary];
  if (!p.alive || p.role !== "p") return "the catalog primary is not alive with role p";
  // Without mirrors, a segment failure stops the whole system: the coordinator refuses work.
  if (cfg.mirroring === "disabled" && s.contents.some((x) => !x.instances[0].alive)) {
    return "mirroring is disabled and some content's primary is down";
  }
  return undefined;
}

export function clientCommitEffect(cfg: Config, d: DraftState, c: number): void {
  const t = d.nextTxn;
  const i = d.contents[c].catalog.primary;
  d.contents[c].instances[i].wal.push(t);
  d.txns[t - 1] = { status: "waiting", content: c, dbid: dbidOf(cfg, c, i) };
  d.nextTxn = t + 1;
}

/**
 * CommitAck(t): the primary tells the client "committed". With sync rep in force it first
 * waits until the mirror reports the record flushed; the mirror need not be alive or linked
 * now (it reported the flush when it flushed).
 */
export function commitAckGuard(cfg: Config, s: State, t: number): GuardResult {
  const txn = s.txns[t - 1];
  if (txn === undefined || txn.status !== "waiting" || txn.dbid === null) return "the txn is not waiting";
  const where = instanceOfDbid(cfg, txn.dbid);
  if (where === null) return "the txn is not waiting";
  const content = s.contents[where.content];
  const inst = content.instances[where.index];
  if (!inst.alive || inst.role !== "p") return "the instance that wrote it is not alive with role p";
  if (!cfg.safeguards.commitWaitsForMirror || !inst.syncRepEffective) return undefined;
  const j = peerIndex(where.index);
  const peer = content.instances[j];
  if (!exists(content, j) || peer.role !== "m" || !peer.wal.includes(t)) {
    return "sync rep is in force and the mirror has not flushed the commit record";
  }
  return undefined;
}

export function commitAckEffect(d: DraftState, t: number): void {
  d.txns[t - 1].status = "acked";
}
