/**
 * The root cause of a safety counterexample: the first step after which some applicable
 * safety property is violated (the crux), and the rules of the configuration that allowed the
 * path up to it. A safeguard that is off is responsible at a step when, from the same state
 * before it, the configuration with that one safeguard on does not enable the step (its unmet
 * clause) or leads to a different state. `syncRepReload = deferred` is responsible at a step
 * that relied on a sync rep setting not yet in force (the outcome differs once the setting is
 * in force), or that left a setting not in force where an immediate reload would have
 * applied it (the outcome differs with syncRepReload = immediate). Pure: from the
 * configuration, the actions and the states of the path.
 */
import {
  SAFEGUARDS,
  ConfigError,
  cloneState,
  dbidOf,
  findAction,
  formatAction,
  stateKey,
  stepFast,
  type Action,
  type Config,
  type InstanceIndex,
  type State,
  withRules,
} from "../model/index.js";
import { safetyPropertiesOf } from "../properties/index.js";
import type { ReplayResult } from "../trace/index.js";
import { diffStates } from "./describe.js";

/** How a rule mattered at one step. */
export interface RuleStep {
  readonly step: number;
  readonly action: string;
  /** `not-enabled`: the step is not enabled without the rule; `different-state`: it leads elsewhere. */
  readonly effect: "not-enabled" | "different-state";
  /** The unmet clause, or the first difference, or the sync rep setting relied on, in words. */
  readonly detail: string;
}

/** A rule of the configuration that allowed the path: a safeguard off, or the deferred reload. */
export interface RootCauseRule {
  readonly kind: "safeguard" | "syncRepReload";
  /** The safeguard's name, or `deferred`. */
  readonly name: string;
  readonly steps: readonly RuleStep[];
}

export interface RootCause {
  /** The first step after which a safety property is violated (0: the initial state). */
  readonly step: number;
  /** Its action in trace syntax (empty for the initial state). */
  readonly action: string;
  /** The applicable safety properties violated after it, in checking order. */
  readonly properties: readonly string[];
  /** Rules that mattered at a step up to and including the crux, in the order of SAFEGUARDS, the reload last. */
  readonly rules: readonly RootCauseRule[];
}

/** The applicable safety properties violated in `s`, in checking order. */
export function violatedIn(cfg: Config, s: State): string[] {
  return safetyPropertiesOf(cfg).filter((p) => p.appliesTo(cfg) && p.check(cfg, s) !== undefined).map((p) => p.name);
}

/** Applies `a` to `before` under `cfg`: the state after it, or the unmet clause. */
function apply(cfg: Config, before: State, a: Action): State | string {
  const b = findAction(cfg, a);
  if (b === undefined) throw new ConfigError(`${formatAction(a)} is not an action instance of the configuration`);
  const unmet = b.guard(before);
  return unmet !== undefined ? unmet : stepFast(before, b);
}

/** Compares the outcome of a re-evaluation with the step's: null when it is the same. */
function compare(cfg: Config, outcome: State | string, after: State): Pick<RuleStep, "effect" | "detail"> | null {
  if (typeof outcome === "string") return { effect: "not-enabled", detail: `not enabled: ${outcome}` };
  if (stateKey(outcome) === stateKey(after)) return null;
  const first = diffStates(cfg, after, outcome)[0];
  const detail = first === undefined ? "a different state" : `${first.field} would be ${first.after} instead of ${first.before}`;
  return { effect: "different-state", detail };
}

interface Pending {
  readonly c: number;
  readonly i: InstanceIndex;
  readonly dbid: number;
  /** The persisted setting, which differs from the one in force. */
  readonly on: boolean;
}

/** Instances whose persisted sync rep setting is not the one in force. */
function pendingSettings(cfg: Config, s: State): Pending[] {
  const out: Pending[] = [];
  s.contents.forEach((content, c) =>
    content.instances.forEach((inst, i) => {
      const idx = i as InstanceIndex;
      if (inst.syncRep !== inst.syncRepEffective) out.push({ c, i: idx, dbid: dbidOf(cfg, c, idx), on: inst.syncRep });
    }),
  );
  return out;
}

function pendingText(p: Pending): string {
  return p.on ? `sync rep on but not yet in force on dbid ${p.dbid}` : `sync rep off but still in force on dbid ${p.dbid}`;
}

/** A copy of `s` with the in-force sync rep value of one instance set to `value`. */
function withEffective(s: State, p: Pending, value: boolean): State {
  const copy = cloneState(s); // a mutable copy (the checker's DraftState)
  copy.contents[p.c].instances[p.i].syncRepEffective = value;
  return copy;
}

