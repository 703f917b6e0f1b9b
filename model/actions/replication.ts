/** Replication: WAL streaming, the walsender's state, and the sync rep setting. */
import type { Config } from "../config.js";
import { instanceOfDbid } from "../config.js";
import { caughtUp, exists, peerIndex, streamSource } from "../derived.js";
import type { State } from "../state.js";
import { setSyncRep, type DraftState, type GuardResult } from "./common.js";

/** WalStream(c): the mirror flushes the next record of the primary's WAL. */
export function walStreamGuard(s: State, c: number): GuardResult {
  const content = s.contents[c];
  const src = streamSource(content);
  if (src === -1) return "the content does not stream (no alive p/m pair with link up and prefix WAL)";
  if (content.instances[peerIndex(src)].wal.length >= content.instances[src].wal.length) {
    return "the mirror already holds all of the primary's WAL";
  }
  return undefined;
}

export function walStreamEffect(d: DraftState, c: number): void {
  const content = d.contents[c];
  const src = streamSource(content);
  if (src === -1) return;
  const target = content.instances[peerIndex(src)];
  target.wal.push(content.instances[src].wal[target.wal.length]);
}

/** WalSenderCaughtUp(c): the walsender moves from CATCHUP to STREAMING. */
export function walSenderCaughtUpGuard(s: State, c: number): GuardResult {
  const content = s.contents[c];
  if (content.walSenderStreaming) return "the walsender is already STREAMING";
  if (!caughtUp(content)) return "the mirror has not caught up (or the content does not stream)";
  return undefined;
}

export function walSenderCaughtUpEffect(d: DraftState, c: number): void {
  d.contents[c].walSenderStreaming = true;
}

/** ConfigReload(dbid): the changed sync rep setting takes effect (deferred reload only). */
export function configReloadGuard(cfg: Config, s: State, dbid: number): GuardResult {
  if (cfg.syncRepReload !== "deferred") return "only with syncRepReload=deferred";
  const where = instanceOfDbid(cfg, dbid);
  if (where === null) return "no such instance";
  const content = s.contents[where.content];
  if (!exists(content, where.index)) return "the instance does not exist";
  const inst = content.instances[where.index];
  if (!inst.alive) return "the instance is not alive";
  if (inst.syncRepEffective === inst.syncRep) return "the setting in force already equals the persisted one";
  return undefined;
}

export function configReloadEffect(cfg: Config, d: DraftState, dbid: number): void {
  const where = instanceOfDbid(cfg, dbid);
  if (where === null) return;
  const inst = d.contents[where.content].instances[where.index];
  inst.syncRepEffective = inst.syncRep;
}

/** PrimaryEnableSyncRep(c): bug variant only; the streaming primary turns sync rep on. */
export function primaryEnableSyncRepGuard(cfg: Config, s: State, c: number): GuardResult {
  if (cfg.safeguards.syncRepOnBeforeInSync) return "only with safeguard syncRepOnBeforeInSync off";
  const content = s.contents[c];
  const src = streamSource(content);
  if (src === -1) return "the content does not stream";
  if (content.instances[src].syncRep) return "the source already has sync rep on";
  return undefined;
}

export function primaryEnableSyncRepEffect(cfg: Config, d: DraftState, c: number): void {
  const src = streamSource(d.contents[c]);
  if (src !== -1) setSyncRep(cfg, d, c, src, true);
}
