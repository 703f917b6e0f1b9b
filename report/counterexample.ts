/**
 * A checker counterexample as the files `check` writes (--trace-out, --itf), from the
 * `Violation` alone: an invariant violation ends in `expect violated P`; a liveness one is a
 * lasso, with `loop` before its cycle (at `lasso.loopStart`) and `expect violated P subject`
 * after it, and ITF's `loop` index. Both replay with `mirrorcheck replay`.
 */
import type { Violation } from "../checker/index.js";
import type { Action, BoundAction, Config, State } from "../model/index.js";
import { toItf, writeTrace } from "../trace/index.js";

function actionsOf(v: Violation<State, BoundAction>): Action[] {
  return v.trace.slice(1).flatMap((s) => (s.action === null ? [] : [s.action.action]));
}

/** What follows `expect violated`: the property, and a lasso's subject. */
function violatedText(v: Violation<State, BoundAction>): string {
  return v.lasso === undefined ? v.property : `${v.property} ${v.lasso.subject}`;
}

/** The trace file of a counterexample, `configName` naming the configuration in its comment. */
export interface CounterexampleFileOptions {
  /** Under a proposal: its path relative to the folder the file is written to (`variant=` on the config line). */
  readonly variantPath?: string;
}

export function counterexampleTrace(configName: string, cfg: Config, v: Violation<State, BoundAction>, options: CounterexampleFileOptions = {}): string {
  const lasso = v.lasso;
  const comments =
    lasso === undefined
      ? [`Counterexample to ${v.property} found by mirrorcheck check (${configName}), ${v.length} actions.`, v.message]
      : [
          `Liveness counterexample to ${v.property} ${lasso.subject} found by mirrorcheck check (${configName}): a lasso,`,
          `a stem of ${lasso.stemLength} actions, then a cycle of ${lasso.cycleLength} after \`loop\` that repeats forever.`,
          ...v.message.split("\n"),
        ];
  return writeTrace({
    config: cfg,
    actions: actionsOf(v),
    violated: violatedText(v),
    comments,
    ...(lasso === undefined ? {} : { loopAt: lasso.loopStart }),
    ...(options.variantPath === undefined ? {} : { variantPath: options.variantPath }),
  });
}

/** The ITF JSON object of a counterexample (write it with JSON.stringify). */
export function counterexampleItf(configName: string, cfg: Config, v: Violation<State, BoundAction>, options: CounterexampleFileOptions = {}): unknown {
  return toItf({
    config: cfg,
    states: v.trace.map((s) => s.state),
    actions: actionsOf(v),
    description:
      v.lasso === undefined
        ? `counterexample to ${v.property} (${configName})`
        : `liveness counterexample to ${violatedText(v)} (${configName}): the states after the loop index repeat forever`,
    violated: violatedText(v),
    ...(v.lasso === undefined ? {} : { loop: v.lasso.loopStart }),
    ...(options.variantPath === undefined ? {} : { variantPath: options.variantPath }),
  });
}
