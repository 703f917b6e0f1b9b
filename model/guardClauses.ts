/**
 * Every guard of section 4 as a list of clauses in words, each with whether it holds in a
 * state: what `mirrorcheck explain` prints for "why was this action enabled". The guards the
 * checker runs (actions/*.ts) stop at the first unmet clause; a test checks that the two
 * agree on every action in every reachable state of several configurations.
 *
 * With a proposal (docs/variants.md): a new family's guard is one clause, "proposal NAME:
 * <its unmet clause, or 'its guard holds'>"; a changed guard adds that clause to the built-in
 * ones when it consulted the built-in guard (and did not overrule a failing one), and
 * replaces them otherwise, so that the clauses still hold exactly when the guard does.
 */
import { match } from "ts-pattern";
import type { Action } from "./action.js";
import { dbidOf, instanceOfDbid, type Config } from "./config.js";
import { caughtUp, exists, peerIndex, streamSource } from "./derived.js";
import { bindBuiltin, findAction } from "./next.js";
import type { State } from "./state.js";
import { proposalGuard } from "./variant/bind.js";
import { newFamilyOf, ruleChangeOf } from "./variant/families.js";
import { variantOf } from "./variant/registry.js";

export interface GuardClause {
  readonly clause: string;
  readonly holds: boolean;
}

const c = (clause: string, holds: boolean): GuardClause => ({ clause, holds });

function budget(cfg: Config, s: State): GuardClause {
  return c(`fault budget left (${s.faults} of ${cfg.faults} spent)`, s.faults < cfg.faults);
}

function owesNothing(s: State, k: number): GuardClause {
  const msg = s.contents[k].ftsMsg;
  return c(`FTS owes content ${k} no message${msg === "none" ? "" : ` (it owes ${msg})`}`, msg === "none");
}

function instanceClauses(cfg: Config, s: State, dbid: number): { clauses: GuardClause[]; alive: boolean | null } {
  const where = instanceOfDbid(cfg, dbid);
  if (where === null) return { clauses: [c(`dbid ${dbid} names an instance`, false)], alive: null };
  const content = s.contents[where.content];
  const ex = exists(content, where.index);
  return {
    clauses: [c(`dbid ${dbid} exists`, ex)],
    alive: ex ? content.instances[where.index].alive : null,
  };
}

function catalogPrimaryRunsAsP(cfg: Config, s: State, k: number): GuardClause {
  const content = s.contents[k];
  const i = content.catalog.primary;
  const p = content.instances[i];
  return c(
    `catalog primary dbid ${dbidOf(cfg, k, i)} is alive with role p (alive=${p.alive}, role=${p.role})`,
    p.alive && p.role === "p",
  );
}

function proposalClause(name: string, unmet: string | undefined): GuardClause {
  return c(`proposal ${name}: ${unmet ?? "its guard holds"}`, unmet === undefined);
}

export function guardClauses(cfg: Config, s: State, action: Action): GuardClause[] {
  const v = variantOf(cfg);
  if (v === null) return builtinClauses(cfg, s, action);
  const b = findAction(cfg, action);
  if (newFamilyOf(cfg, action.type) !== undefined) {
    return b === undefined ? [c(`${action.type} has an instance here`, false)] : [proposalClause(v.variant.name, b.guard(s))];
  }
  const change = ruleChangeOf(cfg, action.type);
  const builtin = builtinClauses(cfg, s, action);
  if (change === undefined || b === undefined) return builtin;
  const own = proposalGuard(cfg, v, bindBuiltin(cfg, action), change, s);
  if (own === null) return builtin;
  const clause = proposalClause(v.variant.name, own.unmet);
  const builtinHolds = builtin.every((x) => x.holds);
  return own.consulted && (own.unmet !== undefined || builtinHolds) ? [...builtin, clause] : [clause];
}

