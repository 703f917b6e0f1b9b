/**
 * `runCheck`: check a configuration, canonical or custom, and say whether the outcome is the
 * one the canonical configuration carries. What the CLI's `check` calls, and what a test
 * suite calls directly.
 */
import { check, type CheckOptions, type CheckResult, type MinimiseResult } from "../checker/index.js";
import { canonicalConfig, DEFAULT_CONFIG_NAME, type CanonicalConfig } from "../configs/index.js";
import {
  ConfigError,
  resolveConfig,
  symmetryRefusal,
  type BoundAction,
  type Config,
  type ConfigInput,
  type HostsParam,
  type Mirroring,
  type PlacementKind,
  type Safeguard,
  type State,
  type SyncRepReload,
  type VariantRef,
  SituationCounter,
  type Situation,
} from "../model/index.js";
import { compareWithExpected, type ExpectationCheck } from "./expectation.js";
import { minimiseWithinLimits, withSituationCounts } from "./coverage.js";
import { greenplumModel } from "./greenplumModel.js";
import { withProperties, type CustomProperty } from "./properties.js";

/** Changes to a named configuration; each field given replaces the configuration's. */
export interface ConfigOverrides {
  readonly contents?: number;
  readonly txns?: number;
  readonly faults?: number;
  readonly mirroring?: Mirroring;
  readonly hosts?: number;
  readonly placement?: PlacementKind;
  readonly syncRepReload?: SyncRepReload;
  /** Safeguards switched off in addition to the configuration's own. */
  readonly off?: readonly Safeguard[];
}

export interface CheckRequest {
  /** A canonical configuration name (default: "default"). */
  readonly config?: string;
  readonly overrides?: ConfigOverrides;
  /**
   * Search options. `workers` defaults to 1 here (the CLI defaults it to the number of
   * cores); more need the compiled JavaScript in dist/ and change nothing in the result.
   * `symmetry` counts orbits under permutations of the content ids and is refused with hosts.
   */
  readonly options?: CheckOptions;
  /**
   * Count Greenplum situations (catalog pair states, double fault, zombie primary, rewound
   * WAL) over the distinct states and transitions of the check. It observes every state
   * in this thread, so the search runs on one worker.
   */
  readonly coverage?: boolean;
  /** Properties of your own, checked in every state after the contract's (not with symmetry). */
  readonly properties?: readonly CustomProperty[];
  /**
   * A proposal that changes the rules (docs/variants.md): what `loadVariant(path)` returned.
   * The run is then not compared with the canonical configuration's expected outcome.
   */
  readonly variant?: VariantRef | null;
}

export interface CheckReport {
  /** The canonical name, with "+" when overrides changed it ("default+"). */
  readonly name: string;
  /** The canonical configuration, when it was checked exactly as named. */
  readonly canonical: CanonicalConfig | null;
  readonly config: Config;
  readonly options: CheckOptions;
  readonly result: CheckResult<State, BoundAction>;
  /** Comparison with the canonical expected outcome (null for custom or bounded runs, or with custom properties). */
  readonly expectation: ExpectationCheck | null;
  /**
   * Why a configuration checked as named was not compared with its expected outcome: custom
   * properties can add violations (and stop the search earlier) that the outcome cannot know.
   * Null otherwise; reports print it so that a missing "As expected" line is not a surprise.
   */
  readonly notCompared: string | null;
  /** The proposal the run checked (`request.variant`), or null for the built-in rules. */
  readonly variant: VariantRef | null;
  /** The custom properties checked (`request.properties`), so that reports can describe their violations. */
  readonly properties: readonly CustomProperty[];
  /**
   * Stage two of every invariant violation, in the order of `result.violations`: the trace
   * minimised by replay (fewer steps, then fewer faults) beside the BFS shortest length. Shorter
   * when the run's limits left some out (named in `result.skipped`).
   */
  readonly minimised: readonly MinimiseResult<State, BoundAction>[];
  /** Situation counts, when `coverage` was asked for. */
  readonly situations: Readonly<Record<Situation, number>> | null;
}

