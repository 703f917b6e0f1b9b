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
import {
  describeProjection,
  historyGraph,
  NO_MIRROR,
  projection,
  type HistoryGraph,
  type HistoryRules,
  type Projection,
} from "./historyGraph.js";
import type { HistoryFile, HistoryRow } from "./historyFile.js";
import {
  advance,
  allowedSteps,
  cheapest,
  closeLayer,
  pathTo,
  startLayer,
  type AllowedStep,
  type Layer,
  type Letter,
  type PathNode,
} from "./historySearch.js";
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
  readonly skipped: readonly SkippedRow[];
}

// ---------------------------------------------------------------------------------------
// Observations: a content's rows in the model's terms (instance 0 = preferred primary).

type Index = 0 | 1;

interface LocalRow {
  readonly role: RowRole;
  readonly status: RowStatus;
  readonly mode: RowMode;
}

/** The content's two catalog rows, by instance index; the mirror's is null before gpaddmirrors. */
type LocalRows = readonly [LocalRow, LocalRow | null];

type Observation =
  | { readonly kind: "row"; readonly index: Index; readonly value: LocalRow }
  | { readonly kind: "doubleFault" }
  | { readonly kind: "primaryUp"; readonly index: Index }
  | { readonly kind: "mirrorAdded"; readonly index: Index }
  | { readonly kind: "fullRecovery"; readonly index: Index }
  /** A row that contradicts the configuration file (its text names another content). */
  | { readonly kind: "mismatch"; readonly what: string };

/** How a content's names and rows are shown: the same pattern serves every content. */
interface Names {
  readonly content: number;
  readonly dbid: readonly [number, number | null];
  /** History row number of observation i. */
  readonly rowOf: (i: number) => number;
}

type Render = (n: Names) => string;

interface PatternOutcome {
  readonly ok: boolean;
  /** Observation index of the offending row; null for a disagreement with the end state. */
  readonly failAt: number | null;
  readonly reason: Render;
  readonly before: LocalRows | null;
  readonly allowed: readonly Render[] | null;
  /** Consistent: the graph and the path of the witness, with what each marked node observed. */
  readonly graph: HistoryGraph | null;
  readonly path: readonly PathNode[];
  readonly marks: ReadonlyMap<number, MarkInfo>;
  readonly used: number;
}

interface MarkInfo {
  /** The observations the marked step accounts for (two for a two-row change). */
  readonly obs: readonly number[];
  /** An expectation to check in the witness after the step, in model dbids. */
  readonly expect: string;
  readonly what: Render;
}

const ROW = (role: RowRole, status: RowStatus, mode: RowMode): LocalRow => ({ role, status, mode });

function sameRow(a: LocalRow | null, b: LocalRow | null): boolean {
  return a === null || b === null ? a === b : a.role === b.role && a.status === b.status && a.mode === b.mode;
}

