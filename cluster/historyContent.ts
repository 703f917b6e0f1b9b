/**
 * One content's history rows, read one at a time, against the one-content model: the rows
 * as catalog changes (docs/cluster.md, Reading the rows), the search that follows them
 * (historyFrontier.ts), and the message for the first row no protocol step explains. What
 * a content keeps while its rows are read does not grow with them, unless its witness path
 * is kept.
 */
import { describeProjection, historyGraph, NO_MIRROR, projection, type HistoryGraph, type HistoryRules, type Projection } from "./historyGraph.js";
import { PathFrontier, ShapeFrontier, type Frontier } from "./historyFrontier.js";
import type { AllowedStep, PathNode } from "./historySearch.js";
import type { RowMode, RowRole, RowStatus } from "./segmentConfig.js";

// ---------------------------------------------------------------------------------------
// Observations: a content's rows in the model's terms (instance 0 = preferred primary).

export type Index = 0 | 1;

export interface LocalRow {
  readonly role: RowRole;
  readonly status: RowStatus;
  readonly mode: RowMode;
}

/** The content's two catalog rows, by instance index; the mirror's is null before gpaddmirrors. */
export type LocalRows = readonly [LocalRow, LocalRow | null];

export type Observation =
  | { readonly kind: "row"; readonly index: Index; readonly value: LocalRow }
  | { readonly kind: "doubleFault" }
  | { readonly kind: "primaryUp"; readonly index: Index }
  | { readonly kind: "mirrorAdded"; readonly index: Index }
  | { readonly kind: "fullRecovery"; readonly index: Index }
  /** A row that contradicts the configuration file (its text names another content). */
  | { readonly kind: "mismatch"; readonly what: string };

/** How a content and its dbids are named in messages. */
export interface Names {
  readonly content: number;
  readonly dbid: readonly [number, number | null];
}

export type Render = (n: Names) => string;

/** What the check of one content found. */
export interface ContentOutcome {
  readonly ok: boolean;
  /** History row number of the offending row; null for a disagreement with the end state. */
  readonly failRow: number | null;
  readonly reason: Render;
  readonly before: LocalRows | null;
  readonly allowed: readonly Render[] | null;
  /** The rows the check used (all of them when consistent). */
  readonly used: number;
  /** Consistent: the cheapest run that writes the rows. */
  readonly faults: number;
  readonly steps: number;
  /** Consistent, when paths were kept: the graph and the witness path, with what each marked node observed. */
  readonly graph: HistoryGraph | null;
  readonly path: readonly PathNode[] | null;
  readonly marks: ReadonlyMap<number, MarkInfo>;
}

export interface MarkInfo {
  /** The history rows the marked step accounts for (two for a two-row change). */
  readonly rows: readonly number[];
  /** An expectation to check in the witness after the step, in model dbids. */
  readonly expect: string;
  readonly what: Render;
}

export const ROW = (role: RowRole, status: RowStatus, mode: RowMode): LocalRow => ({ role, status, mode });

export function sameRow(a: LocalRow | null, b: LocalRow | null): boolean {
  return a === null || b === null ? a === b : a.role === b.role && a.status === b.status && a.mode === b.mode;
}

export function fmt(r: LocalRow): string {
  return `(${r.role},${r.status},${r.mode})`;
}

/** The projection a pair of rows shows, or null if no legal catalog state shows them. */
function legalProjection(rows: LocalRows): Projection | null {
  const [a, b] = rows;
  if (b === null) return a.role === "p" && a.status === "u" && a.mode === "n" ? NO_MIRROR : null;
  if (a.role === b.role) return null;
  const p: Index = a.role === "p" ? 0 : 1;
  const prim = rows[p] as LocalRow;
  const mirr = rows[p === 0 ? 1 : 0] as LocalRow;
  if (prim.status !== "u" || prim.mode !== mirr.mode) return null;
  if (prim.mode === "s" && mirr.status !== "u") return null;
  return projection(p, mirr.status === "u", prim.mode);
}

/** The two rows a projection shows. */
function rowsOf(p: Projection): LocalRows {
  const d = describeProjection(p);
  if (d === null) return [ROW("p", "u", "n"), null];
  const prim = ROW("p", "u", d.mode);
  const mirr = ROW("m", d.mirrorUp ? "u" : "d", d.mode);
  return d.primary === 0 ? [prim, mirr] : [mirr, prim];
}

