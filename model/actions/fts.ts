/**
 * FTS on the coordinator: the probe and its decision table (rows of `processResponse()` in
 * Greenplum's src/backend/fts/ftsprobe.c), and the messages FTS sends afterwards.
 * Rows B, E1 and E2 (grace period, retries, recovery in progress) only delay a decision,
 * so in an untimed model they are stutter steps and are left out.
 */
import type { Config } from "../config.js";
import { caughtUp, catalogPrimary, inSyncSeenBy, mirrorUpSeenBy, peerIndex } from "../derived.js";
import type { Content, State } from "../state.js";
import { faultBudgetLeft, setSyncRep, type DraftState, type GuardResult } from "./common.js";

/** A row of FTS's decision table. */
export type FtsRow = "A" | "C" | "D1" | "D2" | "D3" | "E3" | "E4";

export const FTS_ROWS: Readonly<Record<FtsRow, string>> = {
  A: "probe answered, sync rep on, mirror not up: mark the mirror down (mode n), then send SYNCREP_OFF",
  C: "probe answered by a mirror: a PROMOTE was lost, send it again",
  D1: "probe answered, mirror up and STREAMING: mark the pair up and in sync (mode s)",
  D2: "probe answered, mirror up but not in sync: mark the mirror up, mode n",
  D3: "probe answered, mirror not up and sync rep off: mark the mirror down, mode n",
  E3: "probe failed and the pair was in sync: flip the catalog and send PROMOTE to the mirror",
  E4: "probe failed and the pair was not in sync: double fault, nothing changes",
};

/** What one probe decides, computed from the state before it. */
export interface ProbeDecision {
  readonly row: FtsRow;
  /** The probe handler on the primary turns sync rep on before replying. */
  readonly handlerEnablesSyncRep: boolean;
}

/** The decision after a failed probe (the primary is unreachable or timed out). */
export function probeFailureRow(cfg: Config, content: Content): FtsRow {
  // E3 requires mode s: promotion of a mirror FTS never saw in sync may lose acked commits.
  return content.catalog.mode === "s" || !cfg.safeguards.promoteRequiresInSync ? "E3" : "E4";
}

/** The decision of FtsProbe(c): the probe handler first, then the first matching row. */
export function probeDecision(cfg: Config, content: Content): ProbeDecision {
  const p = catalogPrimary(content);
  if (!p.alive) return { row: probeFailureRow(cfg, content), handlerEnablesSyncRep: false };
  const mup = mirrorUpSeenBy(content);
  const handlerEnablesSyncRep = p.role === "p" && !p.syncRep && mup && cfg.safeguards.syncRepOnBeforeInSync;
  // E is the persisted setting after the handler: the probe reports the setting, not its effect.
  const e = p.syncRep || handlerEnablesSyncRep;
  // Row C resends a PROMOTE lost to an FTS restart; without it the rows below read the reply.
  if (p.role === "m" && cfg.safeguards.resendLostPromote) return { row: "C", handlerEnablesSyncRep };
  if (e && !mup) return { row: "A", handlerEnablesSyncRep };
  if (mup && inSyncSeenBy(content)) {
    // With inSyncOnlyWhenCaughtUp, an upgrade from n to s also needs the mirror to hold all
    // the WAL and sync rep to have been on before this probe (read before the handler ran).
    const upgradeAllowed =
      content.catalog.mode === "s" || !cfg.safeguards.inSyncOnlyWhenCaughtUp || (caughtUp(content) && p.syncRep);
    return { row: upgradeAllowed ? "D1" : "D2", handlerEnablesSyncRep };
  }
  if (mup) return { row: "D2", handlerEnablesSyncRep };
  return { row: "D3", handlerEnablesSyncRep };
}

export function applyRow(cfg: Config, d: DraftState, c: number, row: FtsRow): void {
  const content = d.contents[c];
  const cat = content.catalog;
  switch (row) {
    case "C":
      content.ftsMsg = "promote";
      return;
    case "A":
      // The catalog is written before SYNCREP_OFF is sent; the bug variant defers it to FtsMarkDown.
      if (cfg.safeguards.markDownBeforeSyncRepOff) {
        cat.mirrorUp = false;
        cat.mode = "n";
      }
      content.ftsMsg = "syncRepOff";
      return;
    case "D1":
      cat.mirrorUp = true;
      cat.mode = "s";
      return;
    case "D2":
      cat.mirrorUp = true;
      cat.mode = "n";
      return;
    case "D3":
      cat.mirrorUp = false;
      cat.mode = "n";
      return;
    case "E3":
      cat.primary = peerIndex(cat.primary);
      cat.mirrorUp = false;
      cat.mode = "n";
      content.ftsMsg = "promote";
      return;
    case "E4":
      return;
  }
}