function fmt(r: LocalRow): string {
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

/** The search for one content's observations: the pattern shared by all contents with the same rows. */
function checkPattern(
  rules: HistoryRules,
  obs: readonly Observation[],
  hasMirror: boolean,
  finalRows: LocalRows,
): PatternOutcome {
  const mirroring = obs.some((o) => o.kind === "mirrorAdded") ? "addLater" : "enabled";
  const fail = (failAt: number | null, reason: Render, before: LocalRows | null, allowed: Render[] | null, used: number): PatternOutcome => ({
    ok: false,
    failAt,
    reason,
    before,
    allowed,
    graph: null,
    path: [],
    marks: new Map(),
    used,
  });
  if (!hasMirror) {
    if (obs.length > 0) {
      return fail(0, (n) => `content ${n.content} has no mirror in the configuration file; FTS never writes rows for a mirrorless content`, [ROW("p", "u", "n"), null], [], 0);
    }
    return { ok: true, failAt: null, reason: () => "no mirror and no history rows", before: null, allowed: null, graph: null, path: [], marks: new Map(), used: 0 };
  }
  const g = historyGraph(rules, mirroring);
  let layer: Layer = startLayer(g);
  let closed = closeLayer(g, layer);
  let rows: LocalRows = mirroring === "addLater" ? [ROW("p", "u", "n"), null] : [ROW("p", "u", "s"), ROW("m", "u", "s")];
  let x: Projection = g.projection[g.initial];
  let pending: { obs: number; before: LocalRows } | null = null;
  let doubleFaultOpen = false;
  let mirrorAdded = false;
  const marks = new Map<number, MarkInfo>();
  const allowedHere = (): Render[] => allowedText(x, allowedSteps(g, closed));
  const step = (letter: Letter, mark: number): boolean => {
    const next = advance(g, closed, letter, mark);
    if (next.size === 0) return false;
    layer = next;
    closed = closeLayer(g, layer);
    return true;
  };
  const catalogExpect = (p: Projection): string => {
    const d = describeProjection(p);
    return d === null ? "" : `expect catalog content=0 primary=${2 + d.primary} mirrorUp=${d.mirrorUp} mode=${d.mode}`;
  };
  for (let i = 0; i < obs.length; i++) {
    const o = obs[i];
    if (o.kind !== "row" && pending !== null) {
      const p: number = pending.obs;
      return fail(
        i,
        (n) => `row ${n.rowOf(p)} began a change of content ${n.content}'s catalog that no row completes before this one (FTS writes both rows of a change in one transaction)`,
        pending.before,
        allowedText(x, allowedSteps(g, closed)),
        i,
      );
    }
    switch (o.kind) {
      case "mismatch":
        return fail(i, () => o.what, rows, null, i);
      case "row": {
        const updated: LocalRows = o.index === 0 ? [o.value, rows[1]] : [rows[0], o.value];
        if (rows[o.index] === null) {
          return fail(i, (n) => `${dbidName(n, o.index)} has no row yet: its mirror row is inserted by a later gpaddmirrors row`, rows, allowedHere(), i);
        }
        if (pending === null) {
          if (sameRow(updated[0], rows[0]) && sameRow(updated[1], rows[1])) continue; // repeats the catalog: no change
          const y = legalProjection(updated);
          if (y !== null) {
            if (!step({ kind: "change", to: y }, i)) {
              const from = x;
              return fail(i, (n) => `no protocol step changes content ${n.content}'s catalog from ${rowsText(n, rows)} to ${rowsText(n, updated)}${changeHint(g, from, y)}`, rows, allowedHere(), i);
            }
            const from = x;
            marks.set(i, { obs: [i], expect: catalogExpect(y), what: (n) => writtenText(n, from, y) });
            rows = updated;
            x = y;
            doubleFaultOpen = false;
            continue;
          }
          // Not a legal state on its own: the first row of a two-row change the protocol allows?
          const starts = allowedSteps(g, closed).some((s) => {
            if (s.letter.kind !== "change") return false;
            const w = rowsWritten(x, s.letter.to);
            return w.length === 2 && w.some((r) => r.index === o.index && sameRow(r.value, o.value));
          });
          if (!starts) {
            const from = x;
            return fail(
              i,
              (n) => `no protocol step from ${rowsText(n, rows)} writes ${dbidName(n, o.index)} ${fmt(o.value)}${rowHint(g, from, o.index, o.value)}`,
              rows,
              allowedHere(),
              i,
            );
          }
          pending = { obs: i, before: rows };
          rows = updated;
          continue;
        }
        // The second row of a two-row change.
        const first: number = pending.obs;
        const before = pending.before;
        const y = legalProjection(updated);
        if (y === null || y === x) {
          return fail(
            i,
            (n) =>
              y === null
                ? `rows ${n.rowOf(first)} and ${n.rowOf(i)} leave content ${n.content}'s catalog as ${rowsText(n, updated)}, which no legal catalog state shows (one p and one m, the primary up, the same mode in both rows, s only with the mirror up)`
                : `row ${n.rowOf(i)} undoes row ${n.rowOf(first)}: FTS writes a row only for a dbid whose status or mode changes`,
            before,
            allowedHere(),
            i,
          );
        }
        if (!step({ kind: "change", to: y }, i)) {
          const from = x;
          return fail(i, (n) => `no protocol step changes content ${n.content}'s catalog from ${rowsText(n, before)} to ${rowsText(n, updated)}${changeHint(g, from, y)}`, before, allowedHere(), i);
        }
        const from = x;
        marks.set(i, { obs: [first, i], expect: catalogExpect(y), what: (n) => writtenText(n, from, y) });
        rows = updated;
        x = y;
        pending = null;
        doubleFaultOpen = false;
        continue;
      }
      case "doubleFault": {
        if (!step({ kind: "doubleFault" }, i)) {
          const d = describeProjection(x);
          const why =
            d !== null && d.mode === "s"
              ? ": in mode s a failed probe flips the catalog (row E3); FTS reports a double fault only when the catalog says n"
              : ": no probe from here can fail with the catalog in mode n (row E4)";
          return fail(i, (n) => `FTS reports a double fault of content ${n.content}, but the catalog is ${rowsText(n, rows)}${why}`, rows, allowedHere(), i);
        }
        marks.set(i, { obs: [i], expect: catalogExpect(x), what: () => "double fault detected (row E4)" });
        doubleFaultOpen = true;
        continue;
      }
      case "primaryUp": {
        const d = describeProjection(x);
        if (!doubleFaultOpen) {
          return fail(i, (n) => `FTS reports content ${n.content} out of double fault, but no double fault was reported since its catalog last changed (FTS writes this row only for a content it saw in double fault)`, rows, allowedHere(), i);
        }
        if (d === null || d.primary !== o.index) {
          return fail(i, (n) => `FTS reports ${dbidName(n, o.index)} up as the lone primary, but the catalog primary of content ${n.content} is ${d === null ? "unknown" : dbidName(n, d.primary)}`, rows, allowedHere(), i);
        }
        if (!step({ kind: "primaryUp", index: o.index }, i)) {
          return fail(i, (n) => `${dbidName(n, o.index)} cannot be up as catalog primary here`, rows, allowedHere(), i);
        }
        marks.set(i, { obs: [i], expect: `expect instance dbid=${2 + o.index} alive=true`, what: (n) => `out of double fault, ${dbidName(n, o.index)} is up` });
        doubleFaultOpen = false;
        continue;
      }
      case "mirrorAdded": {
        if (mirrorAdded) {
          return fail(i, (n) => `content ${n.content} already has a mirror row; gpaddmirrors adds mirrors only to mirrorless contents`, rows, allowedHere(), i);
        }
        if (o.index !== 1) {
          return fail(i, (n) => `gpaddmirrors inserted ${dbidName(n, o.index)}, which the configuration file gives preferred role p`, rows, allowedHere(), i);
        }
        if (!step({ kind: "addMirror" }, i)) {
          return fail(i, (n) => `gpaddmirrors cannot add the mirror of content ${n.content} here: its primary must run`, rows, allowedHere(), i);
        }
        mirrorAdded = true;
        rows = [ROW("p", "u", "n"), ROW("m", "d", "n")];
        x = projection(0, false, "n");
        marks.set(i, { obs: [i], expect: catalogExpect(x), what: (n) => `gpaddmirrors inserts ${dbidName(n, 1)} (m,d,n)` });
        continue;
      }
      case "fullRecovery": {
        const r = rows[o.index];
        if (r === null || r.role !== "m" || r.status !== "d") {
          return fail(
            i,
            (n) => `gprecoverseg -F rebuilt ${dbidName(n, o.index)}, but the catalog shows it ${r === null ? "absent" : fmt(r)}: recovery targets only a mirror marked down`,
            rows,
            allowedHere(),
            i,
          );
        }
        if (!step({ kind: "recoverFull" }, i)) {
          return fail(i, (n) => `gprecoverseg -F cannot rebuild ${dbidName(n, o.index)} here: it needs the catalog primary up and acting as primary`, rows, allowedHere(), i);
        }
        marks.set(i, { obs: [i], expect: catalogExpect(x), what: (n) => `gprecoverseg -F rebuilds ${dbidName(n, o.index)}` });
        continue;
      }
    }
  }
  if (pending !== null) {
    const p: number = pending.obs;
    return fail(p, (n) => `row ${n.rowOf(p)} begins a change of content ${n.content}'s catalog that no later row completes (FTS writes both rows of a change in one transaction)`, pending.before, allowedHere(), obs.length);
  }
  if (!sameRow(rows[0], finalRows[0]) || !sameRow(rows[1], finalRows[1])) {
    const end = rows;
    return fail(
      null,
      (n) => `after its last history row content ${n.content}'s catalog is ${rowsText(n, end)}, but the configuration file shows ${rowsText(n, finalRows)} (rows missing from the history, or files exported at different times)`,
      rows,
      allowedHere(),
      obs.length,
    );
  }
  const best = cheapest(layer) as PathNode;
  return { ok: true, failAt: null, reason: () => "", before: null, allowed: null, graph: g, path: pathTo(best), marks, used: obs.length };
}

// ---------------------------------------------------------------------------------------
// The whole cluster.

interface ContentInput {
  readonly content: number;
  readonly primary: SegmentRow;
  readonly mirror: SegmentRow | null;
  readonly obs: Observation[];
  readonly rows: HistoryRow[];
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
  outcome: PatternOutcome,
  input: ContentInput,
  names: Names,
  rules: HistoryRules,
  files: { config: string; history: string },
): Witness {
  const g = outcome.graph;
  const fileName = `content-${input.content}.trace`;
  const last = outcome.path[outcome.path.length - 1];
  const faults = last === undefined ? 0 : last.faults;
  const base: Config =
    g !== null
      ? { ...g.config, faults }
      : resolveConfig({ contents: 1, txns: 0, faults: 0, mirroring: "disabled", syncRepReload: rules.syncRepReload, off: rules.off });
  const actions: Action[] = [];
  const after = new Map<number, string[]>(); // lines to insert after action k (-1: before the first)
  let k = -1;
  for (const n of outcome.path) {
    if (n.action >= 0 && g !== null) {
      actions.push(g.actions[n.action].action);
      k++;
    }
    if (n.mark >= 0) {
      const info = outcome.marks.get(n.mark);
      if (info === undefined) continue;
      const rowsList = info.obs.map((o) => names.rowOf(o));
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

function patternKey(input: ContentInput): string {
  return JSON.stringify([input.mirror !== null, input.obs, localRowOf(input.primary), localRowOf(input.mirror)]);
}

/**
 * Checks a cluster's history against the model under the given rules. Rows that cannot be
 * used (unknown texts, rows of the coordinator, dbids the configuration does not know,
 * management rows without usable content) are returned in `skipped`.
 */
export function checkHistory(cfg: SegmentConfiguration, history: HistoryFile, rules: HistoryRules): HistoryCheckResult {
  const skipped: SkippedRow[] = [];
  const skip = (r: HistoryRow, reason: string): void => {
    skipped.push({ row: r.row, line: r.line, dbid: r.dbid, desc: r.desc, reason });
  };
  // gprecoverseg -F may give the rebuilt mirror a new dbid ("... or original dbid D"): the old one names the same instance.
  const alias = new Map<number, number>();
  for (const r of history.rows) {
    if (r.event.kind === "fullRecovery" && r.event.originalDbid !== r.dbid && !cfg.byDbid.has(r.event.originalDbid) && cfg.byDbid.has(r.dbid)) {
      alias.set(r.event.originalDbid, r.dbid);
    }
  }
  const resolve = (dbid: number): SegmentRow | undefined => cfg.byDbid.get(alias.get(dbid) ?? dbid);
  const inputs: ContentInput[] = cfg.contents.map((c) => ({
    content: c.content,
    primary: c.preferredPrimary,
    mirror: c.preferredMirror,
    obs: [],
    rows: [],
  }));
  const indexOf = (seg: SegmentRow): Index => (seg.preferredRole === "p" ? 0 : 1);
  const add = (content: number, o: Observation, r: HistoryRow): void => {
    inputs[content].obs.push(o);
    inputs[content].rows.push(r);
  };
  for (const r of history.rows) {
    const e = r.event;
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
        if (e.content < 0 || e.content >= inputs.length) skip(r, `content ${e.content} is not in ${cfg.file}`);
        else add(e.content, { kind: "doubleFault" }, r);
        break;
      case "outOfDoubleFault": {
        if (e.content < 0 || e.content >= inputs.length) {
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
  const cache = new Map<string, PatternOutcome>();
  const contents: ContentVerdict[] = inputs.map((input) => {
    const key = patternKey(input);
    let outcome = cache.get(key);
    if (outcome === undefined) {
      const finalRows: LocalRows = [localRowOf(input.primary) as LocalRow, localRowOf(input.mirror)];
      outcome = checkPattern(rules, input.obs, input.mirror !== null, finalRows);
      cache.set(key, outcome);
    }
    const names: Names = {
      content: input.content,
      dbid: [input.primary.dbid, input.mirror?.dbid ?? null],
      rowOf: (i) => input.rows[i]?.row ?? -1,
    };
    if (outcome.ok) {
      const witness = witnessOf(outcome, input, names, rules, { config: cfg.file, history: history.file });
      return {
        content: input.content,
        verdict: "consistent",
        row: null,
        reason: `${plural(input.rows.length, "history row")} explained by a run of ${plural(witness.steps, "step")} with ${plural(witness.faults, "fault")}`,
        rowsUsed: input.rows.length,
        catalogBefore: null,
        allowedNext: null,
        witness,
      };
    }
    const before = outcome.before;
    return {
      content: input.content,
      verdict: "inconsistent",
      row: outcome.failAt === null ? null : names.rowOf(outcome.failAt),
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
  return {
    verdict: contents.every((c) => c.verdict === "consistent") ? "consistent" : "inconsistent",
    configFile: cfg.file,
    historyFile: history.file,
    rules,
    historyRows: history.rows.length,
    contents,
    skipped,
  };
}

