/**
 * `mirrorcheck explain`: a trace in words. For each step: why the action was enabled (its
 * guard clauses, with values), which FTS decision row applied, and what changed; for the
 * last step, which property broke and which earlier steps it depends on: steps are left out
 * one at a time, greedily, as long as the rest still replays and still breaks the property;
 * what remains is a 1-minimal core (leaving out any single one of its steps breaks the
 * replay or the violation), and the steps left out are irrelevant to it. For a lasso (a
 * trace with a `loop` line): the stem, then the cycle that repeats for ever, why the
 * liveness property stays false along it, and why weak fairness does not force the
 * behaviour off it (each fair instance taken in the cycle, or disabled in a cycle state,
 * with the guard clause that disables it).
 */
import type { FairnessEntry } from "../checker/index.js";
import {
  FTS_ROWS,
  allActions,
  findAction,
  formatAction,
  guardClauses,
  initialState,
  probeDecision,
  probeFailureRow,
  stepFast,
  type Action,
  type Config,
  type FtsRow,
  type GuardClause,
  type State,
} from "../model/index.js";
import { SAFETY_PROPERTIES } from "../properties/index.js";
import { starvedInstances, type ReplayResult } from "../trace/index.js";
import { diffStates, type Change } from "./describe.js";
import { fairnessGroups, stateName } from "./lasso.js";

export interface StepExplanation {
  readonly step: number;
  readonly line: number;
  readonly action: string;
  readonly clauses: readonly GuardClause[];
  readonly fts: { readonly row: FtsRow; readonly meaning: string; readonly handlerEnabledSyncRep: boolean } | null;
  readonly changes: readonly Change[];
}

export interface ViolationExplanation {
  readonly property: string;
  readonly description: string;
  readonly message: string;
  /** The 1-minimal core: without any one of these the rest no longer replays or no longer breaks the property. */
  readonly neededSteps: readonly number[];
  /** Steps that can all be left out together and the property still breaks. */
  readonly removableSteps: readonly number[];
}

/** A lasso's cycle and the liveness property it is meant to break, in words. */
export interface LassoExplanation {
  /** The line of `loop`, and the number of steps before it (the loop state is the state after it). */
  readonly loopLine: number;
  readonly loopStart: number;
  readonly cycleLength: number;
  /** Null when the cycle returns to the loop state; otherwise the first field that differs. */
  readonly difference: string | null;
  /** The final `expect ... P subject` property, if any. */
  readonly property: string | null;
  readonly subject: string | null;
  /** Why P stays false along the cycle, or where in the cycle it holds. */
  readonly why: string | null;
  /** The fairness account; `unmet` names the guard clause that disables an instance where it is disabled. */
  readonly fairness: readonly (FairnessEntry & { readonly unmet: string | null })[];
  /** The fair instances enabled in every cycle state and never taken (empty: the cycle is fair). */
  readonly starved: readonly string[];
}

export interface Explanation {
  readonly steps: readonly StepExplanation[];
  readonly violation: ViolationExplanation | null;
  /** Present when the trace is a lasso that replayed to its end. */
  readonly lasso: LassoExplanation | null;
}

function lassoExplanation(r: ReplayResult, statesAfter: readonly State[]): LassoExplanation | null {
  const l = r.lasso;
  if (l === null) return null;
  const p = l.property;
  const why =
    p === null
      ? null
      : p.holdsAt === null
        ? p.explanation
        : `${p.property} ${p.subject} holds ${stateName(p.holdsAt, l.loopStart)}, in the cycle: this lasso does not violate it`;
  const fairness = l.fairness.map((e) => {
    if (e.disabledAt === null) return { ...e, unmet: null };
    const b = allActions(r.config).find((x) => formatAction(x.action) === e.instance);
    return { ...e, unmet: b?.guard(statesAfter[e.disabledAt]) ?? null };
  });
  return {
    loopLine: l.line,
    loopStart: l.loopStart,
    cycleLength: l.cycleLength,
    difference: l.difference,
    property: p?.property ?? null,
    subject: p?.subject ?? null,
    why,
    fairness,
    starved: starvedInstances(l.fairness),
  };
}

