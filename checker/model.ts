/**
 * What the checker needs to know about a model, and nothing more.
 *
 * The checker is generic: it never imports `model/` and knows nothing about Greenplum.
 * A model is a finite transition system given by its initial states, the action
 * instances enabled in a state and the state an action leads to, plus properties.
 * Everything here must be deterministic: the same state always yields the same actions
 * in the same order (the checker stores an action as its position in that list).
 */
export interface Model<S, A> {
  /** The initial states, in a fixed order. */
  initialStates(): readonly S[];
  /** Every action instance whose guard holds in `s`, in a fixed order. */
  actions(s: S): readonly A[];
  /** The state `a` leads to from `s`. `a` is one of `actions(s)`. Must not mutate `s`. */
  next(s: S, a: A): S;
  /** Canonical key: two states are the same state iff their keys are equal. */
  key(s: S): string;
  /** The action's family name, for coverage counts (e.g. "Inc"). */
  actionName(a: A): string;
  /** Every family name the model has, including those never enabled, in display order. */
  readonly actionNames: readonly string[];
  /** The action as one line of text, as a person would write it in a trace. */
  formatAction(a: A): string;
  /** Safety properties, in checking order (the first violated one is reported first). */
  readonly invariants: readonly Invariant<S>[];
  /** Reachability properties: states that must be reachable, or a green run is vacuous. */
  readonly witnesses: readonly Witness<S>[];
}

/** An `always` property: checked in every reachable state. */
export interface Invariant<S> {
  readonly name: string;
  readonly description: string;
  /** A message with concrete values when `s` violates the property, otherwise undefined. */
  check(s: S): string | undefined;
}

/** A `sometimes` property: some reachable state satisfies it. */
export interface Witness<S> {
  readonly name: string;
  readonly description: string;
  /** Whether this run must reach it: an unreached required witness fails a complete run. */
  readonly required: boolean;
  /** The state condition. */
  holds(s: S): boolean;
  /**
   * Optional path condition: the witness is reached at a state satisfying `holds` only on a
   * path on which an earlier (or the same) state satisfied `after`. The checker finds the
   * shortest such path without adding history to the state, so state counts are unchanged.
   */
  after?(s: S): boolean;
}
