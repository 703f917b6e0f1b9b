/**
 * The public types of a proposal ("variant"): a short module that changes the Greenplum
 * model's rules (docs/variants.md). A proposal file is `export default defineVariant({...})`;
 * `defineVariant` (define.ts) validates the spec and returns a frozen `Variant`.
 */
import type { Draft } from "immer";
import type { Action, ActionArg, ActionType } from "../action.js";
import type { Config } from "../config.js";
import type { State } from "../state.js";

/** An action instance of any family, built-in or new: its family name and its argument. */
export interface ActionInstance {
  readonly type: string;
  readonly content?: number;
  readonly txn?: number;
  readonly dbid?: number;
  readonly host?: number;
}

/** The instance of built-in family F (`{ type: "FtsProbe", content: 0 }`). */
export type ActionOf<F extends ActionType> = Extract<Action, { readonly type: F }>;

/** What a changed guard sees: the instance, the configuration and the built-in guard. */
export interface GuardContext<F extends ActionType = ActionType> {
  readonly action: ActionOf<F>;
  readonly config: Config;
  /** The built-in guard: undefined when it holds, otherwise its first unmet clause. */
  builtin(state: State): string | undefined;
}

/** What a changed effect sees: the instance, the configuration and the built-in effect. */
export interface EffectContext<F extends ActionType = ActionType> {
  readonly action: ActionOf<F>;
  readonly config: Config;
  /** Applies the built-in effect to the draft. */
  builtin(draft: Draft<State>): void;
}

/** A change to one built-in family: a guard, an effect, or both, each replacing or wrapping the built-in one. */
export interface RuleChange<F extends ActionType = ActionType> {
  /** undefined = enabled; otherwise the unmet clause in words. `ctx.builtin(state)` is the built-in guard. */
  readonly guard?: (state: State, ctx: GuardContext<F>) => string | undefined;
  /** An immer recipe; `ctx.builtin(draft)` applies the built-in effect. */
  readonly effect?: (draft: Draft<State>, ctx: EffectContext<F>) => void;
}

/** What a new family's guard and effect see. */
export interface NewActionContext {
  readonly action: ActionInstance;
  readonly config: Config;
}

/** A new action family over the same state. */
export interface NewActionFamily {
  /** PascalCase, must not clash with a built-in family. */
  readonly name: string;
  readonly description: string;
  /** The argument, like the built-in families: content 0..K-1, txn 1..W, dbid 2..2K+1, host 0..H-1, or none. */
  readonly over: ActionArg;
  /** Weakly fair for liveness (default false). */
  readonly fair?: boolean;
  guard(state: State, ctx: NewActionContext): string | undefined;
  effect(draft: Draft<State>, ctx: NewActionContext): void;
}

/** An extra safety property (an invariant): a message with concrete values when violated. */
export interface VariantProperty {
  readonly name: string;
  readonly description: string;
  check(state: State, config: Config): string | undefined;
}

/** An extra witness: a state that must be reachable. */
export interface VariantWitness {
  readonly name: string;
  readonly description: string;
  holds(state: State, config: Config): boolean;
}

export type VariantRules = { readonly [F in ActionType]?: RuleChange<F> };

export interface VariantSpec {
  /** Identifier-like, e.g. "probeNeverUpgradesWithSyncRepOn". */
  readonly name: string;
  readonly description: string;
  /** Replace or wrap built-in families. */
  readonly rules?: VariantRules;
  /** New families over the same state, enumerated after the built-in ones in this order. */
  readonly newActions?: readonly NewActionFamily[];
  /** Extra safety properties (invariants), checked after the contract's. */
  readonly properties?: readonly VariantProperty[];
  /** Extra witnesses. */
  readonly witnesses?: readonly VariantWitness[];
}

/** A validated, frozen proposal (made only by `defineVariant`). */
export interface Variant {
  readonly name: string;
  readonly description: string;
  readonly rules: VariantRules;
  readonly newActions: readonly NewActionFamily[];
  readonly properties: readonly VariantProperty[];
  readonly witnesses: readonly VariantWitness[];
}

/**
 * The plain-data reference a `Config` carries (it survives structured cloning into worker
 * threads): the proposal's name, the file URL of the JavaScript module that was imported,
 * and the file as the user named it (for messages).
 */
export interface VariantRef {
  readonly name: string;
  readonly module: string;
  readonly file: string;
}
