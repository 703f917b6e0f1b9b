/** The generic exhaustive model checker: knows models only through `Model<S, A>`. */
export type { Invariant, Model, Witness } from "./model.js";
export type {
  CheckOptions,
  CheckResult,
  CheckStats,
  Progress,
  Strategy,
  Trace,
  TraceStep,
  Verdict,
  Violation,
  WitnessResult,
} from "./result.js";
export { check } from "./check.js";
export { checkBfs } from "./bfs.js";
export { checkDfs } from "./dfs.js";
