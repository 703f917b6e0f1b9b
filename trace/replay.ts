/**
 * Replays a trace file through the model exactly as written: each action must be enabled in
 * the state before it (otherwise replay stops, naming the line and the unmet guard), and each
 * expectation is checked where it stands. Steps are applied with immer, whose patches are
 * kept for machine-readable output.
 */
import type { Patch } from "immer";
import {
  enabledActions,
  findAction,
  formatAction,
  initialState,
  resolveConfig,
  stepWithPatches,
  type Action,
  type Config,
  type State,
} from "../model/index.js";
import { evaluateExpectation } from "./expect.js";
import {
  fairnessAccount,
  lassoProperty,
  stateDifference,
  starvedInstances,
  type FairnessAccountEntry,
  type LassoPropertyOutcome,
} from "./lasso.js";
import type { TraceFile } from "./types.js";

export type ReplayItem =
  | {
      readonly kind: "step";
      readonly step: number;
      readonly line: number;
      readonly action: Action;
      readonly before: State;
      readonly after: State;
      readonly patches: readonly Patch[];
    }
  | {
      readonly kind: "expect";
      readonly line: number;
      readonly text: string;
      readonly ok: boolean;
      readonly actual: string;
      /** A comparison with a recorded state (ITF), not an expect line of the file. */
      readonly recorded?: boolean;
    };

/** What replay found about a lasso (a trace with a `loop` line that replayed to its end). */
export interface ReplayLasso {
  /** The line of `loop`. */
  readonly line: number;
  /** Steps taken before `loop`: the loop state is the state after this step (0: initial). */
  readonly loopStart: number;
  readonly cycleLength: number;
  /** Null when the cycle returns to the loop state; otherwise the first field that differs. */
  readonly difference: string | null;
  /** The fairness account of the cycle, one entry per weakly fair instance. */
  readonly fairness: readonly FairnessAccountEntry[];
  /** The liveness property of the final `expect violated P subject` (or holds), if any. */
  readonly property: LassoPropertyOutcome | null;
}

export type ReplayStatus = "ok" | "expectation-failed" | "not-enabled";

export interface ReplayResult {
  readonly config: Config;
  readonly initial: State;
  readonly final: State;
  readonly items: readonly ReplayItem[];
  readonly status: ReplayStatus;
  /** The action that was not enabled, when status is not-enabled. */
  readonly error: { readonly line: number; readonly text: string; readonly message: string } | null;
  /** Present when the trace is a lasso (it has a `loop` line) and replayed to its end. */
  readonly lasso: ReplayLasso | null;
}

export interface ReplayOptions {
  /**
   * Checks each state reached (k = 0 for the initial state) against a record of it, e.g.
   * the states of an ITF file; a difference is reported like a failed expectation.
   */
  readonly checkState?: (k: number, state: State) => string | null;
  /** Names the place of step k in messages ("line 12", "state 3"); default: the line. */
  readonly stateLabel?: string;
}

