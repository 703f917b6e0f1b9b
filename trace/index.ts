/** Trace files (docs/trace-format.md): read, write, replay, and their ITF JSON form. */
export type { Expectation, TraceEntry, TraceFile } from "./types.js";
export { TraceFormatError } from "./types.js";
export { parseTrace, parseAction } from "./parse.js";
export { writeTrace, configLine } from "./write.js";
export type { TraceText } from "./write.js";
export { replayTrace, replayExitCode } from "./replay.js";
export type { ReplayItem, ReplayResult, ReplayStatus } from "./replay.js";
export { evaluateExpectation } from "./expect.js";
export type { ExpectationOutcome } from "./expect.js";
export type { ReplayOptions } from "./replay.js";
export { toItf, fromItf, stateToItf, itfDifference } from "./itf.js";
export type { ItfTrace, ItfTraceInput } from "./itf.js";
export { subjectText } from "./types.js";
export type { LivenessSubject } from "./types.js";
export type { ReplayLasso } from "./replay.js";
export { cycleStates, fairnessAccount, lassoProperty, stateDifference, starvedInstances } from "./lasso.js";
export type { FairnessAccountEntry, LassoPropertyOutcome } from "./lasso.js";
