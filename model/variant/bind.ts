/**
 * A proposal's rules bound to a configuration: a built-in family's guard and effect with the
 * proposal's changes applied, and the instances of its new families. Every call into the
 * proposal is guarded: a rule that throws, or an effect that leaves the state outside the
 * model's shape (shape.ts), stops the run with one VariantError line naming file and rule.
 */
import type { Draft } from "immer";
import type { Action } from "../action.js";
import type { DraftState, GuardResult } from "../actions/common.js";
import type { Config } from "../config.js";
import type { BoundAction } from "../next.js";
import type { State } from "../state.js";
import { thrownText, VariantError } from "./errors.js";
import type { LoadedVariant } from "./registry.js";
import { shapeProblem } from "./shape.js";
import type { ActionInstance, EffectContext, GuardContext, NewActionFamily, RuleChange } from "./types.js";

function ruleError(v: LoadedVariant, rule: string, problem: string): VariantError {
  return new VariantError(`proposal ${v.file}: rule ${rule} ${problem}`);
}

/** Calls a proposal's guard, turning a throw or a wrong answer into a VariantError. */
function callGuard(v: LoadedVariant, rule: string, run: () => unknown): GuardResult {
  let r: unknown;
  try {
    r = run();
  } catch (e) {
    if (e instanceof VariantError) throw e;
    throw ruleError(v, rule, `threw: ${thrownText(e)}`);
  }
  if (r !== undefined && typeof r !== "string") {
    throw ruleError(v, rule, `returned ${typeof r}, not undefined (enabled) or the unmet clause as a string`);
  }
  return r;
}

/** Calls a proposal's effect, then checks the state's shape. */
function callEffect(cfg: Config, v: LoadedVariant, rule: string, d: DraftState, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (e instanceof VariantError) throw e;
    throw ruleError(v, rule, `threw: ${thrownText(e)}`);
  }
  const problem = shapeProblem(cfg, d);
  if (problem !== undefined) throw ruleError(v, rule, `changed the state's shape: ${problem}`);
}

/** The built-in instance `b` with the proposal's change to its family applied. */
export function applyRule(cfg: Config, v: LoadedVariant, b: BoundAction, change: RuleChange): BoundAction {
  const family = b.action.type;
  const action = b.action as GuardContext["action"];
  const guardCtx: GuardContext = { action, config: cfg, builtin: b.guard };
  const effectCtx: EffectContext = { action, config: cfg, builtin: b.effect };
  const g = change.guard;
  const e = change.effect;
  return {
    action: b.action,
    guard: g === undefined ? b.guard : (s: State) => callGuard(v, `${family}.guard`, () => g(s, guardCtx)),
    effect: e === undefined ? b.effect : (d: DraftState) => callEffect(cfg, v, `${family}.effect`, d, () => e(d, effectCtx)),
  };
}

/** The proposal's own guard result for a changed family, and whether it consulted the built-in guard. */
export function proposalGuard(cfg: Config, v: LoadedVariant, b: BoundAction, change: RuleChange, s: State): { unmet: GuardResult; consulted: boolean } | null {
  const g = change.guard;
  if (g === undefined) return null;
  let consulted = false;
  const ctx: GuardContext = {
    action: b.action as GuardContext["action"],
    config: cfg,
    builtin: (x: State) => {
      consulted = true;
      return b.guard(x);
    },
  };
  return { unmet: callGuard(v, `${b.action.type}.guard`, () => g(s, ctx)), consulted };
}

/** One instance of a new family. */
export function bindNewFamily(cfg: Config, v: LoadedVariant, family: NewActionFamily, action: Action): BoundAction {
  const ctx = { action: action as ActionInstance, config: cfg };
  return {
    action,
    guard: (s: State) => callGuard(v, `${family.name}.guard`, () => family.guard(s, ctx)),
    effect: (d: DraftState) => callEffect(cfg, v, `${family.name}.effect`, d, () => family.effect(d as Draft<State>, ctx)),
  };
}
