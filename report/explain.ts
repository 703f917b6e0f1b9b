/**
 * `mirrorcheck explain`: a trace in words. For each step: why the action was enabled (its
 * guard clauses, with values), which FTS decision row applied, and what changed; for the
 * last step, which property broke and which earlier steps it depends on: steps are left out
 * one at a time, greedily, as long as the rest still replays and still breaks the property;
 * what remains is a 1-minimal core (leaving out any single one of its steps breaks the
 * replay or the violation), and the steps left out are irrelevant to it (explainCore.ts: how
 * that search stays linear on long traces, and its budget). For a lasso (a
 * trace with a `loop` line): the stem, then the cycle that repeats for ever, why the
 * liveness property stays false along it, and why weak fairness does not force the
 * behaviour off it (each fair instance taken in the cycle, or disabled in a cycle state,
 * with the guard clause that disables it).
 */
import type { FairnessEntry } from "../checker/index.js";
import {
  allActions,
  formatAction,
  guardClauses,
  type Action,
  type Config,
  type FtsRow,
  type GuardClause,
  type State,
} from "../model/index.js";
import { safetyPropertiesOf } from "../properties/index.js";
import { starvedInstances, type ReplayResult } from "../trace/index.js";
import { ftsDecision } from "./ftsRow.js";
import { diffStates, type Change } from "./describe.js";
import { minimalCore, type CoreProgress } from "./explainCore.js";
import { fairnessGroups, stateName } from "./lasso.js";
import { rootCause, rootCauseText, type RootCause } from "./rootCause.js";

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
  /**
   * False when the search for the core ran out of its budget (a long trace whose steps are
   * mostly needed): `neededSteps` then still breaks the property without the removable steps,
   * but leaving out one of them may not change that.
   */
  readonly minimal: boolean;
  /** When not minimal: steps 1..untriedSteps were never tried and are kept as they are. */
  readonly untriedSteps: number;
}

export interface ExplainOptions {
  /** The most steps the core search may replay; default linear in the trace length (explainCore.ts). */
  readonly coreBudget?: number;
  /** Called at most every `progressEveryMs` (default 3 s) during the long phases. */
  readonly onProgress?: (p: ExplainProgress) => void;
  readonly progressEveryMs?: number;
}

export type ExplainProgress =
  | { readonly phase: "steps"; readonly done: number; readonly total: number; readonly elapsedMs: number }
  | ({ readonly phase: "core" } & CoreProgress);

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
  /** Where the path first broke a safety property and what allowed it (null: no state breaks one). */
  readonly rootCause: RootCause | null;
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

/** The FTS row a probe step applied; under a proposal that changed the step, the row is the built-in one and the meaning says so. */
function stepFts(cfg: Config, before: State, a: Action, after: State): StepExplanation["fts"] {
  const d = ftsDecision(cfg, before, a, after);
  if (d === null) return null;
  const note = d.proposal === null ? "" : ` (built-in table; ${d.proposal})`;
  return { row: d.row, meaning: d.meaning + note, handlerEnabledSyncRep: d.handlerEnablesSyncRep };
}

/**
 * Explains a replayed trace. `property` names the property the trace breaks; when omitted,
 * the first safety property (in checking order) violated by the final state, if any.
 * Linear in the trace length: the replay's states are described once and reused by the core
 * search.
 */
