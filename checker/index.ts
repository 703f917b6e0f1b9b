/** The generic exhaustive model checker: knows models only through `Model<S, A>`. */
export type { Invariant, Liveness, LivenessProperty, Model, ModelSource, StateCodec, Symmetry, Witness } from "./model.js";
export { isUserError, UserError } from "./model.js";
export type { UserErrorLike } from "./model.js";
export type {
  CheckOptions,
  CheckResult,
  CheckStats,
  FairnessEntry,
  FingerprintInfo,
  IncompleteKind,
  Lasso,
  LivenessPropertyResult,
  LivenessReport,
  LivenessVerdict,
  MemoryStats,
  PhaseTimes,
  Progress,
  ProgressPhase,
  Strategy,
  Trace,
  TraceStep,
  Verdict,
  Violation,
  WitnessResult,
} from "./result.js";
export { check } from "./check.js";
export { AllocationFailure, isAllocationFailure, isOutOfMemoryError, simulateAllocationLimit } from "./alloc.js";
export { memoryInUse, RunBudget } from "./budget.js";
export type { BudgetOptions, Stop } from "./budget.js";
export { runBudget } from "./common.js";
export { checkBfs } from "./bfs.js";
export { checkDfs } from "./dfs.js";
export { parallelUnavailable } from "./parallel.js";
export { collisionProbability, hashBytes, hashString } from "./fingerprint.js";
export { FingerprintTable } from "./fpTable.js";
export { StateTable } from "./stateTable.js";
export { randomSearch, randomSeed, runSeedOf, seedCursor, RANDOM_DEFAULTS, SEED_MODULUS } from "./random.js";
export type { RandomOptions, RandomProgress, RandomResult, RandomViolation, WalkObserver } from "./random.js";
export { minimiseTrace } from "./minimise.js";
export type { MinimiseOptions, MinimiseResult } from "./minimise.js";
export { livenessRefusal } from "./liveness.js";
export { observeModel } from "./observe.js";
export type { ObserveOptions } from "./observe.js";
