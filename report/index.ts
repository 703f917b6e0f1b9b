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
export { htmlInputFromViolation, htmlInputFromReplay, firstViolationIn } from "./html/inputs.js";
