/** Presenting results to people and programs: text, tables and JSON. */
export { checkText } from "./text.js";
export { checkJson, configJson } from "./json.js";
export type { CheckJson, ConfigJson } from "./json.js";
export { traceTable } from "./traceTable.js";
export { describeState, diffStates, walText } from "./describe.js";
export type { Change } from "./describe.js";
export { renderTable, num } from "./table.js";
export { replayText, replayJson } from "./replayText.js";
export type { ReplayJson } from "./replayText.js";
export { explainReplay, explainText } from "./explain.js";
export type { Explanation, StepExplanation, ViolationExplanation } from "./explain.js";
export { htmlReport } from "./html.js";
export type { HtmlReportInput, HtmlReportStep, HtmlReportViolation, HtmlReportExpectation } from "./html.js";
export { htmlInputFromViolation, htmlInputFromReplay, firstViolationIn, replayHtmlTitle, traceConfigName } from "./html/inputs.js";
export type { HtmlReportOptions } from "./html/inputs.js";
export type { HtmlReportTrace } from "./html/traceFile.js";
export { simulateText, situationTable, timingLine, replayCommand, traceFileText } from "./simulateText.js";
export type { SimulateTextOptions } from "./simulateText.js";
export { simulateJson } from "./simulateJson.js";
export type { SimulateJson, SimulateJsonOptions, SimulateViolationJson } from "./simulateJson.js";
export { mergeResults, mergeText, readResult, MergeInputError } from "./merge.js";
export type { MergedJson } from "./merge.js";
export {
  isLasso,
  violationFromReplay,
  fairnessGroups,
  fairnessGroupText,
  fairnessEntryText,
  lassoExplanation,
  subjectId,
} from "./lasso.js";
export type { LassoViolation, FairnessGroup } from "./lasso.js";
export { livenessLines, livenessViolationText } from "./livenessText.js";
export type { LassoExplanation } from "./explain.js";
export { counterexampleTrace, counterexampleItf } from "./counterexample.js";
export type { HtmlReportLasso } from "./html.js";
export { diffJson, diffText, whatIfJson, whatIfLines } from "./diffText.js";
export type { DiffJson, DivergenceJson, WhatIfJson } from "./diffText.js";
export { renderWrappedTable, wrapWords } from "./wrapTable.js";
export { rootCause, rootCauseOfReplay, rootCauseOfTrace, rootCauseText } from "./rootCause.js";
export type { RootCause, RootCauseJson, RootCauseRule, RuleStep } from "./rootCause.js";
export { ftsDecision, type FtsDecision } from "./ftsRow.js";
export { compareReports, compareTraceFileName } from "./compare.js";
export type { Comparison, CompareCell, CompareCounterexample, CompareMark, CompareRow, CompareRowKind, PropertyStatus } from "./compare.js";
export { compareText, compareHeadline } from "./compareText.js";
export type { CompareTextOptions, ProposalInfo } from "./compareText.js";
export { compareJson } from "./compareJson.js";
export type { CompareJson } from "./compareJson.js";
