/** The Greenplum mirroring model: its public surface. Read state.ts first. */
export type { State, Content, Instance, Catalog, Txn, TxnStatus, Role, Mode, FtsMsg, InstanceIndex } from "./state.js";
export type { Action, ActionType, ActionArg } from "./action.js";
export { ACTION_TYPES, ACTION_ARG, ACTION_DESCRIPTIONS, FAULT_ACTIONS, formatAction } from "./action.js";
export type { Config, ConfigInput, HostsParam, Mirroring, OtherRules, SyncRepReload, PlacementKind, Safeguard } from "./config.js";
export {
  SAFEGUARDS,
  SAFEGUARD_DESCRIPTIONS,
  MIRRORING,
  SYNC_REP_RELOAD,
  PLACEMENTS,
  LIMITS,
  ConfigError,
  resolveConfig,
  parseSafeguard,
  withRules,
  dbidOf,
  instanceOfDbid,
  describeConfig,
  configTitle,
} from "./config.js";
export type { Placement } from "./placement.js";
export { PlacementError, computePlacement } from "./placement.js";
export {
  peerIndex,
  exists,
  catalogPrimary,
  catalogMirror,
  isPrefix,
  streamSource,
  streams,
  mirrorUpSeenBy,
  inSyncSeenBy,
  caughtUp,
  canAcknowledge,
  inDoubleFault,
  ackedTxnsOf,
} from "./derived.js";
export { initialState } from "./init.js";
export type { BoundAction } from "./next.js";
export { allActions, enabledActions, findAction, step, stepWithPatches, stepFast } from "./next.js";
export type { FtsRow, ProbeDecision } from "./actions/fts.js";
export { FTS_ROWS, probeDecision, probeFailureRow } from "./actions/fts.js";
export type { GuardResult, DraftState } from "./actions/common.js";
export { stateKey } from "./key.js";
export { cloneState } from "./clone.js";
export { guardClauses } from "./guardClauses.js";
export type { GuardClause } from "./guardClauses.js";
export { encodeState, decodeState, maxStateBytes } from "./codec.js";
export { contentSymmetry, symmetryRefusal } from "./symmetry.js";
export { SITUATIONS, SITUATION_DESCRIPTIONS, SITUATION_PER_STEP, SituationCounter, situationCounts, stateSituations, stepSituations, stateSituationMask, stepSituationMask, type Situation } from "./situations.js";
export { localStepper } from "./localStep.js";
export { FAIR_FAMILIES, fairInstances, isFair, isFairIn } from "./fairness.js";
export type {
  ActionInstance,
  ActionOf,
  EffectContext,
  GuardContext,
  NewActionContext,
  NewActionFamily,
  RuleChange,
  Variant,
  VariantProperty,
  VariantRef,
  VariantRules,
  VariantSpec,
  VariantWitness,
} from "./variant/types.js";
export { makeVariant, isVariant } from "./variant/define.js";
export { VariantError } from "./variant/errors.js";
export { loadVariant, ensureVariantLoaded, moduleUrl, type LoadVariantOptions } from "./variant/load.js";
export { variantOf, lookupVariant, isVariantLoaded, type LoadedVariant } from "./variant/registry.js";
export { actionFamilies, familyArg, familyDescription, newFamilyOf, ruleChangeOf } from "./variant/families.js";
export { shapeProblem } from "./variant/shape.js";
export { proposalChangedStep, proposalStepText, type ProposalStep } from "./variant/builtinOutcome.js";
