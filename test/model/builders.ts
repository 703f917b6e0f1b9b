/**
 * Helpers to hand-build states concisely and to apply actions through the public API.
 *
 * A state is built from `initialState(cfg)` by immer recipes (`inst`, `catalog`, `content`,
 * `txn`, `globals`), so every field not named keeps its initial value. `expectEffect`
 * asserts the exact state after an action: the input state edited by the recipes that
 * describe the expected change, nothing more and nothing less.
 */
import { isDeepStrictEqual } from "node:util";
import { produce, type Draft } from "immer";
import { expect } from "vitest";
import {
  findAction,
  formatAction,
  initialState,
  resolveConfig,
  stateKey,
  step,
  stepFast,
  enabledActions,
  type Action,
  type BoundAction,
  type Catalog,
  type Config,
  type ConfigInput,
  type Content,
  type Instance,
  type State,
  type TxnStatus,
} from "../../model/index.js";

export type Recipe = (d: Draft<State>) => void;

/** A configuration; defaults to one content, two txns, two faults. */
export function config(input: Partial<ConfigInput> = {}): Config {
  return resolveConfig({ contents: 1, txns: 2, faults: 2, ...input });
}

/** The initial state of `cfg` edited by the recipes, in order. */
export function build(cfg: Config, ...recipes: Recipe[]): State {
  return edit(initialState(cfg), ...recipes);
}

/** `s` edited by the recipes, in order (immer; `s` is not modified). */
export function edit(s: State, ...recipes: Recipe[]): State {
  return recipes.reduce<State>((acc, r) => produce(acc, r), s);
}

/** Sets fields of instance i (0 = preferred primary, 1 = preferred mirror) of content c. */
export function inst(c: number, i: 0 | 1, fields: Partial<Instance>): Recipe {
  return (d) => {
    const target = d.contents[c].instances[i];
    if (fields.role !== undefined) target.role = fields.role;
    if (fields.alive !== undefined) target.alive = fields.alive;
    if (fields.wal !== undefined) target.wal = [...fields.wal];
    if (fields.syncRep !== undefined) target.syncRep = fields.syncRep;
    if (fields.syncRepEffective !== undefined) target.syncRepEffective = fields.syncRepEffective;
  };
}

/** Sets both sync rep fields of an instance. */
export function syncRep(c: number, i: 0 | 1, on: boolean, effective: boolean = on): Recipe {
  return inst(c, i, { syncRep: on, syncRepEffective: effective });
}

/** Sets fields of the catalog of content c. */
export function catalog(c: number, fields: Partial<Catalog>): Recipe {
  return (d) => {
    Object.assign(d.contents[c].catalog, fields);
  };
}

type ContentFields = Pick<Content, "hasMirror" | "link" | "walSenderStreaming" | "ftsMsg">;

/** Sets the scalar fields of content c (hasMirror, link, walSenderStreaming, ftsMsg). */
export function content(c: number, fields: Partial<ContentFields>): Recipe {
  return (d) => {
    Object.assign(d.contents[c], fields);
  };
}

/** Sets txn t (1-based). */
export function txn(t: number, status: TxnStatus, onContent: number | null, dbid: number | null): Recipe {
  return (d) => {
    d.txns[t - 1] = { status, content: onContent, dbid };
  };
}

/** Sets the global counters. */
export function globals(fields: Partial<Pick<State, "nextTxn" | "faults">>): Recipe {
  return (d) => {
    Object.assign(d, fields);
  };
}

/** The bound action instance; throws if the configuration has none. */
export function bound(cfg: Config, action: Action): BoundAction {
  const b = findAction(cfg, action);
  if (b === undefined) throw new Error(`no action instance ${formatAction(action)} in this configuration`);
  return b;
}

/** The guard's answer: undefined when enabled, otherwise the unmet clause. */
export function guard(cfg: Config, s: State, action: Action): string | undefined {
  return bound(cfg, action).guard(s);
}

export function isEnabled(cfg: Config, s: State, action: Action): boolean {
  return guard(cfg, s, action) === undefined;
}

/** Asserts the action is enabled; applies it with immer (and checks stepFast agrees). */
export function apply(cfg: Config, s: State, action: Action): State {
  const b = bound(cfg, action);
  expect(b.guard(s), `${formatAction(action)} should be enabled`).toBeUndefined();
  const next = step(s, b);
  expect(stepFast(s, b)).toEqual(next);
  return next;
}

/** Applies a sequence of actions, each of which must be enabled. */
export function run(cfg: Config, s: State, ...actions: Action[]): State {
  return actions.reduce<State>((acc, a) => apply(cfg, acc, a), s);
}

/** Asserts the action is enabled and leads to exactly `s` edited by `expected`. */
export function expectEffect(cfg: Config, s: State, action: Action, ...expected: Recipe[]): State {
  const next = apply(cfg, s, action);
  expect(next).toEqual(edit(s, ...expected));
  return next;
}

/** Asserts the action is disabled (its guard names an unmet clause). */
export function expectDisabled(cfg: Config, s: State, action: Action): void {
  const g = guard(cfg, s, action);
  expect(g, `${formatAction(action)} should be disabled`).toBeTypeOf("string");
  expect(g).not.toBe("");
}

/** Asserts the action is enabled. */
export function expectEnabled(cfg: Config, s: State, action: Action): void {
  expect(guard(cfg, s, action), `${formatAction(action)} should be enabled`).toBeUndefined();
}

/** The formatted enabled actions of `s`, in enumeration order. */
export function enabledNames(cfg: Config, s: State): string[] {
  return enabledActions(cfg, s).map((b) => formatAction(b.action));
}

/** Recursively freezes a value (objects and arrays). */
export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}

/** A deep, unfrozen copy (for freezing without touching immer's shared structures). */
export function thaw(s: State): State {
  return structuredClone(s);
}

export interface Explored {
  readonly states: State[];
  /** Successor indexes per state: [action, next index]. */
  readonly edges: [BoundAction, number][][];
}

/**
 * Breadth-first exploration with stepFast. The visited set is keyed by `key`
 * (JSON.stringify by default, independent of stateKey), up to `limit` states.
 */
export function explore(cfg: Config, opts: { key?: (s: State) => string; limit?: number } = {}): Explored {
  const key = opts.key ?? ((s: State) => JSON.stringify(s));
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const init = initialState(cfg);
  const index = new Map<string, number>([[key(init), 0]]);
  const states: State[] = [init];
  const edges: [BoundAction, number][][] = [];
  for (let i = 0; i < states.length; i++) {
    const out: [BoundAction, number][] = [];
    for (const b of enabledActions(cfg, states[i])) {
      const next = stepFast(states[i], b);
      const k = key(next);
      let j = index.get(k);
      if (j === undefined) {
        if (states.length >= limit) continue;
        j = states.length;
        index.set(k, j);
        states.push(next);
      }
      out.push([b, j]);
    }
    edges.push(out);
  }
  return { states, edges };
}

export { isDeepStrictEqual, stateKey };

/** The bound action instance, or undefined if the configuration has none. */
export function findActionOrUndefined(cfg: Config, action: Action): BoundAction | undefined {
  return findAction(cfg, action);
}
