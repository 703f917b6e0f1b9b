/**
 * Properties of your own, checked beside the contract's (PROTOCOL.md section 5) by
 * `runCheckWithProperties` and `runSimulate`: a CI suite states what its deployment relies
 * on ("no commit is acknowledged while the mirror is down") and gets a counterexample when
 * the protocol allows it.
 */
import type { Invariant, Model } from "../checker/index.js";
import { check } from "../checker/index.js";
import { canonicalConfig, DEFAULT_CONFIG_NAME } from "../configs/index.js";
import { ConfigError, resolveConfig, symmetryRefusal, type BoundAction, type Config, type State } from "../model/index.js";
import { SAFETY_PROPERTIES } from "../properties/index.js";
import { configInput, runCheck, type CheckReport, type CheckRequest } from "./check.js";
import { compareWithExpected } from "./expectation.js";
import { greenplumModel } from "./greenplumModel.js";

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

export interface CheckWithPropertiesRequest extends CheckRequest {
  readonly properties?: readonly CustomProperty[];
}

/**
 * `runCheck` with properties of your own: the exhaustive check of a configuration, where a
 * violation of a custom property is reported (and compared with the canonical expectation)
 * like any other. Without `properties` it is `runCheck`.
 */
export function runCheckWithProperties(request: CheckWithPropertiesRequest = {}): CheckReport {
  const properties = request.properties ?? [];
  if (properties.length === 0) return runCheck(request);
  const name = request.config ?? DEFAULT_CONFIG_NAME;
  const overrides = request.overrides ?? {};
  const options = request.options ?? {};
  const custom = Object.values(overrides).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  const canonical = custom ? null : canonicalConfig(name);
  const config = resolveConfig(configInput(name, overrides));
  if (options.symmetry === true) {
    // A custom property need not be symmetric under permutations of the contents.
    const refusal = symmetryRefusal(config) ?? "symmetry reduction is not available with custom properties";
    throw new ConfigError(refusal);
  }
  const result = check(withProperties(greenplumModel(config), config, properties), options);
  const bounded = options.maxStates !== undefined || options.maxDepth !== undefined || options.strategy === "dfs";
  const expectation =
    canonical === null || bounded ? null : compareWithExpected(result, canonical.expected, options.all === true);
  return { name: custom ? `${name}+` : name, canonical, config, options, result, expectation };
}
