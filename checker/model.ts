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

  // Optional members: a model without them is checked all the same, only more slowly.

  /**
   * A compact binary form of a state. With it the checker fingerprints the bytes instead of
   * `key(s)`, keeps its BFS queue as bytes, and can hand states to worker threads.
   */
  readonly codec?: StateCodec<S>;
  /** Symmetry reduction, used only when a run asks for it (`CheckOptions.symmetry`). */
  readonly symmetry?: Symmetry<S>;
  /** How a worker thread builds this same model (parallel BFS needs it, and `codec`). */
  readonly source?: ModelSource;
  /**
   * Liveness: weak fairness per action instance and `GF P` properties, checked over the whole
   * reachable graph once a BFS has explored it (liveness.ts).
   */
  readonly liveness?: Liveness<S, A>;
}

/**
 * What the checker needs for liveness. A *behaviour* is an infinite path of transitions and
 * stutters; it is fair when no weakly fair action instance is enabled in every state from
 * some point on while taken only finitely often. A `GF P` property is violated for a subject
 * iff a reachable fair cycle keeps P false in each of its states.
 */
export interface Liveness<S, A> {
  /** The weakly fair action instances, named as in a trace ("FtsProbe content=1"). */
  readonly fairInstances: readonly string[];
  /** The position of `a`'s instance in `fairInstances`, or -1 when `a` is not weakly fair. */
  fairInstanceOf(a: A): number;
  /** `GF P` properties in checking order. */
  readonly properties: readonly LivenessProperty<S>[];
}

/** `GF P` for each of a finite set of subjects (contents, txns): always eventually P. */
export interface LivenessProperty<S> {
  readonly name: string;
  readonly description: string;
  /** The subjects, as a trace names them ("content=0", "txn=1"). */
  readonly subjects: readonly string[];
  /** Whether P holds in `s` for subject number `subject` (its position in `subjects`). */
  holds(s: S, subject: number): boolean;
  /**
   * Why P stays false along `cycle` (the states of a fair cycle, the loop state first), in
   * the model's words: "content 0 never returns to mode s: ...".
   */
  explain(cycle: readonly S[], subject: number): string;
}

/** An injective binary encoding: equal bytes exactly for equal states (same as equal keys). */
export interface StateCodec<S> {
  /** The most bytes `encode` ever writes. */
  readonly maxBytes: number;
  /** Writes `s` at the start of `out` (at least `maxBytes` long); returns the byte count. */
  encode(s: S, out: Uint8Array): number;
  /** The state whose encoding starts at `bytes[start]`. */
  decode(bytes: Uint8Array, start: number): S;
}

/**
 * A symmetry group of the model, given by a canonical form: `canonicalEncode` writes (in the
 * codec's format) the encoding of one fixed member of the orbit of `s`, the same for every
 * member. Invariants and witnesses must be symmetric (the same verdict on every member of an
 * orbit), as with TLC's SYMMETRY; the checker then explores one state per orbit, and still
 * keeps concrete states in its queue so that every trace it prints is a concrete path.
 */
export interface Symmetry<S> {
  /** What is permuted, for reports: "permutations of the content ids". */
  readonly description: string;
  canonicalEncode(s: S, out: Uint8Array): number;
}

/**
 * Where a worker thread finds the model: `await (await import(module))[exportName](...args)`
 * must build a model that behaves exactly like this one. The factory may be async (it may
 * load more code first, such as a proposal module) and is awaited. `module` is a file URL of
 * compiled JavaScript; `args` must survive structured cloning (plain data).
 */
export interface ModelSource {
  readonly module: string;
  readonly exportName: string;
  readonly args: readonly unknown[];
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

/**
 * An error a model throws for bad user input rather than a defect (e.g. a proposal whose
 * rule threw): marked `userError: true`. A worker thread carries its name and one-line
 * message, not its stack, and the coordinator throws a `UserError` with them.
 */
export interface UserErrorLike extends Error {
  readonly userError: true;
}

export function isUserError(e: unknown): e is UserErrorLike {
  return e instanceof Error && (e as { userError?: unknown }).userError === true;
}

/** A model's user error, rethrown by the coordinator of a parallel search. */
export class UserError extends Error {
  readonly userError = true;
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
