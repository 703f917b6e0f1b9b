/**
 * What-ifs: a trace replayed under other rules than its config line names (safeguards switched
 * on or off, another sync rep reload), as `replay --on/--off/--sync-rep-reload` and `diff` ask.
 * The overrides apply after the config line, so they win over its `name=` and `off=`.
 */
import { ConfigError, SAFEGUARDS, SYNC_REP_RELOAD, type SyncRepReload, parseSafeguard } from "../model/index.js";
import { compareReplays, expectationChanges, replayPath, writtenActions, type ExpectationChange, type FieldDifference, type ReplayComparison } from "./compare.js";
import { replayTrace, type ReplayResult } from "./replay.js";
import type { ParseOptions } from "./parse.js";
import { readTraceText } from "./replayText.js";
import type { TraceFile } from "./types.js";

/** The rules to change, as the user gave them (names not yet checked). */
export interface RuleOverrides {
  readonly on?: readonly string[];
  readonly off?: readonly string[];
  readonly syncRepReload?: string;
}

/** One override as applied: what it set, and whether the trace had it so already. */
export interface AppliedOverride {
  /** `--on`, `--off` or `--sync-rep-reload`. */
  readonly option: "--on" | "--off" | "--sync-rep-reload";
  /** The safeguard, or the reload mode. */
  readonly value: string;
  /** What the trace's config line had: "on"/"off" for a safeguard, the mode for the reload. */
  readonly was: string;
  /** True when the trace already had it so: the override changes nothing. */
  readonly unchanged: boolean;
}

/** Whether any override was asked for. */
export function hasOverrides(o: RuleOverrides): boolean {
  return (o.on?.length ?? 0) > 0 || (o.off?.length ?? 0) > 0 || o.syncRepReload !== undefined;
}

/**
 * The trace with its configuration changed by `o`, and what each override did. An unknown
 * safeguard or reload mode, or a safeguard named by both --on and --off, is a ConfigError;
 * an override the trace already has (--on of a safeguard that is on) is accepted and marked
 * `unchanged`.
 */
export function applyOverrides(trace: TraceFile, o: RuleOverrides): { trace: TraceFile; applied: AppliedOverride[] } {
  const on = [...new Set((o.on ?? []).map((n) => parseSafeguard(n, "--on")))];
  const off = [...new Set((o.off ?? []).map((n) => parseSafeguard(n, "--off")))];
  const both = on.find((g) => off.includes(g));
  if (both !== undefined) throw new ConfigError(`safeguard "${both}" is given to both --on and --off`);
  let reload: SyncRepReload | undefined;
  if (o.syncRepReload !== undefined) {
    reload = SYNC_REP_RELOAD.find((m) => m === o.syncRepReload);
    if (reload === undefined) {
      throw new ConfigError(`--sync-rep-reload must be one of ${SYNC_REP_RELOAD.join(", ")}, got "${o.syncRepReload}"`);
    }
  }
  const wasOff = new Set(trace.config.off ?? []);
  const applied: AppliedOverride[] = [];
  for (const g of on) applied.push({ option: "--on", value: g, was: wasOff.has(g) ? "off" : "on", unchanged: !wasOff.has(g) });
  for (const g of off) applied.push({ option: "--off", value: g, was: wasOff.has(g) ? "off" : "on", unchanged: wasOff.has(g) });
  const oldReload = trace.config.syncRepReload ?? "immediate";
  if (reload !== undefined) applied.push({ option: "--sync-rep-reload", value: reload, was: oldReload, unchanged: reload === oldReload });
  const newOff = SAFEGUARDS.filter((g) => (wasOff.has(g) || off.includes(g)) && !on.includes(g));
  const config = { ...trace.config, off: newOff, ...(reload === undefined ? {} : { syncRepReload: reload }) };
  return { trace: { ...trace, config }, applied };
}

/** One override in words: "--on inSyncOnlyWhenCaughtUp (was off)", "--off X (already off: no change)". */
export function overrideText(a: AppliedOverride): string {
  if (!a.unchanged) return `${a.option} ${a.value} (was ${a.was})`;
  return a.option === "--sync-rep-reload"
    ? `${a.option} ${a.value} (already ${a.value}: no change)`
    : `${a.option} ${a.value} (already ${a.was}: no change)`;
}

/** A trace replayed as written and under overrides, compared. */
export interface WhatIfReplay {
  /** The trace as written. */
  readonly trace: TraceFile;
  readonly applied: readonly AppliedOverride[];
  /** The replay under the trace's own rules. */
  readonly original: ReplayResult;
  /** The replay under the overridden rules. */
  readonly result: ReplayResult;
  readonly comparison: ReplayComparison;
  /**
   * Where the overridden replay leaves the original: the first state that differs (k: after
   * step k), or the first step no longer enabled (the original applied it); null when it
   * follows the original to the end.
   */
  readonly divergence:
    | { readonly kind: "state"; readonly step: number; readonly line: number; readonly fields: readonly FieldDifference[] }
    | { readonly kind: "not-enabled"; readonly step: number; readonly line: number; readonly message: string }
    | null;
  readonly expectations: readonly ExpectationChange[];
}

/**
 * Replays `text` (a trace file or ITF) as written and with `overrides`, and compares the two.
 * An ITF file's recorded states are compared in the original replay only: they record the
 * original rules.
 */
export function replayWhatIf(text: string, name: string, overrides: RuleOverrides, parse: ParseOptions = {}): WhatIfReplay {
  const { trace, options } = readTraceText(text, name, parse);
  const { trace: altered, applied } = applyOverrides(trace, overrides);
  const original = replayTrace(trace, options);
  const result = replayTrace(altered);
  const written = writtenActions(trace);
  const comparison = compareReplays(original, result, { a: written, b: written });
  const lineOf = (k: number): number => replayPath(original).lines[k - 1] ?? 0;
  let divergence: WhatIfReplay["divergence"] = null;
  const k = comparison.firstStateDifference;
  // The overridden replay stopped at step stepsB+1, which the original applied.
  const stoppedEarly = result.error !== null && comparison.stepsB < comparison.stepsA;
  if (k !== null && (!stoppedEarly || k <= comparison.stepsB)) {
    divergence = { kind: "state", step: k, line: lineOf(k), fields: comparison.fields };
  } else if (stoppedEarly && result.error !== null) {
    divergence = { kind: "not-enabled", step: comparison.stepsB + 1, line: result.error.line, message: result.error.message };
  }
  return { trace, applied, original, result, comparison, divergence, expectations: expectationChanges(original, result) };
}
