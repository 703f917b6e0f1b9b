/**
 * Builds the HTML report's input from what `check` and `replay` produce, so that the CLI only
 * chooses a title and a file name: a checker violation (its trace of states) or a replay
 * result (its steps and expectations).
 */
import type { Violation } from "../../checker/index.js";
import type { BoundAction, Config, State } from "../../model/index.js";
import { safetyPropertiesOf, witnessesOf } from "../../properties/index.js";
import type { ReplayResult } from "../../trace/index.js";
import type { HtmlReportExpectation, HtmlReportInput, HtmlReportLasso, HtmlReportStep, HtmlReportViolation } from "../html.js";
import { isLasso, lassoExplanation, livenessDescription, violationFromReplay } from "../lasso.js";

/** The lasso part of the report, for a liveness counterexample. */
function lassoInput(config: Config, violation: Violation<State, BoundAction>): HtmlReportLasso | null {
  if (!isLasso(violation)) return null;
  return {
    property: violation.property,
    subject: violation.lasso.subject,
    description: livenessDescription(violation.property),
    explanation: lassoExplanation(config, violation),
    loopStart: violation.lasso.loopStart,
    fairness: violation.lasso.fairness,
  };
}

function propertyDescription(cfg: Config, name: string): string {
  return safetyPropertiesOf(cfg).find((p) => p.name === name)?.description ?? witnessesOf(cfg).find((w) => w.name === name)?.description ?? "";
}

/** The first safety property (in checking order) that `s` violates, if any. */
export function firstViolationIn(cfg: Config, s: State): HtmlReportViolation | null {
  for (const p of safetyPropertiesOf(cfg)) {
    if (!p.appliesTo(cfg)) continue;
    const message = p.check(cfg, s);
    if (message !== undefined) return { property: p.name, message, description: p.description };
  }
  return null;
}

/** The report of a checker counterexample; `title` defaults to "CONFIG: PROPERTY". */
export function htmlInputFromViolation(
  configName: string,
  config: Config,
  violation: Violation<State, BoundAction>,
  options: { readonly title?: string; readonly replayCommand?: string } = {},
): HtmlReportInput {
  const trace = violation.trace;
  if (trace.length === 0) {
    throw new Error(`${violation.property}: an unreached witness has no trace to draw; report it as text`);
  }
  const steps: HtmlReportStep[] = [];
  for (let k = 1; k < trace.length; k++) {
    const bound = trace[k].action;
    if (bound === null) continue;
    steps.push({ action: bound.action, before: trace[k - 1].state, after: trace[k].state });
  }
  return {
    title: options.title ?? `${configName}: ${violation.property}`,
    config,
    initial: trace[0].state,
    steps,
    violation: { property: violation.property, message: violation.message, description: propertyDescription(config, violation.property) },
    lasso: lassoInput(config, violation),
    ...(options.replayCommand === undefined ? {} : { replayCommand: options.replayCommand }),
  };
}

/**
 * The report of a replayed trace file: its steps with their line numbers, its expectations
 * where they stand, and the first safety property the final state violates (if any); for a
 * lasso ending in `expect violated P subject`, its cycle and fairness account instead.
 */
export function htmlInputFromReplay(
  result: ReplayResult,
  options: { readonly title: string; readonly replayCommand?: string },
): HtmlReportInput {
  const steps: HtmlReportStep[] = [];
  const expectations: HtmlReportExpectation[] = [];
  const lasso = violationFromReplay(result);
  for (const item of result.items) {
    if (item.kind === "step") steps.push({ action: item.action, before: item.before, after: item.after, line: item.line });
    else expectations.push({ afterStep: steps.length, text: item.text, ok: item.ok, actual: item.actual });
  }
  if (result.error !== null) {
    expectations.push({
      afterStep: steps.length,
      text: result.error.text,
      ok: false,
      actual: `line ${result.error.line}: ${result.error.message}`,
    });
  }
  return {
    title: options.title,
    config: result.config,
    initial: result.initial,
    steps,
    violation: firstViolationIn(result.config, result.final),
    lasso: lasso === null ? null : lassoInput(result.config, lasso),
    expectations,
    ...(options.replayCommand === undefined ? {} : { replayCommand: options.replayCommand }),
  };
}
