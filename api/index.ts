/**
 * The library API: check a configuration from code (a CI suite, a vitest test) exactly as
 * `mirrorcheck check` does.
 */
export { runCheck, configInput, notComparedReason } from "./check.js";
export type { CheckReport, CheckRequest, ConfigOverrides } from "./check.js";
export { compareWithExpected, firstExpectedViolation } from "./expectation.js";
export type { ExpectationCheck } from "./expectation.js";
export { greenplumModel, greenplumModelLoading } from "./greenplumModel.js";
export { defineVariant } from "./variant.js";
export { runSimulate, parseShard, shardDepth } from "./simulate.js";
export type { SeedRange, Shard, SimulateOptions, SimulateReport, SimulateRequest } from "./simulate.js";
export { withProperties } from "./properties.js";
export type { CustomProperty } from "./properties.js";
export { isFaultAction, minimiseViolations, situationObserver, withSituationCounts } from "./coverage.js";
