/**
 * The runs of the canonical configurations, each computed once per test file however many
 * tests read it. An exhaustive run of a configuration costs seconds (and a liveness-only bug
 * variant explores the whole graph even without --all); vitest gives every test file its
 * own module instance, so the cache is per file, and each file asks for a run at most once.
 */
import { runCheck, type CheckReport } from "../../api/index.js";
import type { Trace } from "../../checker/index.js";
import { canonicalConfig } from "../../configs/index.js";
import { formatAction, type BoundAction, type State } from "../../model/index.js";

const cache = new Map<string, CheckReport>();

/** `check --config NAME` (with `all`: `--all`), run on the first call and remembered. */
export function canonicalRun(name: string, all: boolean): CheckReport {
  const key = `${name}${all ? " --all" : ""}`;
  let report = cache.get(key);
  if (report === undefined) {
    report = runCheck({ config: name, options: all ? { all: true } : {} });
    cache.set(key, report);
  }
  return report;
}

/** Whether the configuration breaks a safety property: else a plain run explores the whole graph. */
export function hasSafetyViolations(name: string): boolean {
  return Object.keys(canonicalConfig(name).expected.violations).length > 0;
}

/**
 * The run that explores the whole reachable graph: `--all` where a safety property fails (a
 * plain run stops at the first violation), the plain run otherwise, since then `--all`
 * changes nothing and the plain run is the one the other tests of the file read anyway.
 */
export function exploredRun(name: string): CheckReport {
  return canonicalRun(name, hasSafetyViolations(name));
}

/** Each violated safety property with its shortest counterexample's length, in property order. */
export function invariantLengths(report: CheckReport): Record<string, number> {
  return Object.fromEntries(
    report.result.violations.filter((v) => v.kind === "invariant").map((v) => [v.property, v.length]),
  );
}

/** Each liveness property with the subjects it fails for, as ExpectedOutcome.liveness pins them. */
export function livenessVerdicts(report: CheckReport): Record<string, readonly string[]> {
  return Object.fromEntries((report.result.liveness?.properties ?? []).map((p) => [p.name, p.violators]));
}

/** A trace's actions as `check` prints them. */
export function actionNames(trace: Trace<State, BoundAction>): string[] {
  return trace.slice(1).map((s) => (s.action ? formatAction(s.action.action) : ""));
}