function ftsDecision(cfg: Config, before: State, a: Action): StepExplanation["fts"] {
  if (a.type === "FtsProbe") {
    const d = probeDecision(cfg, before.contents[a.content]);
    return { row: d.row, meaning: FTS_ROWS[d.row], handlerEnabledSyncRep: d.handlerEnablesSyncRep };
  }
  if (a.type === "FtsProbeTimeout") {
    const row = probeFailureRow(cfg, before.contents[a.content]);
    return { row, meaning: FTS_ROWS[row], handlerEnabledSyncRep: false };
  }
  return null;
}

/** Replays `actions` from the initial state; null if one is not enabled. */
function replayActions(cfg: Config, actions: readonly Action[]): State | null {
  let s = initialState(cfg);
  for (const a of actions) {
    const b = findAction(cfg, a);
    if (b === undefined || b.guard(s) !== undefined) return null;
    s = stepFast(s, b);
  }
  return s;
}

/**
 * Explains a replayed trace. `property` names the property the trace breaks; when omitted,
 * the first safety property (in checking order) violated by the final state, if any.
 */
export function explainReplay(r: ReplayResult, property?: string): Explanation {
  const cfg = r.config;
  const steps: StepExplanation[] = [];
  const actions: Action[] = [];
  for (const item of r.items) {
    if (item.kind !== "step") continue;
    actions.push(item.action);
    steps.push({
      step: item.step,
      line: item.line,
      action: formatAction(item.action),
      clauses: guardClauses(cfg, item.before, item.action),
      fts: ftsDecision(cfg, item.before, item.action),
      changes: diffStates(cfg, item.before, item.after),
    });
  }
  const statesAfter = [r.initial, ...r.items.flatMap((i) => (i.kind === "step" ? [i.after] : []))];
  const lasso = lassoExplanation(r, statesAfter);
  const prop =
    property !== undefined
      ? SAFETY_PROPERTIES.find((p) => p.name === property)
      : SAFETY_PROPERTIES.find((p) => p.appliesTo(cfg) && p.check(cfg, r.final) !== undefined);
  const message = prop?.check(cfg, r.final);
  if (prop === undefined || message === undefined) return { steps, violation: null, lasso };
  // Indexes (0-based) of the steps kept; drop from the end backwards until nothing more can go.
  let kept = actions.map((_, k) => k);
  for (let changed = true; changed; ) {
    changed = false;
    for (let j = kept.length - 1; j >= 0; j--) {
      const trial = [...kept.slice(0, j), ...kept.slice(j + 1)];
      const end = replayActions(cfg, trial.map((k) => actions[k]));
      if (end !== null && prop.check(cfg, end) !== undefined) {
        kept = trial;
        changed = true;
      }
    }
  }
  const needed = kept.map((k) => k + 1);
  const removable = actions.map((_, k) => k + 1).filter((n) => !needed.includes(n));
  return {
    steps,
    violation: { property: prop.name, description: prop.description, message, neededSteps: needed, removableSteps: removable },
    lasso,
  };
}