/** The rows FTS writes for a change from x to y: the dbids whose row differs. */
function rowsWritten(x: Projection, y: Projection): { index: Index; value: LocalRow }[] {
  const a = rowsOf(x);
  const b = rowsOf(y);
  const out: { index: Index; value: LocalRow }[] = [];
  for (const i of [0, 1] as const) {
    const v = b[i];
    if (v !== null && !sameRow(a[i], v)) out.push({ index: i, value: v });
  }
  return out;
}

function dbidName(n: Names, i: Index): string {
  return `dbid ${n.dbid[i] ?? "?"}`;
}

function rowsText(n: Names, rows: LocalRows): string {
  return ([0, 1] as const)
    .flatMap((i) => {
      const r = rows[i];
      return r === null ? [] : [`${dbidName(n, i)} ${fmt(r)}`];
    })
    .join(", ");
}

function writtenText(n: Names, x: Projection, y: Projection): string {
  return rowsWritten(x, y)
    .map((w) => `${dbidName(n, w.index)} → ${fmt(w.value)}`)
    .join(" and ");
}

function allowedText(x: Projection, steps: readonly AllowedStep[]): Render[] {
  return steps.map((s) => (n: Names) => {
    switch (s.letter.kind) {
      case "change":
        return `${writtenText(n, x, s.letter.to)} [${s.via}]`;
      case "doubleFault":
        return `a double fault: the probe fails and the mode is n, nothing is written [${s.via}]`;
      case "addMirror":
        return `gpaddmirrors adds the mirror [${s.via}]`;
      default:
        return s.via;
    }
  });
}

/** Why a change from x to y is not a protocol step, beyond "none allows it". */
function changeHint(g: HistoryGraph, x: Projection, y: Projection): string {
  const dx = describeProjection(x);
  const dy = describeProjection(y);
  if (dx === null || dy === null) return "";
  if (dx.primary !== dy.primary) {
    if (dx.mode === "n" && g.config.safeguards.promoteRequiresInSync) {
      return ": FTS promotes a mirror only when the catalog says the pair is in sync (row E3 needs mode s), and the catalog said n";
    }
    if (dy.mirrorUp || dy.mode === "s") return ": a flip always marks the old primary down with mode n (row E3)";
  }
  if (dy.mode === "s" && dx.mode === "n" && !dx.mirrorUp && g.config.safeguards.inSyncOnlyWhenCaughtUp) {
    return ": with safeguard inSyncOnlyWhenCaughtUp on, FTS writes s only if sync rep was already on before the probe, which the probe that marks the mirror up turns on (Greenplum 6/7 write s at once: rules as-implemented)";
  }
  return "";
}

/** Why a single row cannot start any change the protocol allows: the hint of a change it could start. */
function rowHint(g: HistoryGraph, x: Projection, index: Index, value: LocalRow): string {
  if (value.role === "p" && value.status === "d") {
    return ": FTS never marks the catalog primary down; a primary's row becomes d only when a flip makes it the mirror (row E3)";
  }
  for (let y = 0; y < NO_MIRROR; y++) {
    if (y === x || legalProjection(rowsOf(y)) === null) continue;
    const w = rowsWritten(x, y);
    if (w.length !== 2 || !w.some((r) => r.index === index && sameRow(r.value, value))) continue;
    const hint = changeHint(g, x, y);
    if (hint !== "") return hint;
  }
  return "";
}


// ---------------------------------------------------------------------------------------
// One content, row by row.

/**
 * The check of one content's rows against one graph (mirroring enabled, or added later),
 * fed one observation at a time; it stops taking observations at the first it cannot
 * explain. What it keeps does not grow with the rows unless `keepPaths` (for the witness).
 */
class ContentCheck {
  private frontier: Frontier;
  private rows: LocalRows;
  private x: Projection;
  /** The first row of a two-row change: its history row, and the catalog rows before it. */
  private pending: { row: number; before: LocalRows } | null = null;
  private doubleFaultOpen = false;
  private mirrorAdded = false;
  private readonly marks = new Map<number, MarkInfo>();
  /** Observations taken so far. */
  private count = 0;
  outcome: ContentOutcome | null = null;