function hasOverrides(o: ConfigOverrides): boolean {
  return Object.values(o).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
}

/** The configuration input for a name plus overrides, and the proposal that changes its rules if any. */
export function configInput(name: string, o: ConfigOverrides, variant: VariantRef | null = null): ConfigInput {
  const base = canonicalConfig(name).input;
  if (o.placement !== undefined && o.hosts === undefined && !base.hosts) {
    throw new ConfigError("--placement needs --hosts");
  }
  let hosts: HostsParam | null = base.hosts ?? null;
  if (o.hosts !== undefined) hosts = { count: o.hosts, placement: o.placement ?? hosts?.placement ?? "group" };
  else if (o.placement !== undefined && hosts !== null) hosts = { ...hosts, placement: o.placement };
  return {
    contents: o.contents ?? base.contents,
    txns: o.txns ?? base.txns,
    faults: o.faults ?? base.faults,
    mirroring: o.mirroring ?? base.mirroring,
    hosts,
    syncRepReload: o.syncRepReload ?? base.syncRepReload,
    off: [...new Set([...(base.off ?? []), ...(o.off ?? [])])],
    ...(variant === null ? {} : { variant }),
  };
}

/** Why a canonical configuration's run is not compared with its expected outcome, or null. */
export function notComparedReason(name: string, variant: VariantRef | null, properties: readonly { readonly name: string }[]): string | null {
  if (variant !== null) {
    return `Not compared with the expected outcome of "${name}": proposal ${variant.name} (${variant.file}) changes the rules.`;
  }
  if (properties.length > 0) {
    return `Not compared with the expected outcome of "${name}": custom properties (${properties.map((p) => p.name).join(", ")}) were checked too.`;
  }
  return null;
}

export function runCheck(request: CheckRequest = {}): CheckReport {
  const name = request.config ?? DEFAULT_CONFIG_NAME;
  const overrides = request.overrides ?? {};
  const options = request.options ?? {};
  const custom = hasOverrides(overrides);
  const canonical = custom ? null : canonicalConfig(name);
  const variant = request.variant ?? null;
  const config = resolveConfig(configInput(name, overrides, variant));
  if (options.symmetry === true) {
    const refusal = symmetryRefusal(config);
    if (refusal !== null) throw new ConfigError(refusal);
  }
  const properties = request.properties ?? [];
  if (properties.length > 0 && options.symmetry === true) {
    // A custom property need not be symmetric under permutations of the contents.
    throw new ConfigError("symmetry reduction is not available with custom properties");
  }
  const model = withProperties(greenplumModel(config), config, properties);
  const counter = request.coverage === true ? new SituationCounter() : null;
  // The limits (time, memory, interruption) bound minimisation too, timed from here.
  const startedAt = performance.now();
  const checked = check(counter === null ? model : withSituationCounts(model, counter), options);
  const { minimised, skipped } = minimiseWithinLimits(model, checked, options, startedAt);
  const result = skipped.length === 0 ? checked : { ...checked, skipped: [...checked.skipped, ...skipped] };
  // Symmetry counts orbits, not the states the expected outcome counts.
  const bounded =
    options.maxStates !== undefined ||
    options.maxDepth !== undefined ||
    options.strategy === "dfs" ||
    options.symmetry === true;
  const withCustom = properties.length > 0 || variant !== null;
  // A run the time or memory limit or an interruption cut short has nothing to compare.
  const cutShort = result.incompleteKind !== null;
  const expectation =
    canonical === null || bounded || withCustom || cutShort
      ? null
      : compareWithExpected(result, canonical.expected, options.all === true);
  const notCompared = canonical !== null && !bounded && withCustom ? notComparedReason(name, variant, properties) : null;
  return {
    name: custom ? `${name}+` : name,
    canonical,
    config,
    options,
    result,
    expectation,
    notCompared,
    variant,
    properties,
    minimised,
    situations: counter === null ? null : counter.counts(),
  };
}