export function explainText(file: string, r: ReplayResult, e: Explanation): string {
  const out: string[] = [`mirrorcheck explain ${file}`];
  const lasso = e.lasso;
  if (lasso !== null) {
    out.push(
      `A lasso: a stem of ${lasso.loopStart} steps, then (from line ${lasso.loopLine}) a cycle of ${lasso.cycleLength} that repeats forever.`,
    );
    if (lasso.loopStart === 0) out.push("", loopHeading(lasso));
  }
  for (const s of e.steps) {
    if (lasso !== null && s.step === lasso.loopStart + 1 && lasso.loopStart > 0) out.push("", loopHeading(lasso));
    out.push("");
    out.push(`Step ${s.step} (line ${s.line}): ${s.action}`);
    out.push("  enabled because:");
    for (const c of s.clauses) out.push(`    ✓ ${c.clause}`);
    if (s.fts !== null) {
      out.push(`  FTS decision: row ${s.fts.row}: ${s.fts.meaning}`);
      if (s.fts.handlerEnabledSyncRep) out.push("    (the probe handler first turned sync rep on: the mirror is up)");
    }
    out.push(s.changes.length === 0 ? "  changed nothing" : "  changed:");
    for (const c of s.changes) out.push(`    ${c.field}: ${c.before} → ${c.after}`);
  }
  if (r.error !== null) {
    out.push("");
    out.push(`Line ${r.error.line}: ${r.error.message}`);
  }
  if (lasso !== null) out.push("", ...lassoText(lasso));
  out.push("");
  const v = e.violation;
  if (v === null) {
    if (lasso === null) out.push("The final state violates no safety property.");
    else out.push("The final state violates no safety property: this trace is about liveness.");
  } else {
    out.push(`After step ${e.steps.length}, ${v.property} is violated (${v.description}):`);
    out.push(`  ${v.message}`);
    const list = (xs: readonly number[]): string => xs.join(", ");
    out.push(
      v.neededSteps.length === e.steps.length
        ? `  It depends on every step: without any one of them the trace no longer replays or no longer breaks ${v.property}.`
        : `  It depends on steps ${list(v.neededSteps)}: without any one of them the rest no longer replays or no longer breaks ${v.property}.`,
    );
    if (v.removableSteps.length > 0) {
      out.push(`  Steps ${list(v.removableSteps)} are irrelevant: without all of them ${v.property} still breaks.`);
    }
  }
  return out.join("\n");
}

function loopHeading(l: LassoExplanation): string {
  const where = l.loopStart === 0 ? "the initial state" : `the state after step ${l.loopStart}`;
  return l.cycleLength === 0
    ? `Cycle (line ${l.loopLine}): empty — the behaviour stutters for ever in ${where}.`
    : `Cycle (repeats forever), from the loop state (${where}, line ${l.loopLine}):`;
}

/** The cycle's return, why P stays false, and the fairness account, in sentences. */
function lassoText(l: LassoExplanation): string[] {
  const out: string[] = [];
  const loopState = l.loopStart === 0 ? "the initial state" : `the state after step ${l.loopStart}`;
  if (l.cycleLength > 0) {
    out.push(
      l.difference === null
        ? `After step ${l.loopStart + l.cycleLength} the cluster is back in the loop state (${loopState}): the cycle repeats for ever.`
        : `The cycle does NOT return to the loop state (${loopState}): ${l.difference}.`,
    );
  }
  if (l.property !== null) {
    out.push(`Why ${l.property} ${l.subject ?? ""} stays false: ${l.why ?? ""}`);
  }
  if (l.starved.length > 0) {
    out.push(
      `The cycle is NOT fair: ${l.starved.join(", ")} ${l.starved.length === 1 ? "is" : "are"} enabled in every state of the cycle ` +
        `and never taken; weak fairness says a healthy cluster would take ${l.starved.length === 1 ? "it" : "them"}.`,
    );
  } else {
    out.push("The cycle is fair: weak fairness forces no action off it, because each fair action instance is");
    out.push("taken in the cycle or disabled in one of its states:");
  }
  for (const g of fairnessGroups(l.fairness)) {
    if (g.kind === "taken") {
      out.push(`  ${g.instances.join(", ")} ${g.instances.length === 1 ? "is" : "are"} taken at step ${g.at}.`);
    } else if (g.kind === "disabled" && g.at !== null) {
      const at = g.at;
      out.push(`  ${stateName(at, l.loopStart).replace(/^./, (c) => c.toUpperCase())}, disabled:`);
      for (const name of g.instances) {
        const unmet = l.fairness.find((f) => f.instance === name)?.unmet ?? null;
        out.push(`    ${name}${unmet === null ? "" : ` — ${unmet}`}`);
      }
    }
  }
  return out;
}
