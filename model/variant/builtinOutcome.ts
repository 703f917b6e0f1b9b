/**
 * Whether a step taken under a proposal did what the built-in rule would have done. The FTS
 * decision table (docs/protocol.md section 4) describes the built-in probe; when a proposal
 * changes FtsProbe or FtsProbeTimeout, a report that quotes the table's row must also say
 * that this step did something else, or the reader trusts a row that did not apply.
 */
import type { Action } from "../action.js";
import type { Config } from "../config.js";
import { stateKey } from "../key.js";
import { bindBuiltin, stepFast } from "../next.js";
import type { State } from "../state.js";
import { ruleChangeOf } from "./families.js";
import { variantOf } from "./registry.js";

/** How a proposal's step differs from the built-in rule's: not enabled there, or another state. */
export interface ProposalStep {
  /** The proposal's name. */
  readonly proposal: string;
  readonly builtin: "not-enabled" | "different-state";
}

/**
 * null when the step's family is not changed by the configuration's proposal, or when the
 * built-in rule, from `before`, is enabled and leads to `after` too.
 */
export function proposalChangedStep(cfg: Config, before: State, action: Action, after: State): ProposalStep | null {
  const v = variantOf(cfg);
  if (v === null || ruleChangeOf(cfg, action.type) === undefined) return null;
  const builtin = bindBuiltin(cfg, action);
  if (builtin.guard(before) !== undefined) return { proposal: v.variant.name, builtin: "not-enabled" };
  if (stateKey(stepFast(before, builtin)) !== stateKey(after)) return { proposal: v.variant.name, builtin: "different-state" };
  return null;
}

/** The words a report adds after a built-in FTS row that this step did not follow. */
export function proposalStepText(p: ProposalStep): string {
  return p.builtin === "not-enabled"
    ? `the built-in rule would not have taken this step: proposal ${p.proposal} changed it`
    : `proposal ${p.proposal} changed this step: its outcome is not the built-in row's (see what changed)`;
}
