/**
 * Properties of your own, checked beside the contract's (docs/protocol.md section 5) by
 * `runCheck` and `runSimulate` (their `properties`): a CI suite states what its deployment relies
 * on ("no commit is acknowledged while the mirror is down") and gets a counterexample when
 * the protocol allows it.
 */
import type { Invariant, Model } from "../checker/index.js";
import { ConfigError, type BoundAction, type Config, type State } from "../model/index.js";
import { SAFETY_PROPERTIES } from "../properties/index.js";

/** A safety property: checked in every state a search reaches, after the contract's own. */
export interface CustomProperty {
  /** Shown in reports and usable in trace files (`expect violated NAME` is checked by the library only). */
  readonly name: string;
  readonly description?: string;
  /** A message with concrete values when `state` violates the property; undefined when it holds. */
  check(state: State, config: Config): string | undefined;
}

/**
 * The model with `properties` added after the contract's invariants. The result has no
 * `source`: a worker thread could not rebuild the user's closures, so a parallel BFS falls back to one thread.
 */
export function withProperties(
  model: Model<State, BoundAction>,
  config: Config,
  properties: readonly CustomProperty[],
): Model<State, BoundAction> {
  if (properties.length === 0) return model;
  const taken = new Set(SAFETY_PROPERTIES.map((p) => p.name));
  for (const p of properties) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(p.name)) {
      throw new ConfigError(`property name "${p.name}" must be a word (letters, digits, _ or -)`);
    }
    if (taken.has(p.name)) throw new ConfigError(`property name "${p.name}" is already taken`);
    taken.add(p.name);
  }
  const extra: Invariant<State>[] = properties.map((p) => ({
    name: p.name,
    description: p.description ?? p.name,
    check: (s: State) => p.check(s, config),
  }));
  const { source: _source, ...rest } = model;
  void _source;
  return { ...rest, invariants: [...model.invariants, ...extra] };
}