function builtinClauses(cfg: Config, s: State, action: Action): GuardClause[] {
  return match(action)
    .with({ type: "ClientCommit" }, ({ content: k }) => {
      const out = [c(`a txn is left (next txn ${s.nextTxn}, txns ${cfg.txns})`, s.nextTxn <= cfg.txns), catalogPrimaryRunsAsP(cfg, s, k)];
      if (cfg.mirroring === "disabled") {
        out.push(c("mirroring disabled: every content's primary is alive", s.contents.every((x) => x.instances[0].alive)));
      }
      return out;
    })
    .with({ type: "CommitAck" }, ({ txn: t }) => {
      const txn = s.txns[t - 1];
      const waiting = txn.status === "waiting" && txn.dbid !== null;
      const out = [c(`txn ${t} is waiting${waiting ? "" : ` (it is ${txn.status})`}`, waiting)];
      if (!waiting || txn.dbid === null) return out;
      const where = instanceOfDbid(cfg, txn.dbid);
      if (where === null) return out;
      const content = s.contents[where.content];
      const inst = content.instances[where.index];
      out.push(c(`its writer dbid ${txn.dbid} is alive with role p (alive=${inst.alive}, role=${inst.role})`, inst.alive && inst.role === "p"));
      if (!cfg.safeguards.commitWaitsForMirror) {
        out.push(c("safeguard commitWaitsForMirror is off: the mirror is not waited for", true));
        return out;
      }
      if (!inst.syncRepEffective) {
        out.push(c(`sync rep is not in force on dbid ${txn.dbid}: no need to wait for the mirror`, true));
        return out;
      }
      const j = peerIndex(where.index);
      const peer = content.instances[j];
      out.push(
        c(
          `sync rep is in force, and mirror dbid ${dbidOf(cfg, where.content, j)} exists, runs as m and has flushed txn ${t}`,
          exists(content, j) && peer.role === "m" && peer.wal.includes(t),
        ),
      );
      return out;
    })
    .with({ type: "WalStream" }, ({ content: k }) => {
      const content = s.contents[k];
      const src = streamSource(content);
      const out = [c(`content ${k} streams (alive p/m pair, link up, mirror WAL a prefix of the primary's)`, src !== -1)];
      if (src !== -1) {
        const t = content.instances[peerIndex(src)];
        out.push(c(`mirror dbid ${dbidOf(cfg, k, peerIndex(src))} lacks records of dbid ${dbidOf(cfg, k, src)}`, t.wal.length < content.instances[src].wal.length));
      }
      return out;
    })
    .with({ type: "WalSenderCaughtUp" }, ({ content: k }) => [
      c(`content ${k}'s mirror holds all the primary's WAL (caught up)`, caughtUp(s.contents[k])),
      c("the walsender is not STREAMING yet", !s.contents[k].walSenderStreaming),
    ])
    .with({ type: "ConfigReload" }, ({ dbid }) => {
      const out = [c("syncRepReload is deferred", cfg.syncRepReload === "deferred")];
      const { clauses, alive } = instanceClauses(cfg, s, dbid);
      out.push(...clauses);
      if (alive === null) return out;
      const where = instanceOfDbid(cfg, dbid);
      if (where === null) return out;
      const inst = s.contents[where.content].instances[where.index];
      out.push(c(`dbid ${dbid} is alive`, alive));
      out.push(c(`its sync rep in force (${inst.syncRepEffective}) differs from the persisted setting (${inst.syncRep})`, inst.syncRepEffective !== inst.syncRep));
      return out;
    })
    .with({ type: "PrimaryEnableSyncRep" }, ({ content: k }) => {
      const src = streamSource(s.contents[k]);
      const out = [c("safeguard syncRepOnBeforeInSync is off", !cfg.safeguards.syncRepOnBeforeInSync), c(`content ${k} streams`, src !== -1)];
      if (src !== -1) out.push(c(`its source dbid ${dbidOf(cfg, k, src)} has sync rep off`, !s.contents[k].instances[src].syncRep));
      return out;
    })
    .with({ type: "FtsProbe" }, ({ content: k }) => [
      c(`content ${k} has a mirror`, s.contents[k].hasMirror),
      owesNothing(s, k),
    ])
    .with({ type: "FtsProbeTimeout" }, ({ content: k }) => {
      const content = s.contents[k];
      const i = content.catalog.primary;
      return [
        budget(cfg, s),
        c(`content ${k} has a mirror`, content.hasMirror),
        owesNothing(s, k),
        c(`catalog primary dbid ${dbidOf(cfg, k, i)} is alive (the probe times out all the same)`, content.instances[i].alive),
      ];
    })
    .with({ type: "FtsSendSyncRepOff" }, ({ content: k }) => [c(`FTS owes content ${k} a SYNCREP_OFF`, s.contents[k].ftsMsg === "syncRepOff")])
    .with({ type: "FtsMarkDown" }, ({ content: k }) => [
      c("safeguard markDownBeforeSyncRepOff is off", !cfg.safeguards.markDownBeforeSyncRepOff),
      c(`FTS owes content ${k} a mark-down`, s.contents[k].ftsMsg === "markDown"),
    ])
    .with({ type: "FtsSendPromote" }, ({ content: k }) => [c(`FTS owes content ${k} a PROMOTE`, s.contents[k].ftsMsg === "promote")])
    .with({ type: "FtsRestart" }, () => [budget(cfg, s), c("FTS owes some content a message", s.contents.some((x) => x.ftsMsg !== "none"))])
    .with({ type: "SegmentCrash" }, ({ dbid }) => {
      const { clauses, alive } = instanceClauses(cfg, s, dbid);
      return [budget(cfg, s), ...clauses, ...(alive === null ? [] : [c(`dbid ${dbid} is alive`, alive)])];
    })
    .with({ type: "HostCrash" }, ({ host }) => {
      const on = cfg.placement?.instancesOn[host];
      const out = [c("the configuration has hosts", cfg.placement !== null), budget(cfg, s)];
      if (on === undefined) return out;
      const alive = on.filter(([k, i]) => exists(s.contents[k], i) && s.contents[k].instances[i].alive).map(([k, i]) => dbidOf(cfg, k, i));
      out.push(c(`an instance on host ${host} is alive (${alive.length > 0 ? `dbids ${alive.join(", ")}` : "none"})`, alive.length > 0));
      return out;
    })
    .with({ type: "LinkCut" }, ({ content: k }) => [
      budget(cfg, s),
      c(`content ${k} has a mirror`, s.contents[k].hasMirror),
      c(`content ${k}'s link is up`, s.contents[k].link === "up"),
    ])
    .with({ type: "LinkHeal" }, ({ content: k }) => [c(`content ${k}'s link is down`, s.contents[k].link === "down")])
    .with({ type: "SegmentRestart" }, ({ dbid }) => {
      const { clauses, alive } = instanceClauses(cfg, s, dbid);
      return [...clauses, ...(alive === null ? [] : [c(`dbid ${dbid} is not alive`, !alive)])];
    })
    .with({ type: "RecoverIncremental" }, { type: "RecoverFull" }, ({ content: k }) => {
      const content = s.contents[k];
      const m = dbidOf(cfg, k, peerIndex(content.catalog.primary));
      return [
        c(`content ${k} has a mirror`, content.hasMirror),
        c(`the catalog says mirror dbid ${m} is down (status ${content.catalog.mirrorUp ? "u" : "d"})`, !content.catalog.mirrorUp),
        catalogPrimaryRunsAsP(cfg, s, k),
      ];
    })
    .with({ type: "Rebalance" }, ({ content: k }) => {
      const content = s.contents[k];
      const out = [
        c(`content ${k} has a mirror`, content.hasMirror),
        owesNothing(s, k),
        c(`its catalog primary is the preferred mirror dbid ${dbidOf(cfg, k, 1)}`, content.catalog.primary === 1),
      ];
      out.push(
        cfg.safeguards.rebalanceRequiresInSync
          ? c(`the pair is in sync (mode ${content.catalog.mode})`, content.catalog.mode === "s")
          : c("safeguard rebalanceRequiresInSync is off: any mode", true),
      );
      out.push(c(`the catalog primary is alive`, content.instances[content.catalog.primary].alive));
      return out;
    })
    .with({ type: "AddMirror" }, ({ content: k }) => {
      const p = s.contents[k].instances[0];
      return [
        c("mirroring is addLater", cfg.mirroring === "addLater"),
        c(`content ${k} has no mirror yet`, !s.contents[k].hasMirror),
        c(`dbid ${dbidOf(cfg, k, 0)} is alive with role p`, p.alive && p.role === "p"),
      ];
    })
    .exhaustive();
}