  constructor(
    private readonly g: HistoryGraph,
    private keepPaths: boolean,
  ) {
    this.frontier = keepPaths ? new PathFrontier(g) : new ShapeFrontier(g);
    this.rows = g.mirroring === "addLater" ? [ROW("p", "u", "n"), null] : [ROW("p", "u", "s"), ROW("m", "u", "s")];
    this.x = g.projection[g.initial];
  }

  /** Stops keeping the witness path: from here on memory does not grow with the rows. */
  dropPaths(): void {
    if (this.frontier instanceof PathFrontier) this.frontier = this.frontier.withoutPaths();
    this.keepPaths = false;
    this.marks.clear();
  }

  private fail(failRow: number | null, reason: Render, before: LocalRows | null, allowed: Render[] | null, used: number): void {
    this.failWith(failRow, reason, before, allowed, used);
  }

  private failWith(failRow: number | null, reason: Render, before: LocalRows | null, allowed: Render[] | null, used: number): ContentOutcome {
    const o: ContentOutcome = { ok: false, failRow, reason, before, allowed, used, faults: 0, steps: 0, graph: null, path: null, marks: new Map() };
    this.outcome = o;
    return o;
  }

  private allowedHere(): Render[] {
    return allowedText(this.x, this.frontier.allowed());
  }

  private catalogExpect(p: Projection): string {
    const d = describeProjection(p);
    return d === null ? "" : `expect catalog content=0 primary=${2 + d.primary} mirrorUp=${d.mirrorUp} mode=${d.mode}`;
  }

  private mark(i: number, info: MarkInfo): void {
    if (this.keepPaths) this.marks.set(i, info);
  }

