/**
 * Comparing two replays step by step (`mirrorcheck diff`, and replay's what-ifs): the first
 * state where they differ, the first step where their actions differ, and which expectations
 * changed outcome. States are compared as values (the model's fields), so two replays under
 * different configurations compare too.
 */
import { formatAction, type Action, type State } from "../model/index.js";
import type { ReplayResult } from "./replay.js";
import type { TraceFile } from "./types.js";

/** A replay as a path: the states (initial first) and the actions between them, with their lines. */
export interface ReplayPath {
  readonly states: readonly State[];
  readonly actions: readonly Action[];
  /** The line of each action (actions[k] is step k+1). */
  readonly lines: readonly number[];
}

export function replayPath(r: ReplayResult): ReplayPath {
  const steps = r.items.flatMap((i) => (i.kind === "step" ? [i] : []));
  return { states: [r.initial, ...steps.map((s) => s.after)], actions: steps.map((s) => s.action), lines: steps.map((s) => s.line) };
}

/** One field that differs between two states: its path (as ITF names it) and both values as JSON. */
export interface FieldDifference {
  readonly path: string;
  readonly a: string;
  readonly b: string;
}

/** Every leaf field where `a` and `b` differ, in the state's order; an entry only one side has shows as "(none)". */
export function fieldDifferences(a: State, b: State): FieldDifference[] {
  const out: FieldDifference[] = [];
  const walk = (path: string, x: unknown, y: unknown): void => {
    // A list of plain values (a WAL) is one field; a list of records (contents, txns) is walked.
    const records = (v: unknown[]): boolean => v.some((e) => typeof e === "object" && e !== null);
    if (Array.isArray(x) && Array.isArray(y) && (records(x) || records(y))) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) walk(`${path}[${i}]`, x[i], y[i]);
      return;
    }
    const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
    if (isObj(x) && isObj(y)) {
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) walk(path ? `${path}.${key}` : key, x[key], y[key]);
      return;
    }
    const text = (v: unknown): string => (v === undefined ? "(none)" : JSON.stringify(v));
    if (text(x) !== text(y)) out.push({ path, a: text(x), b: text(y) });
  };
  walk("", a, b);
  return out;
}

/** An expectation line whose outcome differs between two replays of the same trace. */
export interface ExpectationChange {
  readonly line: number;
  readonly text: string;
  /** Null when that replay stopped before the line. */
  readonly before: { readonly ok: boolean; readonly actual: string } | null;
  readonly after: { readonly ok: boolean; readonly actual: string } | null;
}

export interface ReplayComparison {
  /** Actions applied by each replay. */
  readonly stepsA: number;
  readonly stepsB: number;
  /** Actions each trace lists (more than applied when its replay stopped). */
  readonly writtenA: number;
  readonly writtenB: number;
  /** The first index k (0: the initial state, k: after step k) where both have a state and they differ. */
  readonly firstStateDifference: number | null;
  /** The fields that differ there. */
  readonly fields: readonly FieldDifference[];
  /** The first step (1-based) both list whose actions differ. */
  readonly firstActionDifference: number | null;
  /** Same length (listed and applied), same actions, same states. */
  readonly samePath: boolean;
}

/** The actions a trace file lists, in order, whether or not replay reached them. */
export function writtenActions(trace: TraceFile): Action[] {
  return trace.entries.flatMap((e) => (e.kind === "action" ? [e.action] : []));
}

/**
 * Compares two replays state by state. Actions are compared as `written` gives them (the
 * files' own lists, so that steps past a replay's stop count too), else as applied.
 */
export function compareReplays(
  a: ReplayResult,
  b: ReplayResult,
  written?: { readonly a: readonly Action[]; readonly b: readonly Action[] },
): ReplayComparison {
  const pa = replayPath(a);
  const pb = replayPath(b);
  const actsA = written?.a ?? pa.actions;
  const actsB = written?.b ?? pb.actions;
  const common = Math.min(pa.states.length, pb.states.length);
  let firstStateDifference: number | null = null;
  let fields: FieldDifference[] = [];
  for (let k = 0; k < common; k++) {
    const d = fieldDifferences(pa.states[k], pb.states[k]);
    if (d.length > 0) {
      firstStateDifference = k;
      fields = d;
      break;
    }
  }
  let firstActionDifference: number | null = null;
  for (let k = 0; k < Math.min(actsA.length, actsB.length); k++) {
    if (formatAction(actsA[k]) !== formatAction(actsB[k])) {
      firstActionDifference = k + 1;
      break;
    }
  }
  const samePath =
    pa.actions.length === pb.actions.length && actsA.length === actsB.length && firstStateDifference === null && firstActionDifference === null;
  return {
    stepsA: pa.actions.length,
    stepsB: pb.actions.length,
    writtenA: actsA.length,
    writtenB: actsB.length,
    firstStateDifference,
    fields,
    firstActionDifference,
    samePath,
  };
}

/**
 * The expectation lines (of the file: not an ITF file's recorded-state checks) whose outcome
 * (held or failed) differs between two replays of one trace, or that only one replay reached,
 * in line order. A different `actual` with the same outcome is not a change.
 */
export function expectationChanges(before: ReplayResult, after: ReplayResult): ExpectationChange[] {
  type Outcome = { ok: boolean; actual: string; text: string };
  const byLine = (r: ReplayResult): Map<string, Outcome> => {
    const m = new Map<string, Outcome>();
    for (const i of r.items) {
      if (i.kind === "expect" && i.recorded !== true) m.set(`${i.line}\u0000${i.text}`, { ok: i.ok, actual: i.actual, text: i.text });
    }
    return m;
  };
  const a = byLine(before);
  const b = byLine(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => Number(x.split("\u0000")[0]) - Number(y.split("\u0000")[0]));
  const out: ExpectationChange[] = [];
  for (const key of keys) {
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    if (x !== null && y !== null && x.ok === y.ok) continue;
    const outcome = (o: Outcome | null): ExpectationChange["before"] => (o === null ? null : { ok: o.ok, actual: o.actual });
    out.push({ line: Number(key.split("\u0000")[0]), text: (x ?? y)?.text ?? "", before: outcome(x), after: outcome(y) });
  }
  return out;
}
