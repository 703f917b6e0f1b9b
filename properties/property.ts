/**
 * Properties as data (docs/protocol.md section 5): a name, a kind, a description and a check.
 * Safety properties (`always`) name the absence of a bad situation and return a message with
 * concrete values when a state shows it. Witnesses (`sometimes`) name a state that must be
 * reachable, or a green run proves nothing.
 */
import type { Config, State } from "../model/index.js";

export interface SafetyProperty {
  readonly name: string;
  readonly kind: "always";
  readonly description: string;
  /** Whether the property is part of the contract for this configuration. */
  appliesTo(cfg: Config): boolean;
  /** A message naming contents, dbids, txns and values when violated; undefined when it holds. */
  check(cfg: Config, s: State): string | undefined;
}

export interface Witness {
  readonly name: string;
  readonly kind: "sometimes";
  readonly description: string;
  /**
   * Whether the witness must be reached in this configuration (a run that does not reach it
   * fails). False where the configuration makes it impossible, e.g. fewer faults than it needs.
   */
  expectedIn(cfg: Config): boolean;
  holds(cfg: Config, s: State): boolean;
  /** Path condition: reached only after a state satisfying this was on the path. */
  after?(cfg: Config, s: State): boolean;
}

/**
 * A liveness property `GF P` (docs/protocol.md section 5), one per subject: for every content (or
 * txn), always eventually P. Checked under weak fairness over the whole reachable graph.
 */
export interface LivenessProperty {
  readonly name: string;
  readonly kind: "eventually";
  readonly description: string;
  /** What a subject is, and how many: contents or txns. */
  readonly subject: "content" | "txn";
  /** The subject numbers of this configuration: content ids 0..K-1, or txn ids 1..W. */
  subjects(cfg: Config): readonly number[];
  /** Whether P holds in `s` for the subject (a content id or a txn id). */
  holds(cfg: Config, s: State, subject: number): boolean;
  /** Why P stays false along a fair cycle (its states, the loop state first), in Greenplum's words. */
  explain(cfg: Config, cycle: readonly State[], subject: number): string;
}

export type Property = SafetyProperty | Witness | LivenessProperty;
