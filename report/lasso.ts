/**
 * A liveness counterexample (a lasso, checker `Lasso`) in the pieces every report shows: the
 * stem, the cycle that repeats for ever, why the property stays false along it (the property's
 * own `explain`), and the fairness account grouped so that it stays readable. Text, JSON,
 * explain and HTML all read lassos through here, and a replayed lasso trace becomes the same
 * `Violation` the checker gives, so both draw alike.
 */
import type { FairnessEntry, Trace, Violation } from "../checker/index.js";
import { allActions, formatAction, type BoundAction, type Config, type State } from "../model/index.js";
import { LIVENESS_PROPERTIES } from "../properties/index.js";
import { cycleStates, type ReplayResult } from "../trace/index.js";

export type LassoViolation = Violation<State, BoundAction> & { readonly lasso: NonNullable<Violation<State, BoundAction>["lasso"]> };

export function isLasso(v: Violation<State, BoundAction>): v is LassoViolation {
  return v.kind === "liveness" && v.lasso !== undefined;
}

/** The subject's id: "content=0" → 0, "txn=2" → 2. */
export function subjectId(subject: string): number {
  return Number(subject.slice(subject.indexOf("=") + 1));
}

export function livenessDescription(property: string): string {
  return LIVENESS_PROPERTIES.find((p) => p.name === property)?.description ?? "";
}

/** The stem: the trace up to and including the loop state. */
export function stemOf(v: LassoViolation): Trace<State, BoundAction> {
  return v.trace.slice(0, v.lasso.loopStart + 1);
}

/** The states the cycle's steps start from, the loop state first (the loop state alone when it stutters). */
export function cycleStatesOf(v: LassoViolation): readonly State[] {
  return cycleStates(
    v.trace.map((s) => s.state),
    v.lasso.loopStart,
  );
}

/** Why the property stays false along the cycle, in the property's own words. */
export function lassoExplanation(cfg: Config, v: LassoViolation): string {
  const live = LIVENESS_PROPERTIES.find((p) => p.name === v.property);
  return live === undefined ? v.message : live.explain(cfg, cycleStatesOf(v), subjectId(v.lasso.subject));
}

/** Fair instances taken by one cycle step, or disabled in one cycle state. */
export interface FairnessGroup {
  readonly kind: "taken" | "disabled" | "starved";
  /** The trace index: the step that takes them, or the state where they are disabled (null when starved). */
  readonly at: number | null;
  readonly instances: readonly string[];
}

/**
 * The account grouped by the step or state that settles each instance, in trace order: what
 * the cycle takes, then what each of its states disables. Instances neither taken nor
 * disabled (an unfair cycle, which a correct counterexample never has) come last.
 */
export function fairnessGroups(fairness: readonly FairnessEntry[]): FairnessGroup[] {
  const taken = new Map<number, string[]>();
  const disabled = new Map<number, string[]>();
  const starved: string[] = [];
  for (const e of fairness) {
    if (e.taken !== null) taken.set(e.taken, [...(taken.get(e.taken) ?? []), e.instance]);
    else if (e.disabledAt !== null) disabled.set(e.disabledAt, [...(disabled.get(e.disabledAt) ?? []), e.instance]);
    else starved.push(e.instance);
  }
  const groups = (kind: "taken" | "disabled", m: Map<number, string[]>): FairnessGroup[] =>
    [...m.entries()].sort((a, b) => a[0] - b[0]).map(([at, instances]) => ({ kind, at, instances }));
  return [
    ...groups("taken", taken),
    ...groups("disabled", disabled),
    ...(starved.length > 0 ? [{ kind: "starved" as const, at: null, instances: starved }] : []),
  ];
}

/** "in the loop state (after step 2)", "after step 3", "in the loop state (the initial state)". */
export function stateName(at: number, loopStart: number): string {
  const after = at === 0 ? "the initial state" : `after step ${at}`;
  return at === loopStart ? `in the loop state (${after})` : after;
}

/** One group in words: "taken at step 3: FtsProbe content=0", "disabled in the loop state (after step 2): …". */
export function fairnessGroupText(g: FairnessGroup, loopStart: number): string {
  const list = g.instances.join(", ");
  switch (g.kind) {
    case "taken":
      return `taken at step ${g.at}: ${list}`;
    case "disabled":
      return `disabled ${stateName(g.at ?? loopStart, loopStart)}: ${list}`;
    case "starved":
      return `NEITHER taken nor ever disabled (the cycle is not fair): ${list}`;
  }
}

/** One entry in words, for tables: "taken at step 3", "disabled after step 4". */
export function fairnessEntryText(e: FairnessEntry, loopStart: number): string {
  if (e.taken !== null) return `taken at step ${e.taken}`;
  if (e.disabledAt !== null) return `disabled ${stateName(e.disabledAt, loopStart)}`;
  return "enabled throughout and never taken: the cycle is not fair";
}

/**
 * The lasso a replayed trace describes, as the checker would report it: needs a `loop` line
 * and a final `expect violated P subject` line along whose cycle P is false; null otherwise,
 * or when replay stopped early. Its `message` is the property's explanation. (Whether the
 * cycle is fair is in its fairness account: a starved instance has neither index.)
 */
export function violationFromReplay(r: ReplayResult): LassoViolation | null {
  const lasso = r.lasso;
  // A lasso along which P holds somewhere does not violate GF P: nothing to report.
  if (lasso === null || lasso.property === null || lasso.property.holdsAt !== null || r.error !== null) return null;
  const trace: { action: BoundAction | null; state: State }[] = [{ action: null, state: r.initial }];
  for (const item of r.items) {
    if (item.kind !== "step") continue;
    const bound = allActions(r.config).find((b) => formatAction(b.action) === formatAction(item.action)) ?? null;
    trace.push({ action: bound, state: item.after });
  }
  const p = lasso.property;
  return {
    property: p.property,
    kind: "liveness",
    message: p.explanation ?? "",
    length: trace.length - 1,
    trace,
    lasso: {
      subject: p.subject,
      stemLength: lasso.loopStart,
      cycleLength: lasso.cycleLength,
      loopStart: lasso.loopStart,
      fairness: lasso.fairness,
    },
  };
}
