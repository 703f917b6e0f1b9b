/**
 * Compares a run of a canonical configuration with the outcome it carries as data. Only
 * meaningful for an unbounded BFS run of the configuration exactly as named.
 */
import type { CheckResult } from "../checker/index.js";
import type { ExpectedOutcome } from "../configs/index.js";
import { SAFETY_PROPERTIES } from "../properties/index.js";

export interface ExpectationCheck {
  readonly matches: boolean;
  /** One line per figure that differs: "distinct states: expected 150756, got 150757". */
  readonly differences: readonly string[];
}

/** The violation a run without --all reports: the shortest, ties broken by property order. */
export function firstExpectedViolation(expected: ExpectedOutcome): [string, number] | null {
  let best: [string, number] | null = null;
  for (const p of SAFETY_PROPERTIES) {
    const len = expected.violations[p.name];
    if (len !== undefined && (best === null || len < best[1])) best = [p.name, len];
  }
  return best;
}

export function compareWithExpected<S, A>(
  result: CheckResult<S, A>,
  expected: ExpectedOutcome,
  all: boolean,
): ExpectationCheck {
  const diffs: string[] = [];
  const same = (what: string, want: unknown, got: unknown): void => {
    if (want !== got) diffs.push(`${what}: expected ${String(want)}, got ${String(got)}`);
  };
  const liveness = result.liveness;
  const livenessChecked = liveness !== null && liveness.notCheckedReason === null;
  const safetyViolated = Object.keys(expected.violations).length > 0;
  // A configuration that fails only liveness passes when liveness is not checked.
  same("result", livenessChecked || safetyViolated ? expected.result : "pass", result.verdict);
  const invariantViolations = result.violations.filter((v) => v.kind === "invariant");
  // Without --all the search stops at the first safety violation; otherwise it explores all.
  const explored = expected.result === "pass" || all || !safetyViolated;
  if (explored && livenessChecked) {
    for (const p of liveness.properties) {
      const want = expected.liveness[p.name];
      if (want === undefined) continue;
      const text = (xs: readonly string[]): string => (xs.length === 0 ? "holds" : `violated (${xs.join(", ")})`);
      same(`liveness ${p.name}`, text(want), text(p.violators));
    }
  }
  if (explored) {
    same("distinct states", expected.distinctStates, result.distinctStates);
    same("depth", expected.depth, result.depth);
    const got = Object.fromEntries(invariantViolations.map((v) => [v.property, v.length]));
    for (const name of new Set([...Object.keys(expected.violations), ...Object.keys(got)])) {
      same(`shortest ${name} counterexample`, expected.violations[name] ?? "none", got[name] ?? "none");
    }
    for (const w of result.witnesses) {
      same(`witness ${w.name} depth`, expected.witnesses[w.name] ?? "unreached", w.depth ?? "unreached");
    }
  } else {
    const first = firstExpectedViolation(expected);
    const got = invariantViolations[0];
    same("first violation", first ? `${first[0]} in ${first[1]} actions` : "none", got ? `${got.property} in ${got.length} actions` : "none");
  }
  return { matches: diffs.length === 0, differences: diffs };
}
