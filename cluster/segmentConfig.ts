/**
 * `gp_segment_configuration` as a CSV export (docs/protocol.md section 9.1). The header must
 * name at least dbid, content, role, preferred_role, mode, status and hostname, in any order;
 * other columns (port, address, datadir, ...) are ignored. Rows of content -1 (the
 * coordinator and its standby) are skipped: they take no part in segment mirroring.
 */
import { ClusterInputError, codeField, columnIndexes, intField, parseCsv } from "./csv.js";

export type RowRole = "p" | "m";
export type RowStatus = "u" | "d";
export type RowMode = "s" | "n";

/** One segment instance's row. */
export interface SegmentRow {
  readonly dbid: number;
  readonly content: number;
  /** The role it acts in now. */
  readonly role: RowRole;
  /** The role it was given at initialization; FTS never changes it. */
  readonly preferredRole: RowRole;
  readonly mode: RowMode;
  readonly status: RowStatus;
  readonly hostname: string;
  /** The line of the CSV file the row starts on. */
  readonly line: number;
}

/** The instances of one content: its preferred primary, and its preferred mirror if it has one. */
export interface ContentInstances {
  readonly content: number;
  readonly preferredPrimary: SegmentRow;
  readonly preferredMirror: SegmentRow | null;
}

/** A cluster's segments as the configuration file describes them. */
export interface SegmentConfiguration {
  readonly file: string;
  /** Segment rows (content ≥ 0), in file order. */
  readonly rows: readonly SegmentRow[];
  /** Contents in ascending order. */
  readonly contents: readonly ContentInstances[];
  /** dbid → row. */
  readonly byDbid: ReadonlyMap<number, SegmentRow>;
}

export const SEGMENT_COLUMNS = ["dbid", "content", "role", "preferred_role", "mode", "status", "hostname"] as const;

/**
 * Reads the CSV text of `gp_segment_configuration`. Checks what Greenplum guarantees: unique
 * dbids, each content with exactly one preferred primary and at most one preferred mirror
 * ("Segments sharing a content id may not have same preferred role"), contents 0..K-1.
 */
export function parseSegmentConfiguration(text: string, file: string): SegmentConfiguration {
  const table = parseCsv(text, file);
  const col = columnIndexes(table, SEGMENT_COLUMNS);
  const rows: SegmentRow[] = [];
  const byDbid = new Map<number, SegmentRow>();
  for (const r of table.records) {
    const content = intField(table, r, "content", col.content);
    const dbid = intField(table, r, "dbid", col.dbid);
    if (content < -1) throw new ClusterInputError(file, r.line, `content must be -1 or more, got ${content}`);
    if (content === -1) {
      if (byDbid.has(dbid)) throw new ClusterInputError(file, r.line, `dbid ${dbid} appears twice`);
      continue;
    }
    if (dbid < 1) throw new ClusterInputError(file, r.line, `dbid must be a positive integer, got ${dbid}`);
    const row: SegmentRow = {
      dbid,
      content,
      role: codeField(table, r, "role", col.role, ["p", "m"] as const),
      preferredRole: codeField(table, r, "preferred_role", col.preferred_role, ["p", "m"] as const),
      mode: codeField(table, r, "mode", col.mode, ["s", "n"] as const),
      status: codeField(table, r, "status", col.status, ["u", "d"] as const),
      hostname: r.fields[col.hostname].trim(),
      line: r.line,
    };
    if (row.hostname === "") throw new ClusterInputError(file, r.line, "hostname is empty");
    if (byDbid.has(dbid)) throw new ClusterInputError(file, r.line, `dbid ${dbid} appears twice`);
    byDbid.set(dbid, row);
    rows.push(row);
  }
  if (rows.length === 0) throw new ClusterInputError(file, null, "no segment rows (every row has content -1)");
  const perContent = new Map<number, { p: SegmentRow | null; m: SegmentRow | null }>();
  for (const row of rows) {
    const slot = perContent.get(row.content) ?? { p: null, m: null };
    const key = row.preferredRole;
    const taken = slot[key];
    if (taken !== null) {
      throw new ClusterInputError(
        file,
        row.line,
        `content ${row.content} has two rows with preferred_role ${key} (dbids ${taken.dbid} and ${row.dbid})`,
      );
    }
    slot[key] = row;
    perContent.set(row.content, slot);
  }
  const contents: ContentInstances[] = [];
  const ids = [...perContent.keys()].sort((a, b) => a - b);
  ids.forEach((c, k) => {
    if (c !== k) throw new ClusterInputError(file, null, `contents must be numbered 0..${ids.length - 1}; content ${k} is missing`);
    const slot = perContent.get(c);
    if (slot === undefined) return;
    if (slot.p === null) {
      const m = slot.m as SegmentRow;
      throw new ClusterInputError(file, m.line, `content ${c} has no row with preferred_role p`);
    }
    contents.push({ content: c, preferredPrimary: slot.p, preferredMirror: slot.m });
  });
  return { file, rows, contents, byDbid };
}
