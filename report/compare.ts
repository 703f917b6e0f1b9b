/**
 * What `mirrorcheck compare` reports: two checks of one configuration, the built-in model and
 * the model with a proposal, side by side. One row per figure (verdict, distinct states,
 * depth) and per property (every safety property, witness and liveness subject), each marked
 * with what the proposal does to it: breaks it (held, now fails), fixes it (failed, now holds).
 * Both checks are meant to run with every violation collected (`check --all`), so that each
 * violated property has its shortest counterexample.
 */
import type { CheckReport } from "../api/index.js";
import type { Violation } from "../checker/index.js";
import type { BoundAction, State } from "../model/index.js";
import { LIVENESS_PROPERTIES, safetyPropertiesOf } from "../properties/index.js";
import { isLasso } from "./lasso.js";
import { num } from "./table.js";

/**
 * What the proposal does to a row. "changed": a figure or a counterexample length differs.
 * "new" / "new-fails": a property or witness of the proposal's own (absent from the built-in
 * side), which holds (is reached) / fails.
 */
export type CompareMark = "breaks" | "fixes" | "new-fails" | "new" | "changed" | "same";

export type CompareRowKind = "verdict" | "states" | "depth" | "safety" | "witness" | "liveness";

/** The status of one property on one side. `unknown`: the run was cut short before it could tell. */
export type PropertyStatus = "holds" | "violated" | "reached" | "unreached" | "not-expected" | "unknown";

export interface CompareCell {
  /** As printed: "holds", "violated (8 actions)", "reached in 4 actions", "291,698". */
  readonly text: string;
  /** null for the figure rows (verdict, states, depth). */
  readonly status: PropertyStatus | null;
  /** The number behind the text: the figure, the counterexample or witness length (null if none). */
  readonly value: number | null;
}

export interface CompareRow {
  readonly kind: CompareRowKind;
  /** "verdict", "NoLostAckedCommit", "ContentsServe content=0". */
  readonly name: string;
  readonly builtin: CompareCell;
  readonly variant: CompareCell;
  readonly mark: CompareMark;
}

/** The counterexample that shows a break (the proposal's) or a fix (the built-in model's). */
export interface CompareCounterexample {
  readonly row: string;
  readonly mark: "breaks" | "fixes" | "new-fails";
  readonly side: "builtin" | "variant";
  readonly report: CheckReport;
  readonly violation: Violation<State, BoundAction>;
}

export interface Comparison {
  readonly variantName: string;
  readonly builtin: CheckReport;
  readonly variant: CheckReport;
  readonly rows: readonly CompareRow[];
  /** Row names the proposal breaks, those it fixes, and its own properties and witnesses that fail, in row order. */
  readonly breaks: readonly string[];
  readonly fixes: readonly string[];
  readonly newFailing: readonly string[];
  readonly counterexamples: readonly CompareCounterexample[];
  /** Whether either run was cut short (its "holds" only means "not violated so far"). */
  readonly incomplete: boolean;
}

/** The cell of a row that exists only with the proposal (its own property or witness). */
const ABSENT = "-";

function actions(n: number): string {
  return n === 1 ? "1 action" : `${n} actions`;
}

function figure(value: number, text = num(value)): CompareCell {
  return { text, status: null, value };
}

function markOf(before: CompareCell, after: CompareCell, good: PropertyStatus, bad: PropertyStatus): CompareMark {
  if (before.text === ABSENT) return after.status === bad ? "new-fails" : "new";
  if (before.status === good && after.status === bad) return "breaks";
  if (before.status === bad && after.status === good) return "fixes";
  return before.text === after.text ? "same" : "changed";
}

function invariantViolations(r: CheckReport): Violation<State, BoundAction>[] {
  return r.result.violations.filter((v) => v.kind === "invariant");
}

function safetyCell(r: CheckReport, name: string): CompareCell {
  const v = invariantViolations(r).find((x) => x.property === name);
  if (v !== undefined) return { text: `violated (${actions(v.length)})`, status: "violated", value: v.length };
  // A proposal's own property does not exist on the built-in side: nothing to break or fix.
  if (!safetyNames(r).includes(name)) return { text: ABSENT, status: "unknown", value: null };
  if (r.result.incompleteKind !== null) return { text: "not violated so far", status: "unknown", value: null };
  return { text: "holds", status: "holds", value: null };
}

function witnessCell(r: CheckReport, name: string): CompareCell {
  const w = r.result.witnesses.find((x) => x.name === name);
  if (w === undefined) return { text: ABSENT, status: "not-expected", value: null };
  if (w.reached) return { text: `reached in ${w.depth === null ? "?" : actions(w.depth)}`, status: "reached", value: w.depth };
  if (!w.required) return { text: "not expected", status: "not-expected", value: null };
  // A search stopped by the first violation (or a bound) may not have got there yet.
  const stopped = r.result.incompleteKind !== null || (r.result.verdict === "violation" && r.options.all !== true);
  return stopped ? { text: "not reached so far", status: "unknown", value: null } : { text: "NEVER REACHED", status: "unreached", value: null };
}

