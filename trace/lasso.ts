/**
 * Lassos (docs/trace-format.md, `loop`): a stem, then a cycle of steps that returns to the state
 * where it started and repeats for ever. A lasso counterexample to `GF P` (docs/protocol.md
 * section 5) is correct when the cycle returns, keeps P false in each of its states, and is
 * fair: each weakly fair action instance is taken in the cycle (a self-loop counts) or is
 * disabled in at least one of its states. A stutter takes nothing, so an empty cycle is fair
 * only where every fair instance is disabled.
 *
 * Indices follow the checker's `Lasso`: `path[k]` is the state after step k (`path[0]` the
 * initial state), the loop state is `path[loopStart]`, and the cycle is steps loopStart+1..n.
 */
import { fairInstances, formatAction, type Action, type Config, type State } from "../model/index.js";
import { LIVENESS_PROPERTIES } from "../properties/index.js";
import { subjectText, type LivenessSubject } from "./types.js";

/**
 * How a cycle treats one weakly fair instance: `taken`, the first cycle step that takes it;
 * else `disabledAt`, the index of the first cycle state where it is disabled. Both null: the
 * instance is enabled in every cycle state and never taken, so the cycle is not fair.
 */
export interface FairnessAccountEntry {
  readonly instance: string;
  readonly taken: number | null;
  readonly disabledAt: number | null;
}

/** The states the cycle's steps start from (the loop state alone when the cycle stutters). */
export function cycleStates(path: readonly State[], loopStart: number): readonly State[] {
  // path[n] (after the last step) is the loop state again, so it is not counted twice.
  return path.length - 1 === loopStart ? [path[loopStart]] : path.slice(loopStart, path.length - 1);
}

/**
 * The fairness account of the cycle from `path[loopStart]` to the end of `path`, one entry per
 * fair instance of `cfg` in the model's order. `actions[k - 1]` is step k.
 */
export function fairnessAccount(
  cfg: Config,
  path: readonly State[],
  actions: readonly Action[],
  loopStart: number,
): FairnessAccountEntry[] {
  const cycleActions = actions.slice(loopStart).map(formatAction);
  const states = cycleStates(path, loopStart);
  return fairInstances(cfg).map((b) => {
    const name = formatAction(b.action);
    const k = cycleActions.indexOf(name);
    if (k >= 0) return { instance: name, taken: loopStart + k + 1, disabledAt: null };
    const j = states.findIndex((s) => b.guard(s) !== undefined);
    return { instance: name, taken: null, disabledAt: j >= 0 ? loopStart + j : null };
  });
}

/** The fair instances a cycle starves: enabled in each of its states and never taken. */
export function starvedInstances(account: readonly FairnessAccountEntry[]): string[] {
  return account.filter((e) => e.taken === null && e.disabledAt === null).map((e) => e.instance);
}

/**
 * The first field (a path into the state, as ITF names it) where `after` differs from the
 * loop state `loop`, in words; null when the two states are equal.
 */
export function stateDifference(loop: State, after: State): string | null {
  const walk = (path: string, a: unknown, b: unknown): string | null => {
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return `${path} has ${a.length} entries at the loop, ${b.length} after the last action`;
      for (let i = 0; i < a.length; i++) {
        const d = walk(`${path}[${i}]`, a[i], b[i]);
        if (d !== null) return d;
      }
      return null;
    }
    if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
      const ra = a as Record<string, unknown>;
      const rb = b as Record<string, unknown>;
      for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
        const d = walk(path ? `${path}.${key}` : key, ra[key], rb[key]);
        if (d !== null) return d;
      }
      return null;
    }
    return a === b ? null : `${path} is ${JSON.stringify(a)} at the loop, ${JSON.stringify(b)} after the last action`;
  };
  return walk("", loop, after);
}

/** What a lasso says about one liveness property and subject. */
export interface LassoPropertyOutcome {
  readonly property: string;
  /** `content=0`, `txn=1`. */
  readonly subject: string;
  /** The trace index of the first cycle state where P holds, or null: P is false throughout. */
  readonly holdsAt: number | null;
  /** Why P stays false along the cycle (the property's own explanation), when it does. */
  readonly explanation: string | null;
}

/** Evaluates P along the cycle of `path` (see `cycleStates`). Throws for an unknown property. */
export function lassoProperty(
  cfg: Config,
  property: string,
  subject: LivenessSubject,
  path: readonly State[],
  loopStart: number,
): LassoPropertyOutcome {
  const live = LIVENESS_PROPERTIES.find((p) => p.name === property);
  if (live === undefined) throw new Error(`${property} is not a liveness property`);
  const states = cycleStates(path, loopStart);
  const j = states.findIndex((s) => live.holds(cfg, s, subject.id));
  return {
    property,
    subject: subjectText(subject),
    holdsAt: j >= 0 ? loopStart + j : null,
    explanation: j >= 0 ? null : live.explain(cfg, states, subject.id),
  };
}
