/**
 * `mirrorcheck explain`: a trace in words. For each step: why the action was enabled (its
 * guard clauses, with values), which FTS decision row applied, and what changed; for the
 * last step, which property broke and which earlier steps it depends on: steps are left out
 * one at a time, greedily, as long as the rest still replays and still breaks the property;
 * what remains is a 1-minimal core (leaving out any single one of its steps breaks the
 * replay or the violation), and the steps left out are irrelevant to it.
 */
import {
  FTS_ROWS,
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
import type { ReplayResult } from "../trace/index.js";
import { diffStates, type Change } from "./describe.js";

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

export interface Explanation {
  readonly steps: readonly StepExplanation[];
  readonly violation: ViolationExplanation | null;
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
  const prop =
    property !== undefined
      ? SAFETY_PROPERTIES.find((p) => p.name === property)
      : SAFETY_PROPERTIES.find((p) => p.appliesTo(cfg) && p.check(cfg, r.final) !== undefined);
  const message = prop?.check(cfg, r.final);
  if (prop === undefined || message === undefined) return { steps, violation: null };
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
  };
}

export function explainText(file: string, r: ReplayResult, e: Explanation): string {
  const out: string[] = [`mirrorcheck explain ${file}`];
  for (const s of e.steps) {
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
  out.push("");
  const v = e.violation;
  if (v === null) {
    out.push("The final state violates no safety property.");
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
