/**
 * `gp_configuration_history` as a CSV export (docs/cluster.md, Input files): columns time,
 * dbid, desc (any order, others ignored), rows in time order. Each row's text is classified:
 *
 * - FTS's catalog writes: "FTS: update role, status, and mode for dbid D with contentid C to
 *   R, S, and M" (one row per instance whose status or mode changed; both rows of a flip);
 * - GP7's double-fault rows: "FTS: double fault detected for content id C" and "FTS: content
 *   id C is out of double fault, dbid D is up";
 * - the management tools' rows (gpMgmt's configurationImplGpdb.py writes "<tool>: <label>:
 *   <what>"): "inserted mirror segment configuration" (gpaddmirrors), "inserted segment
 *   configuration for full recovery or original dbid D" (gprecoverseg -F), and others;
 * - anything else is unknown: reported and skipped.
 *
 * The file's order is taken as the time order; the time column is kept for messages only.
 */
import { checkWidth, ClusterInputError, columnIndexes, headerOf, intField, streamCsvRecords, type CsvTable } from "./csv.js";
import type { RowMode, RowRole, RowStatus } from "./segmentConfig.js";

export type HistoryEvent =
  | {
      readonly kind: "update";
      readonly dbid: number;
      readonly content: number;
      readonly role: RowRole;
      readonly status: RowStatus;
      readonly mode: RowMode;
    }
  | { readonly kind: "doubleFault"; readonly content: number }
  | { readonly kind: "outOfDoubleFault"; readonly content: number; readonly dbid: number }
  /** gpaddmirrors (or gpexpand) inserted the mirror row of the row's dbid. */
  | { readonly kind: "mirrorAdded"; readonly tool: string }
  /** gprecoverseg -F removed and re-added the mirror row of the row's dbid. */
  | { readonly kind: "fullRecovery"; readonly tool: string; readonly originalDbid: number }
  /** A management tool's row the check does not use (its new values are not in the text, or it changes the layout). */
  | { readonly kind: "admin"; readonly tool: string; readonly what: string }
  | { readonly kind: "unknown" };

export interface HistoryRow {
  /** 1-based position among the data rows of the file. */
  readonly row: number;
  /** The line of the file the row starts on. */
  readonly line: number;
  readonly time: string;
  readonly dbid: number;
  readonly desc: string;
  readonly event: HistoryEvent;
}

export interface HistoryFile {
  readonly file: string;
  readonly rows: readonly HistoryRow[];
}

export const HISTORY_COLUMNS = ["time", "dbid", "desc"] as const;

const UPDATE = /^FTS: update role, status, and mode for dbid (\d+) with contentid (-?\d+) to ([pm]), ([ud]), and ([sn])$/;
const DOUBLE_FAULT = /^FTS: double fault detected for content id (-?\d+)$/;
const OUT_OF_DOUBLE_FAULT = /^FTS: content id (-?\d+) is out of double fault, dbid (\d+) is up$/;
const TOOL = /^([A-Za-z][\w.-]*): (.*)$/;
const MIRROR_ADDED = /(?:^|: )inserted mirror segment configuration$/;
const FULL_RECOVERY = /(?:^|: )inserted segment configuration for full recovery or original dbid (\d+)$/;

/** What a row's text says, with the dbid of the row when the text names none. */
export function classifyRow(desc: string): HistoryEvent {
  const text = desc.trim();
  let m = UPDATE.exec(text);
  if (m !== null) {
    return {
      kind: "update",
      dbid: Number(m[1]),
      content: Number(m[2]),
      role: m[3] as RowRole,
      status: m[4] as RowStatus,
      mode: m[5] as RowMode,
    };
  }
  m = DOUBLE_FAULT.exec(text);
  if (m !== null) return { kind: "doubleFault", content: Number(m[1]) };
  m = OUT_OF_DOUBLE_FAULT.exec(text);
  if (m !== null) return { kind: "outOfDoubleFault", content: Number(m[1]), dbid: Number(m[2]) };
  m = TOOL.exec(text);
  if (m !== null && m[1] !== "FTS") {
    const tool = m[1];
    const rest = m[2];
    if (MIRROR_ADDED.test(rest)) return { kind: "mirrorAdded", tool };
    const full = FULL_RECOVERY.exec(rest);
    if (full !== null) return { kind: "fullRecovery", tool, originalDbid: Number(full[1]) };
    return { kind: "admin", tool, what: rest };
  }
  return { kind: "unknown" };
}

/** Reads a whole history text. A long file is better read row by row: `historyRows`. */
export function parseHistory(text: string, file: string): HistoryFile {
  return { file, rows: [...historyRows([text], file)] };
}

/**
 * The rows of a history given in pieces, one at a time: each record is checked and classified
 * as it is read, and nothing of it is kept here. Errors name the file and line, as for a
 * whole text (a record's width is checked when it is read, so a bad field on an earlier line
 * is reported before a short record on a later one).
 */
export function* historyRows(chunks: Iterable<string>, file: string): Generator<HistoryRow> {
  const records = streamCsvRecords(chunks, file);
  const first = records.next();
  const header = headerOf(first.done === true ? undefined : first.value, file);
  const table: CsvTable = { file, header, records: [] };
  const col = columnIndexes(table, HISTORY_COLUMNS);
  let row = 0;
  for (const r of records) {
    checkWidth(header, r, file);
    const dbid = intField(table, r, "dbid", col.dbid);
    if (dbid < 0) throw new ClusterInputError(file, r.line, `dbid must not be negative, got ${dbid}`);
    const desc = r.fields[col.desc];
    row++;
    yield { row, line: r.line, time: r.fields[col.time].trim(), dbid, desc, event: classifyRow(desc) };
  }
}
