/**
 * A state as the operator of a Greenplum cluster knows it: the rows of
 * `gp_segment_configuration` first, then the processes (alive, the role they run in, WAL,
 * sync rep set and in force), each pair's link, walsender and what FTS owes it, and the
 * client txns. The values come from report/'s describeState, so they read as in replay's and
 * explain's tables.
 */
import { dbidOf, type Config, type State } from "../../model/index.js";
import { describeState, renderTable, walText } from "../../report/index.js";

/** The catalog's rows, one per existing instance, ordered by dbid as `gp_segment_configuration`. */
export function catalogTable(cfg: Config, s: State): string {
  const hosts = cfg.placement;
  const header = ["dbid", "content", "role", "preferred_role", "mode", "status", ...(hosts === null ? [] : ["hostname"])];
  const rows: string[][] = [];
  for (const index of [0, 1] as const) {
    s.contents.forEach((content, c) => {
      if (index === 1 && !content.hasMirror) return;
      const cat = content.catalog;
      const isPrimary = cat.primary === index;
      const row = [
        String(dbidOf(cfg, c, index)),
        String(c),
        isPrimary ? "p" : "m",
        index === 0 ? "p" : "m",
        cat.mode,
        isPrimary || cat.mirrorUp ? "u" : "d",
      ];
      if (hosts !== null) row.push(`host${hosts.hostOf[c][index]}`);
      rows.push(row);
    });
  }
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  return renderTable(header, rows);
}

/** Each existing instance's process: alive, running role, WAL, sync rep persisted and in force. */
export function processTable(cfg: Config, s: State): string {
  const rows: string[][] = [];
  for (const index of [0, 1] as const) {
    s.contents.forEach((content, c) => {
      if (index === 1 && !content.hasMirror) return;
      const inst = content.instances[index];
      rows.push([
        String(dbidOf(cfg, c, index)),
        String(c),
        inst.alive ? "yes" : "no",
        inst.role,
        walText(inst.wal),
        inst.syncRep ? "on" : "off",
        inst.syncRepEffective ? "on" : "off",
      ]);
    });
  }
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  return renderTable(["dbid", "content", "alive", "running as", "WAL", "sync rep set", "sync rep in force"], rows);
}

/** Per content: the replication link, the walsender and the message FTS owes (describeState's words). */
export function pairTable(cfg: Config, s: State): string {
  const fields = new Map(describeState(cfg, s));
  const rows = s.contents.map((content, c) => [
    String(c),
    content.hasMirror ? content.link : "(no mirror)",
    fields.get(`content ${c} walsender`) ?? "",
    fields.get(`content ${c} FTS owes`) ?? "",
  ]);
  return renderTable(["content", "link", "walsender", "FTS owes"], rows);
}

export function txnTable(cfg: Config, s: State): string {
  if (s.txns.length === 0) return "no client txns in this configuration";
  const fields = new Map(describeState(cfg, s));
  const rows = s.txns.map((_, k) => [String(k + 1), fields.get(`txn ${k + 1}`) ?? ""]);
  return renderTable(["txn", "status"], rows);
}

/** The whole state, section by section. */
export function stateText(cfg: Config, s: State): string {
  return [
    "gp_segment_configuration:",
    catalogTable(cfg, s),
    "",
    "processes:",
    processTable(cfg, s),
    "",
    "pairs:",
    pairTable(cfg, s),
    "",
    `txns (faults spent: ${s.faults} of ${cfg.faults}):`,
    txnTable(cfg, s),
  ].join("\n");
}