export function replayTrace(trace: TraceFile, options: ReplayOptions = {}): ReplayResult {
  const config = resolveConfig(trace.config);
  const initial = initialState(config);
  let state = initial;
  const path: State[] = [initial];
  const items: ReplayItem[] = [];
  let failed = false;
  let step = 0;
  const checkState = (k: number, s: State, line: number): void => {
    const diff = options.checkState?.(k, s) ?? null;
    if (options.checkState === undefined) return;
    if (diff !== null) failed = true;
    items.push({
      kind: "expect",
      line,
      text: `${options.stateLabel ?? "state"} ${k} as recorded`,
      ok: diff === null,
      actual: diff ?? "same",
      recorded: true,
    });
  };
  checkState(0, initial, 0);
  const entries = trace.entries;
  const loopIndex = entries.findIndex((e) => e.kind === "loop");
  const lastAction = entries.reduce((last, e, i) => (e.kind === "action" ? i : last), -1);
  /** Where the cycle ends: after its last action, or at `loop` itself when the cycle is empty. */
  const cycleEnd = loopIndex < 0 ? -1 : Math.max(loopIndex, lastAction);
  let loop: { line: number; loopStart: number } | null = null;
  let difference: string | null = null;
  let property: LassoPropertyOutcome | null = null;
  const actions: Action[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.kind === "loop") {
      loop = { line: entry.line, loopStart: step };
    } else if (entry.kind === "expect") {
      const e = entry.expect;
      let outcome: { ok: boolean; actual: string };
      // A liveness expectation after the whole cycle speaks of the infinite behaviour, not of one state.
      if (loop !== null && i > cycleEnd && (e.kind === "holds" || e.kind === "violated") && e.subject !== undefined) {
        const p = lassoProperty(config, e.property, e.subject, path, loop.loopStart);
        property ??= p;
        outcome = lassoExpectation(config, e.kind, p, path, loop.loopStart, actions);
      } else {
        outcome = evaluateExpectation(config, e, state, path);
      }
      if (!outcome.ok) failed = true;
      items.push({ kind: "expect", line: entry.line, text: entry.text, ok: outcome.ok, actual: outcome.actual });
    } else {
      const bound = findAction(config, entry.action);
      const unmet = bound === undefined ? "no such action instance in this configuration" : bound.guard(state);
      if (bound === undefined || unmet !== undefined) {
        const message = `${formatAction(entry.action)} is not enabled: ${unmet}. ${enabledHere(config, state)}`;
        return {
          config,
          initial,
          final: state,
          items,
          status: "not-enabled",
          error: { line: entry.line, text: entry.text, message },
          lasso: null,
        };
      }
      const [after, patches] = stepWithPatches(state, bound);
      step += 1;
      items.push({ kind: "step", step, line: entry.line, action: entry.action, before: state, after, patches });
      state = after;
      path.push(after);
      actions.push(entry.action);
      checkState(step, after, entry.line);
    }
    if (i === cycleEnd && loop !== null) {
      // The lasso closes here: the behaviour goes on from the loop state for ever.
      difference = stateDifference(path[loop.loopStart], state);
      if (difference !== null) failed = true;
      items.push({
        kind: "expect",
        line: entry.line,
        text: `the cycle returns to the state at loop (line ${loop.line})`,
        ok: difference === null,
        actual: difference ?? (step === loop.loopStart ? "the cycle is empty: it stutters in the loop state" : "same state"),
      });
    }
  }
  const lasso: ReplayLasso | null =
    loop === null
      ? null
      : {
          line: loop.line,
          loopStart: loop.loopStart,
          cycleLength: step - loop.loopStart,
          difference,
          fairness: fairnessAccount(config, path, actions, loop.loopStart),
          property,
        };
  return { config, initial, final: state, items, status: failed ? "expectation-failed" : "ok", error: null, lasso };
}

/** Every action enabled in `s`, in the model's order, so that a stopped replay shows the ways on ("Enabled here: ..."). */
export function enabledHere(cfg: Config, s: State): string {
  const names = enabledActions(cfg, s).map((b) => formatAction(b.action));
  return names.length === 0 ? "Nothing is enabled here (a deadlock)." : `Enabled here: ${names.join(", ")}.`;
}

/**
 * `expect violated P subject` at the end of a lasso: P is false in every state of the cycle
 * and the cycle is fair. `expect holds P subject`: P is true in some state of the cycle, so
 * the behaviour satisfies `GF P`.
 */
function lassoExpectation(
  cfg: Config,
  kind: "holds" | "violated",
  p: LassoPropertyOutcome,
  path: readonly State[],
  loopStart: number,
  actions: readonly Action[],
): { ok: boolean; actual: string } {
  const name = `${p.property} ${p.subject}`;
  const where = (k: number): string => {
    const after = k === 0 ? "the initial state" : `after step ${k}`;
    return k === loopStart ? `in the loop state (${after})` : after;
  };
  if (kind === "holds") {
    return p.holdsAt !== null
      ? { ok: true, actual: `${name} holds ${where(p.holdsAt)}, in the cycle` }
      : { ok: false, actual: `${name} is false in every state of the cycle: ${p.explanation ?? ""}` };
  }
  if (p.holdsAt !== null) return { ok: false, actual: `${name} holds ${where(p.holdsAt)}, in the cycle` };
  const starved = starvedInstances(fairnessAccount(cfg, path, actions, loopStart));
  if (starved.length > 0) {
    const more = starved.length > 1 ? ` (and ${starved.slice(1).join(", ")})` : "";
    return {
      ok: false,
      actual: `the cycle is not fair: ${starved[0]} is enabled in every state of the cycle and never taken${more}`,
    };
  }
  return { ok: true, actual: `${name} is false in every state of a fair cycle: ${p.explanation ?? ""}` };
}

/** The exit code replay gives (docs/trace-format.md): 0 all held, 1 an expectation failed, 2 not enabled. */
export function replayExitCode(r: ReplayResult): 0 | 1 | 2 {
  return r.status === "ok" ? 0 : r.status === "expectation-failed" ? 1 : 2;
}
