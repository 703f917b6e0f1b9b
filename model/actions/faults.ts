/** Faults (each spends one unit of the budget) and restarts. */
import type { Config } from "../config.js";
import { instanceOfDbid } from "../config.js";
import { exists } from "../derived.js";
import type { State } from "../state.js";
import { faultBudgetLeft, stopInstance, type DraftState, type GuardResult } from "./common.js";

/** SegmentCrash(dbid): fault; a running instance dies, failing the clients that wait on it. */
export function segmentCrashGuard(cfg: Config, s: State, dbid: number): GuardResult {
  if (!faultBudgetLeft(cfg, s)) return "the fault budget is spent";
  const where = instanceOfDbid(cfg, dbid);
  if (where === null) return "no such instance";
  const content = s.contents[where.content];
  if (!exists(content, where.index)) return "the instance does not exist";
  if (!content.instances[where.index].alive) return "the instance is not alive";
  return undefined;
}

export function segmentCrashEffect(cfg: Config, d: DraftState, dbid: number): void {
  const where = instanceOfDbid(cfg, dbid);
  if (where === null) return;
  d.faults += 1;
  stopInstance(cfg, d, where.content, where.index);
}

/** HostCrash(h): fault; every running instance on the host dies (one fault in all). */
export function hostCrashGuard(cfg: Config, s: State, h: number): GuardResult {
  if (cfg.placement === null) return "only with hosts";
  if (!faultBudgetLeft(cfg, s)) return "the fault budget is spent";
  const on = cfg.placement.instancesOn[h];
  if (on === undefined) return "no such host";
  for (const [c, i] of on) {
    if (exists(s.contents[c], i) && s.contents[c].instances[i].alive) return undefined;
  }
  return "no instance on the host is alive";
}

export function hostCrashEffect(cfg: Config, d: DraftState, h: number): void {
  if (cfg.placement === null) return;
  d.faults += 1;
  for (const [c, i] of cfg.placement.instancesOn[h]) {
    if (exists(d.contents[c], i) && d.contents[c].instances[i].alive) stopInstance(cfg, d, c, i);
  }
}

/** LinkCut(c): fault; the network between the content's instances breaks, ending replication. */
export function linkCutGuard(cfg: Config, s: State, c: number): GuardResult {
  if (!faultBudgetLeft(cfg, s)) return "the fault budget is spent";
  const content = s.contents[c];
  if (!content.hasMirror) return "the content has no mirror";
  if (content.link !== "up") return "the link is already down";
  return undefined;
}

export function linkCutEffect(d: DraftState, c: number): void {
  d.faults += 1;
  d.contents[c].link = "down";
  d.contents[c].walSenderStreaming = false;
}

/** LinkHeal(c): the network comes back; a new replication connection starts in CATCHUP. */
export function linkHealGuard(s: State, c: number): GuardResult {
  return s.contents[c].link === "down" ? undefined : "the link is up";
}

export function linkHealEffect(d: DraftState, c: number): void {
  d.contents[c].link = "up";
}

/**
 * SegmentRestart(dbid): a stopped instance starts again in its old role and reads its
 * persisted sync rep setting. A crashed old primary can come back as a primary after its
 * mirror was promoted: a zombie that the coordinator no longer sends work to.
 */
export function segmentRestartGuard(cfg: Config, s: State, dbid: number): GuardResult {
  const where = instanceOfDbid(cfg, dbid);
  if (where === null) return "no such instance";
  const content = s.contents[where.content];
  if (!exists(content, where.index)) return "the instance does not exist";
  if (content.instances[where.index].alive) return "the instance is already alive";
  return undefined;
}

export function segmentRestartEffect(cfg: Config, d: DraftState, dbid: number): void {
  const where = instanceOfDbid(cfg, dbid);
  if (where === null) return;
  const content = d.contents[where.content];
  const inst = content.instances[where.index];
  inst.alive = true;
  inst.syncRepEffective = inst.syncRep;
  content.walSenderStreaming = false;
}
