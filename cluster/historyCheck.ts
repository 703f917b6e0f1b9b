/**
 * Does some run of the model write exactly this `gp_configuration_history`?
 *
 * Contents are independent in the catalog, so each content's rows are checked against a
 * one-content model (historyGraph.ts) by a forward search over sets of states
 * (historySearch.ts). The rows are read as catalog changes: starting from the catalog the
 * content had when it got its mirror, each FTS row overwrites one dbid's (role, status,
 * mode); a change is complete at the first row that leaves the content's two rows in a
 * legal state ((u,s,u,s), (u,n,u,n) or (u,n,d,n) with one p and one m), because FTS writes
 * both rows of a flip or of a mode change in one transaction and no other FTS row of that
 * content can come between. (Timestamps cannot group the rows: FTS stamps each history row
 * with GetCurrentTimestamp(), so the two rows of one transaction differ by microseconds.)
 * See docs/cluster.md for the reading of every kind of row.
 */
import { LIMITS, resolveConfig, type Action, type Config } from "../model/index.js";
import { writeTrace } from "../trace/index.js";
import { ContentTracker, ROW, type ContentOutcome, type Index, type LocalRow, type LocalRows, type Names, type Observation } from "./historyContent.js";
import type { HistoryRules } from "./historyGraph.js";
import type { HistoryFile, HistoryRow } from "./historyFile.js";
import type { RowMode, RowRole, RowStatus, SegmentConfiguration, SegmentRow } from "./segmentConfig.js";

/** One dbid's row of `gp_segment_configuration`, as far as mirroring goes. */
export interface CatalogRow {
  readonly dbid: number;
  readonly role: RowRole;
  readonly status: RowStatus;
  readonly mode: RowMode;
}

/** A history row the check did not use, and why. */
export interface SkippedRow {
  readonly row: number;
  readonly line: number;
  readonly dbid: number;
  readonly desc: string;
  readonly reason: string;
}

/** The witness of a consistent content: a trace of the one-content model. */
export interface Witness {
  /** Suggested file name, e.g. "content-3.trace". */
  readonly fileName: string;
  /** The trace file's text (mirrorcheck replay reads it). */
  readonly text: string;
  /** Its lines without the comment header: the config line, the actions, the expectations. */
  readonly lines: readonly string[];
  readonly steps: number;
  readonly faults: number;
  /** Whether `mirrorcheck replay` accepts it: it needs at most LIMITS.faults.max faults. */
  readonly replayable: boolean;
}

export interface ContentVerdict {
  readonly content: number;
  readonly verdict: "consistent" | "inconsistent";
  /** The history row (1-based among data rows) no protocol step explains; null when consistent or when the end state disagrees. */
  readonly row: number | null;
  readonly reason: string;
  /** History rows of this content that the check used. */
  readonly rowsUsed: number;
  /** Inconsistent: the content's catalog rows just before the offending row. */
  readonly catalogBefore: readonly CatalogRow[] | null;
  /** Inconsistent: the catalog changes and events the protocol allowed next, in words. */
  readonly allowedNext: readonly string[] | null;
  /** Consistent: a run of the model that writes exactly these rows. */
  readonly witness: Witness | null;
}

export interface HistoryCheckResult {
  readonly verdict: "consistent" | "inconsistent";
  readonly configFile: string;
  readonly historyFile: string;
  readonly rules: HistoryRules;
  readonly historyRows: number;
  readonly contents: readonly ContentVerdict[];
  /** The first SKIPPED_ROWS_KEPT skipped rows; `skippedRows` counts them all. */
  readonly skipped: readonly SkippedRow[];
  readonly skippedRows: number;
  /** True when the history was longer than the witness limit: no content has a witness. */
  readonly witnessesDropped: boolean;
}

// ---------------------------------------------------------------------------------------
// The whole cluster.

/** A content's names, for its witness and messages. */
interface ContentInfo {
  readonly content: number;
  readonly primary: SegmentRow;
  readonly mirror: SegmentRow | null;
}

function localRowOf(r: SegmentRow | null): LocalRow | null {
  return r === null ? null : ROW(r.role, r.status, r.mode);
}

