/**
 * `mirrorcheck diff`: two traces replayed and compared step by step, or one trace compared
 * with its own replay under other rules (a what-if). Each side is replayed as `replay` would
 * (an ITF file's recorded states checked); a side whose replay stops (an action not enabled)
 * is compared as far as it went.
 */
import { compareReplays, writtenActions, type ExpectationChange, type ReplayComparison } from "./compare.js";
import type { ParseOptions } from "./parse.js";
import type { ReplayResult } from "./replay.js";
import { replayTraceText } from "./replayText.js";
import type { TraceFile } from "./types.js";
import { replayWhatIf, type AppliedOverride, type RuleOverrides } from "./whatif.js";

/** One side of a diff: the file, how it was replayed, and the outcome. */
export interface DiffSide {
  readonly file: string;
  /** "as written", or the overrides ("--on inSyncOnlyWhenCaughtUp"). */
  readonly rules: string;
  readonly trace: TraceFile;
  readonly result: ReplayResult;
}

export interface TraceDiff {
  readonly a: DiffSide;
  readonly b: DiffSide;
  readonly comparison: ReplayComparison;
  /** A what-if only (one trace): the overrides applied to side b. */
  readonly overrides: readonly AppliedOverride[] | null;
  /** A what-if only: the expectation lines whose outcome changed (two files have different lines). */
  readonly expectations: readonly ExpectationChange[];
  /** Different paths, or (what-if) an expectation that changed outcome. */
  readonly same: boolean;
}

/** A trace to compare: its file name, its text, and the proposal it is read under (if any). */
export interface DiffInput {
  readonly file: string;
  readonly text: string;
  readonly parse?: ParseOptions;
}

export function diffTraces(a: DiffInput, b: DiffInput): TraceDiff {
  const ra = replayTraceText(a.text, a.file, a.parse);
  const rb = replayTraceText(b.text, b.file, b.parse);
  const comparison = compareReplays(ra.result, rb.result, { a: writtenActions(ra.trace), b: writtenActions(rb.trace) });
  return {
    a: { file: a.file, rules: "as written", trace: ra.trace, result: ra.result },
    b: { file: b.file, rules: "as written", trace: rb.trace, result: rb.result },
    comparison,
    overrides: null,
    expectations: [],
    same: comparison.samePath,
  };
}

/** The trace in `text` as written (side a) and under `overrides` (side b). */
export function diffWhatIf(file: string, text: string, overrides: RuleOverrides, parse: ParseOptions = {}): TraceDiff {
  const w = replayWhatIf(text, file, overrides, parse);
  const rules = w.applied.map((o) => `${o.option} ${o.value}`).join(" ");
  return {
    a: { file, rules: "as written", trace: w.trace, result: w.original },
    b: { file, rules, trace: w.trace, result: w.result },
    comparison: w.comparison,
    overrides: w.applied,
    expectations: w.expectations,
    same: w.comparison.samePath && w.expectations.length === 0,
  };
}
