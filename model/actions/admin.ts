/** Administration: gprecoverseg (incremental, full, rebalance) and gpaddmirrors. */
import type { Config } from "../config.js";
import { dbidOf } from "../config.js";
import { catalogPrimary, isPrefix, peerIndex } from "../derived.js";
import type { State } from "../state.js";
import { applyRow, probeFailureRow } from "./fts.js";
import { failWaiters, stopInstance, type DraftState, type GuardResult } from "./common.js";

/** The guard shared by both recoveries: the catalog mirror is down and the primary runs. */
export function recoverGuard(s: State, c: number): GuardResult {
  const content = s.contents[c];
  if (!content.hasMirror) return "the content has no mirror";
  if (content.catalog.mirrorUp) return "the catalog says the mirror is up";
  const p = catalogPrimary(content);
  if (!p.alive || p.role !== "p") return "the catalog primary is not alive with role p";
  return undefined;
}

/** Stops the catalog mirror if it runs (a zombie old primary's waiters fail) and restarts it as a mirror. */
function restartAsMirror(cfg: Config, d: DraftState, c: number): void {
  const content = d.contents[c];
  const mi = peerIndex(content.catalog.primary);
  const m = content.instances[mi];
  if (m.alive) failWaiters(d, dbidOf(cfg, c, mi));
  m.alive = true;
  m.role = "m";
  m.syncRep = false;
  m.syncRepEffective = false;
  content.walSenderStreaming = false;
}

/** RecoverIncremental(c): pg_rewind cuts a diverged WAL back to the common prefix. */
export function recoverIncrementalEffect(cfg: Config, d: DraftState, c: number): void {
  const content = d.contents[c];
  const pw = content.instances[content.catalog.primary].wal;
  const m = content.instances[peerIndex(content.catalog.primary)];
  // pg_rewind; the bug variant lets the mirror keep a tail its primary never had.
  if (cfg.safeguards.incrementalRecoveryRewinds && !isPrefix(m.wal, pw)) {
    let n = 0;
    while (n < m.wal.length && n < pw.length && m.wal[n] === pw[n]) n++;
    m.wal.length = n;
  }
  restartAsMirror(cfg, d, c);
}

/** RecoverFull(c): pg_basebackup copies the primary's WAL. */
export function recoverFullEffect(cfg: Config, d: DraftState, c: number): void {
  const content = d.contents[c];
  const m = content.instances[peerIndex(content.catalog.primary)];
  m.wal = [...content.instances[content.catalog.primary].wal];
  restartAsMirror(cfg, d, c);
}

/**
 * Rebalance(c): gprecoverseg -r stops the acting primary that is the preferred mirror and at
 * once requests an FTS probe (gp_request_fts_probe_scan), which finds it down. Stop and probe
 * are one step: nothing restarts the stopped instance in between in the real tool, and as two
 * steps a fair SegmentRestart could race the probe for ever.
 */
export function rebalanceGuard(cfg: Config, s: State, c: number): GuardResult {
  const content = s.contents[c];
  if (!content.hasMirror) return "the content has no mirror";
  if (content.ftsMsg !== "none") return "FTS still owes the content a message";
  if (content.catalog.primary !== 1) return "the catalog primary is the preferred primary already";
  if (cfg.safeguards.rebalanceRequiresInSync && content.catalog.mode !== "s") return "the pair is not in sync (mode n)";
  if (!catalogPrimary(content).alive) return "the catalog primary is not alive";
  return undefined;
}

export function rebalanceEffect(cfg: Config, d: DraftState, c: number): void {
  stopInstance(cfg, d, c, 1);
  applyRow(cfg, d, c, probeFailureRow(cfg, d.contents[c]));
}

/** AddMirror(c): gpaddmirrors builds the mirror from a base backup of the primary. */
export function addMirrorGuard(cfg: Config, s: State, c: number): GuardResult {
  if (cfg.mirroring !== "addLater") return "only with mirroring=addLater";
  const content = s.contents[c];
  if (content.hasMirror) return "the content already has a mirror";
  const p = content.instances[0];
  if (!p.alive || p.role !== "p") return "instance 0 is not alive with role p";
  return undefined;
}

export function addMirrorEffect(d: DraftState, c: number): void {
  const content = d.contents[c];
  content.instances[1] = {
    role: "m",
    alive: true,
    wal: [...content.instances[0].wal],
    syncRep: false,
    syncRepEffective: false,
  };
  content.hasMirror = true;
  content.catalog = { primary: 0, mirrorUp: false, mode: "n" };
  content.link = "up";
  content.walSenderStreaming = false;
}