  /** Takes observation `o`, read from history row `row`. */
  observe(o: Observation, row: number): void {
    if (this.outcome !== null) return;
    const i = this.count++;
    const g = this.g;
    const rows = this.rows;
    if (o.kind !== "row" && this.pending !== null) {
      const p = this.pending.row;
      this.fail(
        row,
        (n) => `row ${p} began a change of content ${n.content}'s catalog that no row completes before this one (FTS writes both rows of a change in one transaction)`,
        this.pending.before,
        this.allowedHere(),
        i,
      );
      return;
    }
    switch (o.kind) {
      case "mismatch":
        return this.fail(row, () => o.what, rows, null, i);
      case "row": {
        const updated: LocalRows = o.index === 0 ? [o.value, rows[1]] : [rows[0], o.value];
        if (rows[o.index] === null) {
          return this.fail(row, (n) => `${dbidName(n, o.index)} has no row yet: its mirror row is inserted by a later gpaddmirrors row`, rows, this.allowedHere(), i);
        }
        const from = this.x;
        if (this.pending === null) {
          if (sameRow(updated[0], rows[0]) && sameRow(updated[1], rows[1])) return; // repeats the catalog: no change
          const y = legalProjection(updated);
          if (y !== null) {
            if (!this.frontier.step({ kind: "change", to: y }, i)) {
              return this.fail(row, (n) => `no protocol step changes content ${n.content}'s catalog from ${rowsText(n, rows)} to ${rowsText(n, updated)}${changeHint(g, from, y)}`, rows, this.allowedHere(), i);
            }
            this.mark(i, { rows: [row], expect: this.catalogExpect(y), what: (n) => writtenText(n, from, y) });
            this.rows = updated;
            this.x = y;
            this.doubleFaultOpen = false;
            return;
          }
          // Not a legal state on its own: the first row of a two-row change the protocol allows?
          const starts = this.frontier.allowed().some((s) => {
            if (s.letter.kind !== "change") return false;
            const w = rowsWritten(from, s.letter.to);
            return w.length === 2 && w.some((r) => r.index === o.index && sameRow(r.value, o.value));
          });
          if (!starts) {
            return this.fail(
              row,
              (n) => `no protocol step from ${rowsText(n, rows)} writes ${dbidName(n, o.index)} ${fmt(o.value)}${rowHint(g, from, o.index, o.value)}`,
              rows,
              this.allowedHere(),
              i,
            );
          }
          this.pending = { row, before: rows };
          this.rows = updated;
          return;
        }
        // The second row of a two-row change.
        const first = this.pending.row;
        const before = this.pending.before;
        const y = legalProjection(updated);
        if (y === null || y === from) {
          return this.fail(
            row,
            (n) =>
              y === null
                ? `rows ${first} and ${row} leave content ${n.content}'s catalog as ${rowsText(n, updated)}, which no legal catalog state shows (one p and one m, the primary up, the same mode in both rows, s only with the mirror up)`
                : `row ${row} undoes row ${first}: FTS writes a row only for a dbid whose status or mode changes`,
            before,
            this.allowedHere(),
            i,
          );
        }
        if (!this.frontier.step({ kind: "change", to: y }, i)) {
          return this.fail(row, (n) => `no protocol step changes content ${n.content}'s catalog from ${rowsText(n, before)} to ${rowsText(n, updated)}${changeHint(g, from, y)}`, before, this.allowedHere(), i);
        }
        this.mark(i, { rows: [first, row], expect: this.catalogExpect(y), what: (n) => writtenText(n, from, y) });
        this.rows = updated;
        this.x = y;
        this.pending = null;
        this.doubleFaultOpen = false;
        return;
      }
      case "doubleFault": {
        if (!this.frontier.step({ kind: "doubleFault" }, i)) {
          const d = describeProjection(this.x);
          const why =
            d !== null && d.mode === "s"
              ? ": in mode s a failed probe flips the catalog (row E3); FTS reports a double fault only when the catalog says n"
              : ": no probe from here can fail with the catalog in mode n (row E4)";
          return this.fail(row, (n) => `FTS reports a double fault of content ${n.content}, but the catalog is ${rowsText(n, rows)}${why}`, rows, this.allowedHere(), i);
        }
        this.mark(i, { rows: [row], expect: this.catalogExpect(this.x), what: () => "double fault detected (row E4)" });
        this.doubleFaultOpen = true;
        return;
      }
      case "primaryUp": {
        const d = describeProjection(this.x);
        if (!this.doubleFaultOpen) {
          return this.fail(row, (n) => `FTS reports content ${n.content} out of double fault, but no double fault was reported since its catalog last changed (FTS writes this row only for a content it saw in double fault)`, rows, this.allowedHere(), i);
        }
        if (d === null || d.primary !== o.index) {
          return this.fail(row, (n) => `FTS reports ${dbidName(n, o.index)} up as the lone primary, but the catalog primary of content ${n.content} is ${d === null ? "unknown" : dbidName(n, d.primary)}`, rows, this.allowedHere(), i);
        }
        if (!this.frontier.step({ kind: "primaryUp", index: o.index }, i)) {
          return this.fail(row, (n) => `${dbidName(n, o.index)} cannot be up as catalog primary here`, rows, this.allowedHere(), i);
        }
        this.mark(i, { rows: [row], expect: `expect instance dbid=${2 + o.index} alive=true`, what: (n) => `out of double fault, ${dbidName(n, o.index)} is up` });
        this.doubleFaultOpen = false;
        return;
      }
      case "mirrorAdded": {
        if (this.mirrorAdded) {
          return this.fail(row, (n) => `content ${n.content} already has a mirror row; gpaddmirrors adds mirrors only to mirrorless contents`, rows, this.allowedHere(), i);
        }
        if (o.index !== 1) {
          return this.fail(row, (n) => `gpaddmirrors inserted ${dbidName(n, o.index)}, which the configuration file gives preferred role p`, rows, this.allowedHere(), i);
        }
        if (!this.frontier.step({ kind: "addMirror" }, i)) {
          return this.fail(row, (n) => `gpaddmirrors cannot add the mirror of content ${n.content} here: its primary must run`, rows, this.allowedHere(), i);
        }
        this.mirrorAdded = true;
        this.rows = [ROW("p", "u", "n"), ROW("m", "d", "n")];
        this.x = projection(0, false, "n");
        this.mark(i, { rows: [row], expect: this.catalogExpect(this.x), what: (n) => `gpaddmirrors inserts ${dbidName(n, 1)} (m,d,n)` });
        return;
      }
      case "fullRecovery": {
        const r = rows[o.index];
        if (r === null || r.role !== "m" || r.status !== "d") {
          return this.fail(
            row,
            (n) => `gprecoverseg -F rebuilt ${dbidName(n, o.index)}, but the catalog shows it ${r === null ? "absent" : fmt(r)}: recovery targets only a mirror marked down`,
            rows,
            this.allowedHere(),
            i,
          );
        }
        if (!this.frontier.step({ kind: "recoverFull" }, i)) {
          return this.fail(row, (n) => `gprecoverseg -F cannot rebuild ${dbidName(n, o.index)} here: it needs the catalog primary up and acting as primary`, rows, this.allowedHere(), i);
        }
        this.mark(i, { rows: [row], expect: this.catalogExpect(this.x), what: (n) => `gprecoverseg -F rebuilds ${dbidName(n, o.index)}` });
        return;
      }
    }
  }