/** FtsProbe(c): FTS probes the catalog primary of a mirrored content. */
export function ftsProbeGuard(s: State, c: number): GuardResult {
  const content = s.contents[c];
  if (!content.hasMirror) return "the content has no mirror";
  if (content.ftsMsg !== "none") return "FTS still owes the content a message";
  return undefined;
}

export function ftsProbeEffect(cfg: Config, d: DraftState, c: number): void {
  const decision = probeDecision(cfg, d.contents[c]);
  if (decision.handlerEnablesSyncRep) setSyncRep(cfg, d, c, d.contents[c].catalog.primary, true);
  applyRow(cfg, d, c, decision.row);
}

/** FtsProbeTimeout(c): fault; the probe of a running primary fails all the same. */
export function ftsProbeTimeoutGuard(cfg: Config, s: State, c: number): GuardResult {
  if (!faultBudgetLeft(cfg, s)) return "the fault budget is spent";
  const content = s.contents[c];
  if (!content.hasMirror) return "the content has no mirror";
  if (content.ftsMsg !== "none") return "FTS still owes the content a message";
  if (!catalogPrimary(content).alive) return "the catalog primary is not alive";
  return undefined;
}

export function ftsProbeTimeoutEffect(cfg: Config, d: DraftState, c: number): void {
  d.faults += 1;
  applyRow(cfg, d, c, probeFailureRow(cfg, d.contents[c]));
}

/** FtsSendSyncRepOff(c): SYNCREP_OFF to the catalog primary, which stops waiting for its mirror. */
export function ftsSendSyncRepOffGuard(s: State, c: number): GuardResult {
  return s.contents[c].ftsMsg === "syncRepOff" ? undefined : "FTS owes the content no SYNCREP_OFF";
}

export function ftsSendSyncRepOffEffect(cfg: Config, d: DraftState, c: number): void {
  const content = d.contents[c];
  const i = content.catalog.primary;
  const p = content.instances[i];
  // An unreachable primary loses the message; the next probe repeats row A.
  if (p.alive && p.role === "p") setSyncRep(cfg, d, c, i, false);
  content.ftsMsg = cfg.safeguards.markDownBeforeSyncRepOff ? "none" : "markDown";
}

/** FtsMarkDown(c): bug variant only; the catalog is written after SYNCREP_OFF was sent. */
export function ftsMarkDownGuard(cfg: Config, s: State, c: number): GuardResult {
  if (cfg.safeguards.markDownBeforeSyncRepOff) return "only with safeguard markDownBeforeSyncRepOff off";
  return s.contents[c].ftsMsg === "markDown" ? undefined : "FTS owes the content no mark-down";
}

export function ftsMarkDownEffect(d: DraftState, c: number): void {
  const content = d.contents[c];
  content.catalog.mirrorUp = false;
  content.catalog.mode = "n";
  content.ftsMsg = "none";
}

/** FtsSendPromote(c): PROMOTE to the catalog primary; a running mirror becomes primary. */
export function ftsSendPromoteGuard(s: State, c: number): GuardResult {
  return s.contents[c].ftsMsg === "promote" ? undefined : "FTS owes the content no PROMOTE";
}

export function ftsSendPromoteEffect(d: DraftState, c: number): void {
  const content = d.contents[c];
  const p = content.instances[content.catalog.primary];
  // A PROMOTE to a dead or already promoted instance does nothing.
  if (p.alive && p.role === "m") {
    p.role = "p";
    // Promotion turns sync rep off at once (HandleFtsWalRepPromote), not through a reload.
    p.syncRep = false;
    p.syncRepEffective = false;
    content.walSenderStreaming = false;
  }
  content.ftsMsg = "none";
}

/** FtsRestart: fault; FTS crashes and forgets every message it owed. */
export function ftsRestartGuard(cfg: Config, s: State): GuardResult {
  if (!faultBudgetLeft(cfg, s)) return "the fault budget is spent";
  if (s.contents.every((x) => x.ftsMsg === "none")) return "FTS owes no message";
  return undefined;
}

export function ftsRestartEffect(d: DraftState): void {
  d.faults += 1;
  for (const content of d.contents) content.ftsMsg = "none";
}
