/**
 * A state as labelled fields in Greenplum's words ("content 0 catalog mode", "dbid 5 role"),
 * so that a step can be shown as the fields it changed. Instances that do not exist (no
 * mirror yet) are left out; a mirror added later appears as new fields.
 */
import { dbidOf, type Config, type State } from "../model/index.js";
import { walText } from "../properties/index.js";

const FTS_MSG_TEXT = { none: "nothing", syncRepOff: "SYNCREP_OFF", promote: "PROMOTE", markDown: "mark-down" } as const;

/** A WAL as the reports and property messages write it: "1,3", or "-" when empty. */
export { walText };

/** The state's fields as [label, value] pairs in a stable order. */
export function describeState(cfg: Config, s: State): [string, string][] {
  const out: [string, string][] = [["faults spent", String(s.faults)]];
  s.contents.forEach((content, c) => {
    const cat = content.catalog;
    const pre = `content ${c}`;
    out.push([`${pre} catalog primary`, `dbid ${dbidOf(cfg, c, cat.primary)}`]);
    out.push([`${pre} catalog mirror status`, cat.mirrorUp ? "u" : "d"]);
    out.push([`${pre} catalog mode`, cat.mode]);
    if (content.hasMirror) {
      out.push([`${pre} link`, content.link]);
      out.push([`${pre} walsender`, content.walSenderStreaming ? "STREAMING" : "not streaming"]);
    }
    out.push([`${pre} FTS owes`, FTS_MSG_TEXT[content.ftsMsg]]);
    for (const i of [0, 1] as const) {
      if (i === 1 && !content.hasMirror) continue;
      const inst = content.instances[i];
      const pre2 = `dbid ${dbidOf(cfg, c, i)}`;
      out.push([`${pre2} role`, inst.role]);
      out.push([`${pre2} alive`, String(inst.alive)]);
      out.push([`${pre2} wal`, walText(inst.wal)]);
      out.push([`${pre2} syncRep`, inst.syncRep ? "on" : "off"]);
      out.push([`${pre2} syncRepEffective`, inst.syncRepEffective ? "on" : "off"]);
    }
  });
  s.txns.forEach((t, k) => {
    out.push([`txn ${k + 1}`, t.status === "unused" ? "unused" : `${t.status} (content ${t.content}, dbid ${t.dbid})`]);
  });
  return out;
}

export interface Change {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/**
 * The fields that differ between two states, in describe order; absent fields show as
 * "(none)". `afterCfg` describes `after` when it belongs to another configuration (two
 * replays compared by `diff`: dbids are named by each side's own layout).
 */
export function diffStates(cfg: Config, before: State, after: State, afterCfg: Config = cfg): Change[] {
  const a = new Map(describeState(cfg, before));
  const b = describeState(afterCfg, after);
  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const [field, value] of b) {
    seen.add(field);
    const old = a.get(field) ?? "(none)";
    if (old !== value) changes.push({ field, before: old, after: value });
  }
  for (const [field, value] of a) if (!seen.has(field)) changes.push({ field, before: value, after: "(none)" });
  return changes;
}