function livenessCell(r: CheckReport, name: string, subject: string): CompareCell {
  const live = r.result.liveness;
  const p = live?.properties.find((x) => x.name === name);
  if (live === null || live.notCheckedReason !== null || p === undefined || p.verdict === "not-checked") {
    return { text: "not checked", status: "unknown", value: null };
  }
  if (!p.violators.includes(subject)) return { text: "holds", status: "holds", value: null };
  const v = r.result.violations.find((x) => isLasso(x) && x.property === name && x.lasso.subject === subject);
  if (v === undefined || !isLasso(v)) return { text: "violated", status: "violated", value: null };
  return { text: `violated (stem ${v.lasso.stemLength} + cycle ${v.lasso.cycleLength})`, status: "violated", value: v.length };
}

/** Names in first-seen order over several lists. */
function union(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

function safetyNames(r: CheckReport): string[] {
  return union(
    safetyPropertiesOf(r.config).filter((p) => p.appliesTo(r.config)).map((p) => p.name),
    r.properties.map((p) => p.name),
    invariantViolations(r).map((v) => v.property),
  );
}

function livenessSubjects(r: CheckReport): [string, string][] {
  const live = r.result.liveness;
  if (live === null) return [];
  const out: [string, string][] = [];
  for (const p of live.properties) {
    // The property's subjects in this configuration (its contents or txns), and any violator.
    const def = LIVENESS_PROPERTIES.find((x) => x.name === p.name);
    const subjects = def === undefined ? [] : def.subjects(r.config).map((id) => `${def.subject}=${id}`);
    for (const s of union(subjects, p.violators)) out.push([p.name, s]);
  }
  return out;
}

/** The comparison of a built-in check (`builtin`) and the same configuration's check with the proposal (`variant`). */
export function compareReports(builtin: CheckReport, variant: CheckReport, variantName: string): Comparison {
  const rows: CompareRow[] = [];
  const counterexamples: CompareCounterexample[] = [];
  const verdict = (r: CheckReport): CompareCell => ({ text: r.result.verdict.toUpperCase(), status: null, value: null });
  const vb = verdict(builtin);
  const vv = verdict(variant);
  rows.push({ kind: "verdict", name: "verdict", builtin: vb, variant: vv, mark: vb.text === vv.text ? "same" : "changed" });
  for (const [kind, get] of [
    ["states", (r: CheckReport) => r.result.distinctStates],
    ["depth", (r: CheckReport) => r.result.depth],
  ] as const) {
    const b = figure(get(builtin));
    const v = figure(get(variant));
    rows.push({ kind, name: kind === "states" ? "distinct states" : "depth", builtin: b, variant: v, mark: b.value === v.value ? "same" : "changed" });
  }
  const addCounterexample = (row: CompareRow, find: (r: CheckReport) => Violation<State, BoundAction> | undefined): void => {
    if (row.mark !== "breaks" && row.mark !== "fixes" && row.mark !== "new-fails") return;
    const side = row.mark === "fixes" ? "builtin" : "variant";
    const report = side === "variant" ? variant : builtin;
    const violation = find(report);
    if (violation !== undefined) counterexamples.push({ row: row.name, mark: row.mark, side, report, violation });
  };
  for (const name of union(safetyNames(builtin), safetyNames(variant))) {
    const b = safetyCell(builtin, name);
    const v = safetyCell(variant, name);
    const row: CompareRow = { kind: "safety", name, builtin: b, variant: v, mark: markOf(b, v, "holds", "violated") };
    rows.push(row);
    addCounterexample(row, (r) => invariantViolations(r).find((x) => x.property === name));
  }
  const witnessNames = union(builtin.result.witnesses.map((w) => w.name), variant.result.witnesses.map((w) => w.name));
  for (const name of witnessNames) {
    const b = witnessCell(builtin, name);
    const v = witnessCell(variant, name);
    rows.push({ kind: "witness", name, builtin: b, variant: v, mark: markOf(b, v, "reached", "unreached") });
  }
  const subjects = union(
    livenessSubjects(builtin).map(([p, s]) => `${p} ${s}`),
    livenessSubjects(variant).map(([p, s]) => `${p} ${s}`),
  );
  for (const key of subjects) {
    const [name, subject] = key.split(" ") as [string, string];
    const b = livenessCell(builtin, name, subject);
    const v = livenessCell(variant, name, subject);
    const row: CompareRow = { kind: "liveness", name: key, builtin: b, variant: v, mark: markOf(b, v, "holds", "violated") };
    rows.push(row);
    addCounterexample(row, (r) => r.result.violations.find((x) => isLasso(x) && x.property === name && x.lasso.subject === subject));
  }
  return {
    variantName,
    builtin,
    variant,
    rows,
    breaks: rows.filter((r) => r.mark === "breaks").map((r) => r.name),
    fixes: rows.filter((r) => r.mark === "fixes").map((r) => r.name),
    newFailing: rows.filter((r) => r.mark === "new-fails").map((r) => r.name),
    counterexamples,
    incomplete: builtin.result.incompleteKind !== null || variant.result.incompleteKind !== null,
  };
}

/** The file name `compare --trace-out DIR` gives a counterexample: "variant.NoLostAckedCommit.trace", "builtin.ContentsServe.content=0.trace". */
export function compareTraceFileName(x: CompareCounterexample): string {
  return `${x.side}.${x.row.replace(/ /g, ".")}.trace`;
}
