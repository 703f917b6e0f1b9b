/**
 * The package's public entry: `import { runCheck, checkText } from "mirrorcheck"`. One
 * explicit list, so that what a user may depend on is decided here and not by whatever the
 * folders' own index.ts files happen to export for the CLI and the tests. Everything else in
 * dist/ is internal and may change without notice.
 */

// Checking and simulating a configuration (what `mirrorcheck check` and `simulate` call).
export { runCheck, configInput, runSimulate, parseShard, shardDepth, compareWithExpected, firstExpectedViolation } from "../api/index.js";
export type {
  CheckReport,
  CheckRequest,
  ConfigOverrides,
  ExpectationCheck,
  SeedRange,
  Shard,
  SimulateOptions,
  SimulateReport,
  SimulateRequest,
} from "../api/index.js";

// Proposals: protocol changes written as code (docs/variants.md). A proposal file is
// `export default defineVariant({...})`; loadVariant(path) imports it and returns the reference
// to put in a configuration (`ConfigInput.variant`, `CheckRequest.variant`).
export { defineVariant } from "../api/index.js";
export { loadVariant, VariantError } from "../model/index.js";
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
  LoadVariantOptions,
} from "../model/index.js";

// Properties of your own, and the Greenplum model bound to the checker.
export { withProperties, greenplumModel } from "../api/index.js";
export type { CustomProperty } from "../api/index.js";

// What a check returns (the checker's result types, instantiated with the model's State and BoundAction).
export type {
  CheckOptions,
  CheckResult,
  FingerprintInfo,
  Invariant,
  Lasso,
  LivenessPropertyResult,
  LivenessReport,
  LivenessVerdict,
  MemoryStats,
  MinimiseResult,
  Model,
  PhaseTimes,
  Progress,
  RandomProgress,
  RandomResult,
  RandomViolation,
  Strategy,
  Trace,
  TraceStep,
  Verdict,
  Violation,
  WitnessResult,
  IncompleteKind,
  ProgressPhase,
  FairnessEntry,
} from "../checker/index.js";
// Telling a run that ran out of memory (a verdict: incomplete) from bad input.
export { AllocationFailure, isOutOfMemoryError } from "../checker/index.js";

// The model: state, actions, configuration, and the derived views properties are written with.
export {
  ACTION_DESCRIPTIONS,
  ACTION_TYPES,
  FAULT_ACTIONS,
  SAFEGUARDS,
  SAFEGUARD_DESCRIPTIONS,
  ConfigError,
  resolveConfig,
  describeConfig,
  dbidOf,
  instanceOfDbid,
  initialState,
  allActions,
  enabledActions,
  findAction,
  step,
  formatAction,
  ackedTxnsOf,
  canAcknowledge,
  catalogMirror,
  catalogPrimary,
  caughtUp,
  exists,
  inDoubleFault,
  isPrefix,
  peerIndex,
  streams,
  SITUATIONS,
  SITUATION_DESCRIPTIONS,
} from "../model/index.js";
export type {
  Action,
  ActionType,
  BoundAction,
  Catalog,
  Config,
  ConfigInput,
  Content,
  FtsMsg,
  HostsParam,
  Instance,
  InstanceIndex,
  Mirroring,
  Mode,
  PlacementKind,
  Role,
  Safeguard,
  Situation,
  State,
  SyncRepReload,
  Txn,
  TxnStatus,
} from "../model/index.js";

// The contract's properties and witnesses.
export { SAFETY_PROPERTIES, WITNESSES, LIVENESS_PROPERTIES } from "../properties/index.js";
export type { LivenessProperty, Property, SafetyProperty, Witness } from "../properties/index.js";

// The canonical configurations with their expected outcomes.
export { CANONICAL_CONFIGS, DEFAULT_CONFIG_NAME, canonicalConfig } from "../configs/index.js";
export type { CanonicalConfig, ExpectedOutcome } from "../configs/index.js";

// Reports: what the commands print.
export { checkText, checkJson, simulateText, simulateJson, traceTable, replayText, replayJson, explainReplay, explainText } from "../report/index.js";
export type { CheckJson, ConfigJson, Explanation, ReplayJson, SimulateJson, StepExplanation, ViolationExplanation } from "../report/index.js";

// A counterexample as the files `check --trace-out/--itf/--html` writes: counterexampleTrace(report.name,
// report.config, violation) is the trace file's text, counterexampleItf(...) its ITF object (JSON.stringify it),
// htmlReport(htmlInputFromViolation(...)) the HTML page.
export { counterexampleTrace, counterexampleItf, htmlInputFromViolation, htmlInputFromReplay, htmlReport } from "../report/index.js";
export type { HtmlReportInput } from "../report/index.js";

// Trace files and ITF: read, write, replay, explain.
export { parseTrace, writeTrace, replayTrace, replayExitCode, toItf, fromItf, TraceFormatError, traceVariantPath } from "../trace/index.js";
export type { ParseOptions } from "../trace/index.js";
export type { Expectation, ItfTrace, ItfTraceInput, ReplayItem, ReplayOptions, ReplayResult, ReplayStatus, TraceEntry, TraceFile, TraceText } from "../trace/index.js";
export { replayTraceText, explainTraceText } from "./replay.js";
export type { TraceExplanation, TraceReplay } from "./replay.js";