/** Where the deferred reload mattered at one step, in words; null where it did not. */
function deferredAt(cfg: Config, immediate: Config, before: State, a: Action, after: State): string | null {
  const relied: string[] = [];
  // Relied on: the outcome differs once a pending setting is in force (apart from that setting itself).
  // A ConfigReload applies the setting rather than relying on it.
  for (const p of pendingSettings(cfg, before)) {
    if (a.type === "ConfigReload" && a.dbid === p.dbid) continue;
    const outcome = apply(cfg, withEffective(before, p, p.on), a);
    if (typeof outcome === "string") {
      relied.push(pendingText(p));
      continue;
    }
    const same = withEffective(after, p, outcome.contents[p.c].instances[p.i].syncRepEffective);
    if (stateKey(same) !== stateKey(outcome)) relied.push(pendingText(p));
  }
  // Left pending: the step changed a setting that an immediate reload would have put in force.
  const was = new Set(pendingSettings(cfg, before).map((p) => p.dbid));
  const fresh = pendingSettings(cfg, after).filter((p) => !was.has(p.dbid));
  if (fresh.length > 0 && compare(cfg, apply(immediate, before, a), after) !== null) relied.push(...fresh.map(pendingText));
  return relied.length === 0 ? null : [...new Set(relied)].join(", ");
}

/**
 * The root cause of a path: `states[i]` is the state after the first i `actions` (states[0]
 * the initial state). Null when no state of the path violates an applicable safety property.
 */
export function rootCause(cfg: Config, actions: readonly Action[], states: readonly State[]): RootCause | null {
  const crux = states.findIndex((s) => violatedIn(cfg, s).length > 0);
  if (crux < 0) return null;
  const properties = violatedIn(cfg, states[crux]);
  const rules: RootCauseRule[] = [];
  const off = SAFEGUARDS.filter((g) => !cfg.safeguards[g]);
  for (const g of off) {
    const other = withRules(cfg, { on: [g] });
    const steps: RuleStep[] = [];
    for (let i = 1; i <= crux; i++) {
      const d = compare(cfg, apply(other, states[i - 1], actions[i - 1]), states[i]);
      if (d !== null) steps.push({ step: i, action: formatAction(actions[i - 1]), ...d });
    }
    if (steps.length > 0) rules.push({ kind: "safeguard", name: g, steps });
  }
  if (cfg.syncRepReload === "deferred") {
    const immediate = withRules(cfg, { syncRepReload: "immediate" });
    const steps: RuleStep[] = [];
    for (let i = 1; i <= crux; i++) {
      const detail = deferredAt(cfg, immediate, states[i - 1], actions[i - 1], states[i]);
      if (detail !== null) steps.push({ step: i, action: formatAction(actions[i - 1]), effect: "different-state", detail });
    }
    if (steps.length > 0) rules.push({ kind: "syncRepReload", name: "deferred", steps });
  }
  return { step: crux, action: crux === 0 ? "" : formatAction(actions[crux - 1]), properties, rules };
}

/** One rule in words: "safeguard X off (steps 3, 7)", "syncRepReload=deferred (step 7: …)". */
export function ruleText(r: RootCauseRule): string {
  const steps = r.steps.map((s) => s.step);
  const label = `step${steps.length === 1 ? "" : "s"} ${steps.join(", ")}`;
  if (r.kind === "safeguard") return `safeguard ${r.name} off (${label})`;
  const details = r.steps.map((s) => `step ${s.step}: ${s.detail}`).join("; ");
  return `syncRepReload=${r.name} (${details})`;
}

/**
 * The root cause in one sentence for people: "The protocol first broke at step 7 (FtsProbe
 * content=0): P, Q. Allowed by: …".
 */
export function rootCauseText(rc: RootCause): string {
  const where = rc.step === 0 ? "in the initial state" : `at step ${rc.step} (${rc.action})`;
  const allowed =
    rc.rules.length === 0
      ? " No switched-off safeguard or deferred reload mattered up to there: the protocol's own rules allowed it."
      : ` Allowed by: ${rc.rules.map(ruleText).join(", ")}.`;
  return `The protocol first broke ${where}: ${rc.properties.join(", ")}.${allowed}`;
}

/** The root cause of a path given as its states and the actions between them (a checker trace). */
export function rootCauseOfTrace(
  cfg: Config,
  trace: readonly { readonly state: State; readonly action: { readonly action: Action } | null }[],
): RootCause | null {
  const actions = trace.slice(1).flatMap((s) => (s.action === null ? [] : [s.action.action]));
  return rootCause(cfg, actions, trace.map((s) => s.state));
}

/** The root cause of a replayed path (its steps as far as they replayed). */
export function rootCauseOfReplay(r: ReplayResult): RootCause | null {
  const steps = r.items.flatMap((i) => (i.kind === "step" ? [i] : []));
  return rootCause(r.config, steps.map((s) => s.action), [r.initial, ...steps.map((s) => s.after)]);
}

/** The JSON form: the root cause and its sentence. */
export type RootCauseJson = RootCause & { readonly text: string };

export function rootCauseJson(rc: RootCause | null): RootCauseJson | null {
  return rc === null ? null : { ...rc, text: rootCauseText(rc) };
}
