/**
 * The readable and the JSON form of comparing two replays: `mirrorcheck diff` (two traces, or
 * one trace under other rules) and the what-if section of `replay --on/--off`. Fields are named
 * as replay names them ("content 0 catalog mode"), with their state paths in JSON.
 */
import { describeConfig, formatAction } from "../model/index.js";
import {
  fieldDifferences,
  overrideText,
  replayPath,
  type AppliedOverride,
  type ExpectationChange,
  type FieldDifference,
  type ReplayResult,
  type TraceDiff,
  type WhatIfReplay,
} from "../trace/index.js";
import { diffStates, type Change } from "./describe.js";
import { configJson, type ConfigJson } from "./json.js";
import { checkedText } from "./replayText.js";
import { renderTable } from "./table.js";

/** How an expectation came out in one replay: "violated ✓", "holds ✗", or "not reached". */
function outcomeText(text: string, o: ExpectationChange["before"]): string {
  if (o === null) return "not reached";
  return `${checkedText({ text, ok: o.ok, actual: o.actual })} ${o.ok ? "✓" : "✗"}`;
}

function expectationLines(changes: readonly ExpectationChange[], from: string, to: string, indent: string): string[] {
  if (changes.length === 0) return [`${indent}no expectation changed outcome (${from} → ${to})`];
  return [
    `${indent}expectations that changed outcome (${from} → ${to}):`,
    ...changes.map((c) => `${indent}  line ${c.line}: ${c.text}: ${outcomeText(c.text, c.before)} → ${outcomeText(c.text, c.after)}`),
  ];
}

function actionAt(r: ReplayResult, step: number): string {
  const a = replayPath(r).actions[step - 1];
  return a === undefined ? "" : formatAction(a);
}

/** The what-if section `replay --on/--off/--sync-rep-reload` prints after the replay's own report. */
export function whatIfLines(w: WhatIfReplay): string[] {
  const out = [
    "WHAT-IF  the rules were overridden: this is not the trace's own replay",
    ...w.applied.map((a) => `  ${overrideText(a)}`),
    `  trace's config: ${describeConfig(w.original.config)}`,
    `  replayed under: ${describeConfig(w.result.config)}`,
  ];
  const d = w.divergence;
  if (d === null) {
    const more = w.comparison.stepsB > w.comparison.stepsA ? `, and goes on past the original's stop (${w.comparison.stepsB} actions, not ${w.comparison.stepsA})` : "";
    out.push(`  the path is the same as the original replay's, state for state${more}`);
  } else if (d.kind === "state") {
    const where = d.step === 0 ? "in the initial state" : `after step ${d.step} (line ${d.line}, ${actionAt(w.original, d.step)})`;
    out.push(`  diverges ${where}: the state differs from the original replay (original → what-if):`);
    const changes = diffStates(w.original.config, replayPath(w.original).states[d.step], replayPath(w.result).states[d.step], w.result.config);
    for (const c of changes) out.push(`    ${c.field}: ${c.before} → ${c.after}`);
  } else {
    out.push(`  diverges at step ${d.step} (line ${d.line}): no longer enabled; replay stops there`);
    out.push(`    ${d.message}`);
  }
  if (d !== null && d.kind === "state" && w.result.error !== null) {
    out.push(`  then line ${w.result.error.line} is not enabled under these rules; replay stops there: ${w.result.error.message}`);
  }
  out.push(...expectationLines(w.expectations, "original", "what-if", "  "));
  return out;
}

export interface DivergenceJson {
  readonly kind: "state" | "not-enabled";
  /** 0: the initial state; k: after step k (state), or the step not enabled. */
  readonly step: number;
  readonly line: number;
  /** kind state: the fields that differ, original → what-if. */
  readonly changes?: readonly Change[];
  readonly paths?: readonly FieldDifference[];
  /** kind not-enabled: replay's one-line error, with the enabled alternatives. */
  readonly message?: string;
}

export interface WhatIfJson {
  readonly overrides: readonly AppliedOverride[];
  readonly originalConfig: ConfigJson;
  readonly divergence: DivergenceJson | null;
  readonly expectationChanges: readonly ExpectationChange[];
}

export function whatIfJson(name: string, w: WhatIfReplay): WhatIfJson {
  const d = w.divergence;
  let divergence: DivergenceJson | null = null;
  if (d?.kind === "state") {
    const changes = diffStates(w.original.config, replayPath(w.original).states[d.step], replayPath(w.result).states[d.step], w.result.config);
    divergence = { kind: "state", step: d.step, line: d.line, changes, paths: d.fields };
  } else if (d?.kind === "not-enabled") {
    divergence = { kind: "not-enabled", step: d.step, line: d.line, message: d.message };
  }
  return { overrides: w.applied, originalConfig: configJson(name, w.original.config), divergence, expectationChanges: w.expectations };
}

/** What a side's replay did: "8 actions, OK", "stopped at line 9: ... not enabled". */
function sideOutcome(r: ReplayResult): string {
  const steps = replayPath(r).actions.length;
  const actions = `${steps} action${steps === 1 ? "" : "s"}`;
  if (r.error !== null) return `${actions} applied, then line ${r.error.line} not enabled`;
  return `${actions}, ${r.status === "ok" ? "every expectation held" : "an expectation failed"}`;
}

/** The verdict line's reasons: where states and actions first differ, the lengths, changed expectations. */
function differentSummary(d: TraceDiff): string {
  const c = d.comparison;
  const parts: string[] = [];
  const k = c.firstStateDifference;
  if (k !== null) parts.push(k === 0 ? "the initial states differ" : `the states differ after step ${k}`);
  if (c.firstActionDifference !== null) parts.push(`the actions differ from step ${c.firstActionDifference}`);
  if (c.writtenA !== c.writtenB) parts.push(`A lists ${c.writtenA} actions, B ${c.writtenB}`);
  else if (c.stepsA !== c.stepsB) parts.push(`A applied ${c.stepsA} actions, B ${c.stepsB}`);
  if (d.expectations.length > 0) parts.push(`${d.expectations.length} expectation${d.expectations.length === 1 ? "" : "s"} changed outcome`);
  return parts.join("; ");
}

