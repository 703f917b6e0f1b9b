/**
 * The action families of a configuration, built-in and new, as the places that name actions
 * by text need them (trace parsing, formatting, coverage, fairness, descriptions).
 */
import { ACTION_ARG, ACTION_DESCRIPTIONS, ACTION_TYPES, type ActionArg } from "../action.js";
import type { Config } from "../config.js";
import { variantOf } from "./registry.js";
import type { NewActionFamily, RuleChange } from "./types.js";

/** The proposal's new family called `type`, if the configuration has a proposal with one. */
export function newFamilyOf(cfg: Config, type: string): NewActionFamily | undefined {
  return variantOf(cfg)?.variant.newActions.find((f) => f.name === type);
}

/** The proposal's change to built-in family `type`, if any. */
export function ruleChangeOf(cfg: Config, type: string): RuleChange | undefined {
  const v = variantOf(cfg);
  if (v === null) return undefined;
  return (v.variant.rules as Readonly<Record<string, RuleChange | undefined>>)[type];
}

/** Every family name of the configuration: the built-in ones, then the proposal's new ones. */
export function actionFamilies(cfg: Config): readonly string[] {
  const v = variantOf(cfg);
  return v === null ? ACTION_TYPES : [...ACTION_TYPES, ...v.variant.newActions.map((f) => f.name)];
}

/** The argument of a family, or undefined when the configuration has no such family. */
export function familyArg(cfg: Config, type: string): ActionArg | undefined {
  const builtin = ACTION_TYPES.find((t) => t === type);
  if (builtin !== undefined) return ACTION_ARG[builtin];
  return newFamilyOf(cfg, type)?.over;
}

/** Who acts and when, for a family of the configuration ("" when it has none). */
export function familyDescription(cfg: Config, type: string): string {
  const builtin = ACTION_TYPES.find((t) => t === type);
  if (builtin !== undefined) {
    const changed = ruleChangeOf(cfg, type);
    const v = variantOf(cfg);
    return changed === undefined || v === null ? ACTION_DESCRIPTIONS[builtin] : `${ACTION_DESCRIPTIONS[builtin]} (changed by proposal ${v.variant.name})`;
  }
  const f = newFamilyOf(cfg, type);
  return f === undefined ? "" : `proposal ${variantOf(cfg)?.variant.name ?? ""}: ${f.description}`;
}