/** The rules as trace keys, for comments. */
function rulesText(rules: HistoryRules): string {
  const parts = [`syncRepReload=${rules.syncRepReload}`];
  if (rules.off.length > 0) parts.push(`off=${rules.off.join(",")}`);
  return `${rules.name} (${parts.join(" ")})`;
}

function witnessOf(
  outcome: ContentOutcome,
  input: ContentInfo,
  names: Names,
  rules: HistoryRules,
  files: { config: string; history: string },
): Witness {
  const g = outcome.graph;
  const fileName = `content-${input.content}.trace`;
  const faults = outcome.faults;
  const base: Config =
    g !== null
      ? { ...g.config, faults }
      : resolveConfig({ contents: 1, txns: 0, faults: 0, mirroring: "disabled", syncRepReload: rules.syncRepReload, off: rules.off });
  const actions: Action[] = [];
  const after = new Map<number, string[]>(); // lines to insert after action k (-1: before the first)
  let k = -1;
  for (const n of outcome.path ?? []) {
    if (n.action >= 0 && g !== null) {
      actions.push(g.actions[n.action].action);
      k++;
    }
    if (n.mark >= 0) {
      const info = outcome.marks.get(n.mark);
      if (info === undefined) continue;
      const rowsList = info.rows;
      const label = `history row${rowsList.length > 1 ? "s" : ""} ${rowsList.join(", ")}: ${info.what(names)}`;
      const lines = after.get(k) ?? [];
      lines.push(info.expect === "" ? `# ${label}` : `${info.expect}   # ${label}`);
      after.set(k, lines);
    }
  }
  const replayable = faults <= LIMITS.faults.max;
  const comments = [
    `Witness for content ${input.content} of ${files.config}: a run of the one-content model that`,
    `writes exactly this content's rows of ${files.history}.`,
    `Model dbid 2 is cluster dbid ${input.primary.dbid} (preferred primary, ${input.primary.hostname})` +
      (input.mirror === null ? "." : `; model dbid 3 is cluster dbid ${input.mirror.dbid} (preferred mirror, ${input.mirror.hostname}).`),
    `Rules: ${rulesText(rules)}; ${plural(actions.length, "step")}, ${plural(faults, "fault")}.`,
  ];
  if (!replayable) {
    comments.push(`It spends ${faults} faults; mirrorcheck replay accepts at most ${LIMITS.faults.max}, so it cannot be replayed as is.`);
  }
  const text = writeTrace({ config: base, actions, comments });
  const src = text.split("\n");
  const header = comments.length + 1; // comment lines, then the config line
  const out: string[] = src.slice(0, header);
  out.push(...(after.get(-1) ?? []));
  actions.forEach((_, a) => {
    out.push(src[header + a]);
    out.push(...(after.get(a) ?? []));
  });
  const body = out.join("\n") + "\n";
  const lines = out.filter((l) => l.trim() !== "" && !l.startsWith("#"));
  return { fileName, text: body, lines, steps: actions.length, faults, replayable };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** History rows read one by one; iterated once, or twice when gprecoverseg -F renamed a dbid that earlier rows name. */
export interface HistorySource {
  readonly file: string;
  rows(): Iterable<HistoryRow>;
}

export interface HistoryCheckOptions {
  /**
   * Keep each content's cheapest run to write its witness, for histories of at most this many
   * rows (default: no limit). A witness is as long as its content's rows, so memory grows with
   * the history while they are kept; beyond the limit they are dropped and the check goes on
   * in memory that does not grow with the rows (`witnessesDropped`), unless `onWitnessLimit`
   * throws.
   */
  readonly witnessRowLimit?: number;
  /** Called once when the history passes `witnessRowLimit`, before the witnesses are dropped. */
  readonly onWitnessLimit?: (rows: number) => void;
  /** Called every `progressRows` rows (default 100,000) with the rows read so far. */
  readonly onProgress?: (rows: number) => void;
  readonly progressRows?: number;
}

/**
 * The most history rows for which `mirrorcheck history` keeps witnesses (docs/cluster.md):
 * a witness is as long as its content's rows, about 1 KB of memory per row while it is built.
 * Longer histories are checked without witnesses, in memory that does not grow with the rows.
 */
export const WITNESS_ROW_LIMIT = 200_000;

/** Skipped rows kept in detail; the rest are only counted (a file of unknown rows stays small in memory). */
export const SKIPPED_ROWS_KEPT = 1000;

/**
 * Checks a cluster's history against the model under the given rules. Rows that cannot be
 * used (unknown texts, rows of the coordinator, dbids the configuration does not know,
 * management rows without usable content) are returned in `skipped`.
 */
export function checkHistory(cfg: SegmentConfiguration, history: HistoryFile, rules: HistoryRules): HistoryCheckResult {
  return checkHistoryRows(cfg, { file: history.file, rows: () => history.rows }, rules);
}

/**
 * The same check, reading the rows as they come: each row goes to its content's check at
 * once and is not kept, so memory holds per-content state only (plus the witnesses while
 * they are kept, see HistoryCheckOptions).
 *
 * gprecoverseg -F may give the rebuilt mirror a new dbid ("... or original dbid D"), and rows
 * before that one name the old dbid. They are read as the new dbid's: when a row that names
 * an unknown dbid turns out, later, to be such an old dbid, the rows are read a second time
 * with every renaming known.
 */
export function checkHistoryRows(
  cfg: SegmentConfiguration,
  source: HistorySource,
  rules: HistoryRules,
  options: HistoryCheckOptions = {},
): HistoryCheckResult {
  const first = readOnce(cfg, source, rules, options, null);
  if (!first.needsAliases) return first.result;
  return readOnce(cfg, source, rules, options, first.aliases).result;
}

function readOnce(
  cfg: SegmentConfiguration,
  source: HistorySource,
  rules: HistoryRules,
  options: HistoryCheckOptions,
  knownAliases: ReadonlyMap<number, number> | null,
): { result: HistoryCheckResult; aliases: Map<number, number>; needsAliases: boolean } {
  const skipped: SkippedRow[] = [];
  let skippedRows = 0;
  const skip = (r: HistoryRow, reason: string): void => {
    skippedRows++;
    if (skipped.length < SKIPPED_ROWS_KEPT) skipped.push({ row: r.row, line: r.line, dbid: r.dbid, desc: r.desc, reason });
  };
  const aliases = new Map<number, number>(knownAliases ?? []);
  // dbids a row named before any row said they were renamed: a second reading is needed if one is.
  const unknownDbids = new Set<number>();
  let needsAliases = false;
  const resolve = (dbid: number): SegmentRow | undefined => {
    const seg = cfg.byDbid.get(aliases.get(dbid) ?? dbid);
    if (seg === undefined) unknownDbids.add(dbid);
    return seg;
  };
  const infos: ContentInfo[] = cfg.contents.map((c) => ({ content: c.content, primary: c.preferredPrimary, mirror: c.preferredMirror }));
  let keepPaths = true;
  const limit = options.witnessRowLimit ?? Infinity;
  const trackers = infos.map((c) => new ContentTracker(rules, c.mirror !== null, keepPaths));
  const indexOf = (seg: SegmentRow): Index => (seg.preferredRole === "p" ? 0 : 1);
  const add = (content: number, o: Observation, r: HistoryRow): void => trackers[content].observe(o, r.row);
  const every = options.progressRows ?? 100_000;
  let rows = 0;
  for (const r of source.rows()) {
    rows++;
    if (rows > limit && keepPaths) {
      options.onWitnessLimit?.(rows);
      keepPaths = false;
      for (const t of trackers) t.dropPaths();
    }
    if (options.onProgress !== undefined && rows % every === 0) options.onProgress(rows);
    const e = r.event;
    const renames = e.kind === "fullRecovery" && e.originalDbid !== r.dbid && !cfg.byDbid.has(e.originalDbid) && cfg.byDbid.has(r.dbid);
    if (renames && knownAliases === null) {
      if (unknownDbids.has(e.originalDbid)) needsAliases = true;
      aliases.set(e.originalDbid, r.dbid);
    }
    switch (e.kind) {
      case "update": {
        if (e.content === -1) {
          skip(r, "a row of the coordinator or its standby (content -1)");
          break;
        }
        if (r.dbid !== e.dbid) {
          skip(r, `the dbid column (${r.dbid}) differs from dbid ${e.dbid} in the text`);
          break;
        }
        const seg = resolve(e.dbid);
        if (seg === undefined) {
          skip(r, `dbid ${e.dbid} is not in ${cfg.file}`);
          break;
        }
        if (seg.content !== e.content) {
          add(seg.content, { kind: "mismatch", what: `the row says dbid ${e.dbid} has content ${e.content}, but ${cfg.file} gives it content ${seg.content}` }, r);
          break;
        }
        add(seg.content, { kind: "row", index: indexOf(seg), value: ROW(e.role, e.status, e.mode) }, r);
        break;
      }
      case "doubleFault":
        if (e.content < 0 || e.content >= trackers.length) skip(r, `content ${e.content} is not in ${cfg.file}`);
        else add(e.content, { kind: "doubleFault" }, r);
        break;
      case "outOfDoubleFault": {
        if (e.content < 0 || e.content >= trackers.length) {
          skip(r, `content ${e.content} is not in ${cfg.file}`);
          break;
        }
        const seg = resolve(e.dbid);
        if (seg === undefined || seg.content !== e.content) {
          add(e.content, { kind: "mismatch", what: `the row says dbid ${e.dbid} is the primary of content ${e.content}, but ${cfg.file} ${seg === undefined ? "has no such dbid" : `gives it content ${seg.content}`}` }, r);
          break;
        }
        add(e.content, { kind: "primaryUp", index: indexOf(seg) }, r);
        break;
      }
      case "mirrorAdded":
      case "fullRecovery": {
        const seg = resolve(r.dbid);
        if (seg === undefined) {
          skip(r, `${e.tool} row for dbid ${r.dbid}, which is not in ${cfg.file}`);
          break;
        }
        add(seg.content, { kind: e.kind, index: indexOf(seg) }, r);
        break;
      }
      case "admin":
        skip(
          r,
          /segment mode and status$/.test(e.what)
            ? `${e.tool} updated this dbid's mode and status; the text does not give the new values, so the row is not used`
            : `${e.tool} row not used by the model (it has no step for "${e.what}")`,
        );
        break;
      case "unknown":
        skip(r, "unknown row text");
        break;
    }
  }
  const contents: ContentVerdict[] = infos.map((input, c) => {
    const finalRows: LocalRows = [localRowOf(input.primary) as LocalRow, localRowOf(input.mirror)];
    const outcome = trackers[c].finish(finalRows);
    const names: Names = { content: input.content, dbid: [input.primary.dbid, input.mirror?.dbid ?? null] };
    if (outcome.ok) {
      const witness = keepPaths ? witnessOf(outcome, input, names, rules, { config: cfg.file, history: source.file }) : null;
      return {
        content: input.content,
        verdict: "consistent",
        row: null,
        reason: `${plural(outcome.used, "history row")} explained by a run of ${plural(outcome.steps, "step")} with ${plural(outcome.faults, "fault")}`,
        rowsUsed: outcome.used,
        catalogBefore: null,
        allowedNext: null,
        witness,
      };
    }
    const before = outcome.before;
    return {
      content: input.content,
      verdict: "inconsistent",
      row: outcome.failRow,
      reason: outcome.reason(names),
      rowsUsed: outcome.used,
      catalogBefore:
        before === null
          ? null
          : ([0, 1] as const).flatMap((i) => {
              const r = before[i];
              const dbid = names.dbid[i];
              return r === null || dbid === null ? [] : [{ dbid, role: r.role, status: r.status, mode: r.mode }];
            }),
      allowedNext: outcome.allowed === null ? null : outcome.allowed.map((f) => f(names)),
      witness: null,
    };
  });
  const result: HistoryCheckResult = {
    verdict: contents.every((c) => c.verdict === "consistent") ? "consistent" : "inconsistent",
    configFile: cfg.file,
    historyFile: source.file,
    rules,
    historyRows: rows,
    contents,
    skipped,
    skippedRows,
    witnessesDropped: !keepPaths,
  };
  return { result, aliases, needsAliases };
}