export function explainReplay(r: ReplayResult, property?: string, options: ExplainOptions = {}): Explanation {
  const cfg = r.config;
  const steps: StepExplanation[] = [];
  const actions: Action[] = [];
  const statesAfter: State[] = [r.initial];
  const total = r.items.reduce((n, i) => (i.kind === "step" ? n + 1 : n), 0);
  const every = options.progressEveryMs ?? 3000;
  const start = Date.now();
  let lastProgress = start;
  for (const item of r.items) {
    if (item.kind !== "step") continue;
    actions.push(item.action);
    statesAfter.push(item.after);
    steps.push({
      step: item.step,
      line: item.line,
      action: formatAction(item.action),
      clauses: guardClauses(cfg, item.before, item.action),
      fts: stepFts(cfg, item.before, item.action, item.after),
      changes: diffStates(cfg, item.before, item.after),
    });
    const now = Date.now();
    if (options.onProgress !== undefined && now - lastProgress >= every) {
      lastProgress = now;
      options.onProgress({ phase: "steps", done: steps.length, total, elapsedMs: now - start });
    }
  }
  const lasso = lassoExplanation(r, statesAfter);
  const cause = rootCause(cfg, actions, statesAfter);
  const prop =
    property !== undefined
      ? safetyPropertiesOf(cfg).find((p) => p.name === property)
      : safetyPropertiesOf(cfg).find((p) => p.appliesTo(cfg) && p.check(cfg, r.final) !== undefined);
  const message = prop?.check(cfg, r.final);
  if (prop === undefined || message === undefined) return { steps, rootCause: cause, violation: null, lasso };
  const onProgress = options.onProgress;
  const core = minimalCore(cfg, actions, statesAfter, (s) => prop.check(cfg, s) !== undefined, {
    ...(options.coreBudget === undefined ? {} : { budget: options.coreBudget }),
    ...(onProgress === undefined ? {} : { onProgress: (p: CoreProgress) => onProgress({ phase: "core", ...p }) }),
    progressEveryMs: every,
  });
  const needed = core.kept.map((k) => k + 1);
  const neededSet = new Set(needed);
  const removable = actions.map((_, k) => k + 1).filter((n) => !neededSet.has(n));
  return {
    steps,
    rootCause: cause,
    violation: {
      property: prop.name,
      description: prop.description,
      message,
      neededSteps: needed,
      removableSteps: removable,
      minimal: core.minimal,
      untriedSteps: core.untried,
    },
    lasso,
  };
}

/**
 * Step numbers, with runs of 5 or more as ranges ("1–124, 126, 127"): a long trace's
 * irrelevant steps stay one short line, and a short core reads step by step.
 */
export function stepRanges(xs: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    if (j - i >= 4) parts.push(`${xs[i]}–${xs[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(xs[k]));
    i = j + 1;
  }
  return parts.join(", ");
}

export function explainText(file: string, r: ReplayResult, e: Explanation): string {
  const out: string[] = [`mirrorcheck explain ${file}${r.config.variant ? ` (variant ${r.config.variant.name}, ${r.config.variant.file})` : ""}`];
  const lasso = e.lasso;
  if (lasso !== null) {
    out.push(
      `A lasso: a stem of ${lasso.loopStart} steps, then (from line ${lasso.loopLine}) a cycle of ${lasso.cycleLength} that repeats forever.`,
    );
    if (lasso.loopStart === 0) out.push("", loopHeading(lasso));
  }
  const rc = e.rootCause;
  if (rc !== null) out.push("", "Where it first broke:", `  ${rootCauseText(rc)}`);
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
    if (rc !== null && s.step === rc.step) out.push(`  ▶ first broke here: ${rc.properties.join(", ")}`);
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
    const list = stepRanges;
    if (!v.minimal) {
      out.push(
        `  It depends on at most steps ${list(v.neededSteps)}: the search for a minimal core stopped at its bound for a trace this long` +
          (v.untriedSteps > 0 ? `, before trying to leave out steps 1–${v.untriedSteps} (kept untried).` : `, before its last pass.`) +
          ` The core was not minimised fully: some of these steps may be irrelevant too.`,
      );
    } else {
      out.push(
        v.neededSteps.length === e.steps.length
          ? `  It depends on every step: without any one of them the trace no longer replays or no longer breaks ${v.property}.`
          : `  It depends on steps ${list(v.neededSteps)}: without any one of them the rest no longer replays or no longer breaks ${v.property}.`,
      );
    }
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