/** `mirrorcheck diff`'s text: both sides, the steps side by side, the first difference, the verdict. */
export function diffText(d: TraceDiff): string {
  const { a, b, comparison: c } = d;
  const label = (s: TraceDiff["a"]): string => (s.rules === "as written" ? s.file : `${s.file} with ${s.rules}`);
  const out = [
    `mirrorcheck diff`,
    `  A: ${label(a)}: ${describeConfig(a.result.config)} (${sideOutcome(a.result)})`,
    `  B: ${label(b)}: ${describeConfig(b.result.config)} (${sideOutcome(b.result)})`,
  ];
  if (d.overrides !== null) {
    out.push("  B's rules are overridden:", ...d.overrides.map((o) => `    ${overrideText(o)}`));
  }
  if (d.overrides === null && describeConfig(a.result.config) !== describeConfig(b.result.config)) {
    out.push("  the configurations differ: states are compared field by field, instances by dbid");
  }
  out.push("");
  const pa = replayPath(a.result);
  const pb = replayPath(b.result);
  const listedA = a.trace.entries.flatMap((e) => (e.kind === "action" ? [formatAction(e.action)] : []));
  const listedB = b.trace.entries.flatMap((e) => (e.kind === "action" ? [formatAction(e.action)] : []));
  const stateCell = (k: number): string => {
    const sa = pa.states[k];
    const sb = pb.states[k];
    if (sa !== undefined && sb !== undefined) return fieldDifferences(sa, sb).length === 0 ? "same" : "DIFFERS";
    const stopped = (r: ReplayResult, p: typeof pa, side: string): string | null =>
      p.states[k] === undefined && r.error !== null && k === p.actions.length + 1 ? `${side} not enabled` : null;
    return stopped(a.result, pa, "A") ?? stopped(b.result, pb, "B") ?? "";
  };
  const rows: string[][] = [["0", "(initial state)", "(initial state)", stateCell(0)]];
  for (let k = 1; k <= Math.max(listedA.length, listedB.length); k++) {
    const x = listedA[k - 1] ?? "";
    const y = listedB[k - 1] ?? "";
    rows.push([String(k), x, y, stateCell(k)]);
  }
  out.push(renderTable(["step", "A", "B", "state after"], rows), "");
  if (c.firstStateDifference !== null) {
    const k = c.firstStateDifference;
    out.push(`first state difference ${k === 0 ? "in the initial state" : `after step ${k}`} (A → B):`);
    for (const ch of diffStates(a.result.config, pa.states[k], pb.states[k], b.result.config)) {
      out.push(`  ${ch.field}: ${ch.before} → ${ch.after}`);
    }
  }
  if (c.firstActionDifference !== null) {
    const k = c.firstActionDifference;
    out.push(`the actions first differ at step ${k}: A ${listedA[k - 1]}, B ${listedB[k - 1]}`);
  }
  if (c.writtenA !== c.writtenB) out.push(`lengths differ: A lists ${c.writtenA} actions, B ${c.writtenB}`);
  if (c.stepsA !== c.stepsB && c.writtenA === c.writtenB) out.push(`A applied ${c.stepsA} actions, B ${c.stepsB}`);
  if (d.overrides !== null) out.push(...expectationLines(d.expectations, "A", "B", ""));
  if (out[out.length - 1] !== "") out.push("");
  out.push(d.same ? `SAME  ${c.stepsA} actions, the same state after every step` : `DIFFERENT  ${differentSummary(d)}`);
  return out.join("\n");
}

export interface DiffJson {
  readonly same: boolean;
  readonly a: { readonly file: string; readonly rules: string; readonly config: ConfigJson; readonly actions: readonly string[]; readonly applied: number; readonly error: ReplayResult["error"] };
  readonly b: DiffJson["a"];
  readonly overrides: readonly AppliedOverride[] | null;
  /** 0: the initial state; k: after step k; null: no common state differs. */
  readonly firstStateDifference: number | null;
  /** The fields that differ there, A → B, as replay names them and as state paths. */
  readonly changes: readonly Change[];
  readonly paths: readonly FieldDifference[];
  readonly firstActionDifference: number | null;
  readonly expectationChanges: readonly ExpectationChange[];
}

export function diffJson(d: TraceDiff): DiffJson {
  const side = (s: TraceDiff["a"]): DiffJson["a"] => ({
    file: s.file,
    rules: s.rules,
    // Overridden rules make another configuration than the one named: "+" as check names one with overrides.
    config: configJson((s.trace.configName ?? "custom") + (s.rules === "as written" ? "" : "+"), s.result.config),
    actions: s.trace.entries.flatMap((e) => (e.kind === "action" ? [formatAction(e.action)] : [])),
    applied: replayPath(s.result).actions.length,
    error: s.result.error,
  });
  const k = d.comparison.firstStateDifference;
  const changes =
    k === null
      ? []
      : diffStates(d.a.result.config, replayPath(d.a.result).states[k], replayPath(d.b.result).states[k], d.b.result.config);
  return {
    same: d.same,
    a: side(d.a),
    b: side(d.b),
    overrides: d.overrides,
    firstStateDifference: k,
    changes,
    paths: d.comparison.fields,
    firstActionDifference: d.comparison.firstActionDifference,
    expectationChanges: d.expectations,
  };
}
