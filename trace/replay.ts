/**
 * Replays a trace file through the model exactly as written: each action must be enabled in
 * the state before it (otherwise replay stops, naming the line and the unmet guard), and each
 * expectation is checked where it stands. Steps are applied with immer, whose patches are
 * kept for machine-readable output.
 */
import type { Patch } from "immer";
import {
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

export type ReplayStatus = "ok" | "expectation-failed" | "not-enabled";

export interface ReplayResult {
  readonly config: Config;
  readonly initial: State;
  readonly final: State;
  readonly items: readonly ReplayItem[];
  readonly status: ReplayStatus;
  /** The action that was not enabled, when status is not-enabled. */
  readonly error: { readonly line: number; readonly text: string; readonly message: string } | null;
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
  for (const entry of trace.entries) {
    if (entry.kind === "expect") {
      const outcome = evaluateExpectation(config, entry.expect, state, path);
      if (!outcome.ok) failed = true;
      items.push({ kind: "expect", line: entry.line, text: entry.text, ok: outcome.ok, actual: outcome.actual });
      continue;
    }
    const bound = findAction(config, entry.action);
    const unmet = bound === undefined ? "no such action instance in this configuration" : bound.guard(state);
    if (bound === undefined || unmet !== undefined) {
      return {
        config,
        initial,
        final: state,
        items,
        status: "not-enabled",
        error: { line: entry.line, text: entry.text, message: `${formatAction(entry.action)} is not enabled: ${unmet}` },
      };
    }
    const [after, patches] = stepWithPatches(state, bound);
    step += 1;
    items.push({ kind: "step", step, line: entry.line, action: entry.action, before: state, after, patches });
    state = after;
    path.push(after);
    checkState(step, after, entry.line);
  }
  return { config, initial, final: state, items, status: failed ? "expectation-failed" : "ok", error: null };
}

/** The exit code replay gives (TRACE-FORMAT.md): 0 all held, 1 an expectation failed, 2 not enabled. */
export function replayExitCode(r: ReplayResult): 0 | 1 | 2 {
  return r.status === "ok" ? 0 : r.status === "expectation-failed" ? 1 : 2;
}