  /** The outcome once every row was read: the content's catalog must end as the configuration file shows it. */
  finish(finalRows: LocalRows): ContentOutcome {
    if (this.outcome !== null) return this.outcome;
    const used = this.count;
    if (this.pending !== null) {
      const p = this.pending.row;
      return this.failWith(p, (n) => `row ${p} begins a change of content ${n.content}'s catalog that no later row completes (FTS writes both rows of a change in one transaction)`, this.pending.before, this.allowedHere(), used);
    }
    const end = this.rows;
    if (!sameRow(end[0], finalRows[0]) || !sameRow(end[1], finalRows[1])) {
      return this.failWith(
        null,
        (n) => `after its last history row content ${n.content}'s catalog is ${rowsText(n, end)}, but the configuration file shows ${rowsText(n, finalRows)} (rows missing from the history, or files exported at different times)`,
        end,
        this.allowedHere(),
        used,
      );
    }
    const run = this.frontier.cheapestRun();
    const path = this.frontier.path();
    return {
      ok: true,
      failRow: null,
      reason: () => "",
      before: null,
      allowed: null,
      used,
      faults: run.faults,
      steps: run.steps,
      graph: path === null ? null : this.g,
      path,
      marks: this.marks,
    };
  }
}

/**
 * One content's rows, checked as they come. Which graph applies (mirrors from the start, or
 * added by gpaddmirrors) depends on whether a gpaddmirrors row comes at all, so both are
 * followed until the first one does; the other usually fails at once (its first FTS row).
 */
export class ContentTracker {
  private enabled: ContentCheck | null;
  private readonly addLater: ContentCheck | null;
  private sawMirrorAdded = false;
  private first: number | null = null;
  private count = 0;

  constructor(
    rules: HistoryRules,
    private readonly hasMirror: boolean,
    keepPaths: boolean,
  ) {
    this.enabled = hasMirror ? new ContentCheck(historyGraph(rules, "enabled"), keepPaths) : null;
    this.addLater = hasMirror ? new ContentCheck(historyGraph(rules, "addLater"), keepPaths) : null;
  }

  dropPaths(): void {
    this.enabled?.dropPaths();
    this.addLater?.dropPaths();
  }

  observe(o: Observation, row: number): void {
    this.first ??= row;
    this.count++;
    if (o.kind === "mirrorAdded" && !this.sawMirrorAdded) {
      this.sawMirrorAdded = true;
      this.enabled = null;
    }
    this.enabled?.observe(o, row);
    this.addLater?.observe(o, row);
  }

  finish(finalRows: LocalRows): ContentOutcome {
    const none = { faults: 0, steps: 0, graph: null, path: null, marks: new Map<number, MarkInfo>() };
    if (!this.hasMirror) {
      if (this.first !== null) {
        const reason: Render = (n) => `content ${n.content} has no mirror in the configuration file; FTS never writes rows for a mirrorless content`;
        return { ok: false, failRow: this.first, reason, before: [ROW("p", "u", "n"), null], allowed: [], used: 0, ...none };
      }
      return { ok: true, failRow: null, reason: () => "no mirror and no history rows", before: null, allowed: null, used: 0, ...none };
    }
    const check = this.sawMirrorAdded ? this.addLater : this.enabled;
    return (check as ContentCheck).finish(finalRows);
  }
}
