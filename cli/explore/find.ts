/**
 * `find P`: the shortest path from the current state to a state that violates safety
 * property P or satisfies witness P, by the generic checker's BFS over the Greenplum model
 * (greenplumModel) with the current state as the only initial state and P as the only
 * property. A witness with a path condition (`after`) is searched over (state, flag) pairs,
 * the flag saying that a state satisfying the condition is on the path (here or earlier).
 */
import { greenplumModel } from "../../api/index.js";
import { check, type Invariant, type Model } from "../../checker/index.js";
import type { Action, BoundAction, Config, State } from "../../model/index.js";
import { safetyPropertiesOf, witnessesOf } from "../../properties/index.js";
import { defaultMaxMemoryBytes } from "../memory.js";
import { Rejection } from "./rejection.js";

/** A state of the search: the model's state, and whether the path condition was met on the way. */
interface Flagged {
  readonly s: State;
  readonly seen: boolean;
}

export interface FindTarget {
  readonly name: string;
  readonly kind: "safety" | "witness";
  /** A message when `s` is a goal (the violation's message, or "reached"), given the flag. */
  goal(s: State, seen: boolean): string | undefined;
  /** The path condition: a state satisfying it must be on the path (true for targets without one). */
  after(s: State): boolean;
}

/** The names `find` accepts in this configuration: the safety properties that apply, then every witness. */
export function targetNames(cfg: Config): string[] {
  return [...safetyPropertiesOf(cfg).filter((p) => p.appliesTo(cfg)).map((p) => p.name), ...witnessesOf(cfg).map((w) => w.name)];
}

export function findTarget(cfg: Config, name: string): FindTarget {
  const p = safetyPropertiesOf(cfg).find((x) => x.name === name);
  if (p !== undefined) {
    if (!p.appliesTo(cfg)) throw new Rejection(`${name} is not part of the contract for this configuration`);
    return { name, kind: "safety", goal: (s) => p.check(cfg, s), after: () => true };
  }
  const w = witnessesOf(cfg).find((x) => x.name === name);
  if (w !== undefined) {
    const after = w.after;
    return {
      name,
      kind: "witness",
      goal: (s, seen) => (seen && w.holds(cfg, s) ? `${name} holds: ${w.description}` : undefined),
      after: after === undefined ? () => true : (s) => after(cfg, s),
    };
  }
  throw new Rejection(`unknown property "${name}"; find takes one of: ${targetNames(cfg).join(", ")}`);
}

export type FindResult =
  | { readonly kind: "found"; readonly actions: readonly Action[]; readonly message: string; readonly states: number }
  | { readonly kind: "none"; readonly states: number }
  | { readonly kind: "incomplete"; readonly reason: string; readonly states: number };

/** The greenplum model over flagged states, starting in `start`, with `target` as its one invariant. */
function searchModel(cfg: Config, start: State, seenBefore: boolean, target: FindTarget): Model<Flagged, BoundAction> {
  const base = greenplumModel(cfg);
  const flag = (s: State, seen: boolean): Flagged => ({ s, seen: seen || target.after(s) });
  const invariant: Invariant<Flagged> = {
    name: target.name,
    description: target.name,
    check: (f) => target.goal(f.s, f.seen),
  };
  const codec = base.codec;
  return {
    initialStates: () => [flag(start, seenBefore)],
    actions: (f) => base.actions(f.s),
    next: (f, a) => flag(base.next(f.s, a), f.seen),
    key: (f) => (f.seen ? "1" : "0") + base.key(f.s),
    actionName: (a) => base.actionName(a),
    actionNames: base.actionNames,
    formatAction: (a) => base.formatAction(a),
    invariants: [invariant],
    witnesses: [],
    ...(codec === undefined
      ? {}
      : {
          codec: {
            maxBytes: codec.maxBytes + 1,
            encode: (f: Flagged, out: Uint8Array) => {
              out[0] = f.seen ? 1 : 0;
              return 1 + codec.encode(f.s, out.subarray(1));
            },
            decode: (bytes: Uint8Array, at: number) => ({ seen: bytes[at] === 1, s: codec.decode(bytes, at + 1) }),
          },
        }),
  };
}

/**
 * The shortest path from `start` to a goal of `target`; `seenBefore` says whether the path
 * condition already held on the path that led to `start`. `maxStates` bounds the search, and
 * so does check's default memory limit; either makes the result "incomplete".
 */
export function findPath(cfg: Config, start: State, seenBefore: boolean, target: FindTarget, maxStates: number): FindResult {
  const model = searchModel(cfg, start, seenBefore, target);
  // Bounded in states and in memory (as check is by default): the session must survive a search too big.
  const r = check(model, { workers: 1, liveness: false, maxStates, maxMemoryBytes: defaultMaxMemoryBytes() });
  const v = r.violations.find((x) => x.kind === "invariant");
  if (v !== undefined) {
    const actions = v.trace.flatMap((t) => (t.action === null ? [] : [t.action.action]));
    return { kind: "found", actions, message: v.message, states: r.distinctStates };
  }
  if (r.verdict === "incomplete") return { kind: "incomplete", reason: r.incompleteReason ?? "stopped", states: r.distinctStates };
  return { kind: "none", states: r.distinctStates };
}
