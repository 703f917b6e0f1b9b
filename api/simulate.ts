/**
 * `runSimulate`: random search of a configuration, canonical or custom, however large: seeded
 * random walks (checker/random.ts) with every safety property checked at every step, a
 * failing walk shrunk by fast-check and minimised by replay, and coverage per action family
 * and per Greenplum situation. What the CLI's `simulate` calls, and what a test suite calls
 * directly. The same request with the same seed gives the same report (timings aside).
 */
import {
  randomSearch,
  RANDOM_DEFAULTS,
  randomSeed,
  seedCursor,
  SEED_MODULUS,
  type RandomProgress,
  type RandomResult,
} from "../checker/index.js";
import { canonicalConfig, DEFAULT_CONFIG_NAME, type CanonicalConfig } from "../configs/index.js";
import {
  resolveConfig,
  SituationCounter,
  type BoundAction,
  type Config,
  type VariantRef,
  type Situation,
  type State,
} from "../model/index.js";
import { configInput, type ConfigOverrides } from "./check.js";
import { isFaultAction, situationObserver } from "./coverage.js";
import { greenplumModel } from "./greenplumModel.js";
import { withProperties, type CustomProperty } from "./properties.js";

/** Shard `index` of `count`, 1-based (1/4 .. 4/4), as CI matrices and `--shard` number them. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface SimulateOptions {
  /** Walks to run (default 10,000). */
  readonly runs?: number;
  /** At most this many actions per walk (default 100); a shard varies it (`shardDepth`). */
  readonly depth?: number;
  /** Base seed, 0 .. 2^31-1 (default: random, recorded in the report). Needed with `shard`. */
  readonly seed?: number;
  /** Stop starting walks after this many milliseconds (the report then depends on timing). */
  readonly timeLimitMs?: number;
  /**
   * Polled before each walk and while a failing walk is shrunk: true stops the search at once,
   * with a partial result (`result.incompleteKind` "interrupted"), e.g. after a SIGINT.
   */
  readonly interrupted?: () => boolean;
  /** Run only this shard's part: disjoint runs (global runs index-1, index-1+count, ...) and its depth. */
  readonly shard?: Shard;
  /** Replay one walk: a violation's run seed and fast-check path, as reported (same depth). */
  readonly replay?: { readonly seed: number; readonly path: string };
  /** Shrink a failing walk with fast-check (default true). */
  readonly shrink?: boolean;
  /** Then minimise it by replay (default true). */
  readonly minimise?: boolean;
  readonly onProgress?: (p: RandomProgress) => void;
  readonly progressIntervalMs?: number;
}

export interface SimulateRequest {
  /** A canonical configuration name (default: "default"). */
  readonly config?: string;
  readonly overrides?: ConfigOverrides;
  readonly options?: SimulateOptions;
  /** Properties of your own, checked at every step after the contract's. */
  readonly properties?: readonly CustomProperty[];
  /** A proposal that changes the rules (docs/variants.md): what `loadVariant(path)` returned. */
  readonly variant?: VariantRef | null;
}

/**
 * The runs a search made: run k is global run `offset + k * stride` of base seed `base`, whose
 * fast-check seed is a bijection of `start + k * stride` (mod 2^31), start = seedCursor(base)
 * + offset. Two searches ran the same walk only if these progressions meet.
 */
export interface SeedRange {
  readonly base: number;
  readonly offset: number;
  readonly stride: number;
  readonly start: number;
}

export interface SimulateReport {
  /** The canonical name, with "+" when overrides changed it ("default+"). */
  readonly name: string;
  readonly canonical: CanonicalConfig | null;
  readonly config: Config;
  readonly shard: Shard | null;
  readonly seeds: SeedRange;
  /** The walk replayed, when the request was a replay. */
  readonly replay: { readonly seed: number; readonly path: string } | null;
  /** The depth bound used (a shard's varied depth). */
  readonly depth: number;
  readonly timeLimitMs: number | null;
  readonly result: RandomResult<State, BoundAction>;
  /** Situation counts over the generated walks: visited states, or steps for "rewound WAL". */
  readonly situations: Readonly<Record<Situation, number>>;
  /** For a canonical configuration: the shortest counterexample BFS finds for the property violated. */
  readonly bfsShortest: number | null;
  /** For a canonical configuration: whether the search agrees with its expected outcome. */
  readonly expectation: { readonly matches: boolean; readonly differences: readonly string[] } | null;
}

/** Depth factors of shards 1, 2, 3, ...: each shard searches other walk lengths too. */
const SHARD_DEPTH_FACTORS = [1, 2, 0.5, 1.5, 3, 0.75] as const;

/** The depth bound of shard `index` (1-based) for a base depth: factors 1, 2, ½, 1½, 3, ¾, then again. */
export function shardDepth(depth: number, index: number): number {
  return Math.max(1, Math.round(depth * SHARD_DEPTH_FACTORS[(index - 1) % SHARD_DEPTH_FACTORS.length]));
}

/** Parses "i/n" (1 ≤ i ≤ n); a RangeError names the problem. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new RangeError(`--shard must be i/n (e.g. 2/8), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new RangeError(`--shard i/n needs 1 ≤ i ≤ n (shards are numbered from 1), got "${text}"`);
  }
  return { index, count };
}

function hasOverrides(o: ConfigOverrides): boolean {
  return Object.values(o).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
}

export function runSimulate(request: SimulateRequest = {}): SimulateReport {
  const name = request.config ?? DEFAULT_CONFIG_NAME;
  const overrides = request.overrides ?? {};
  const o = request.options ?? {};
  const custom = hasOverrides(overrides);
  const canonical = custom ? null : canonicalConfig(name);
  const variant = request.variant ?? null;
  const config = resolveConfig(configInput(name, overrides, variant));
  const shard = o.shard ?? null;
  if (shard !== null) {
    const { index, count } = shard;
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 1 || index > count) {
      throw new RangeError(`shard must have 1 ≤ index ≤ count, got ${shard.index}/${shard.count}`);
    }
    if (o.seed === undefined) {
      throw new RangeError("a shard needs a seed: every shard must share the base seed (CLI: --seed $GITHUB_RUN_ID)");
    }
  }
  const replay = o.replay ?? null;
  const base = replay?.seed ?? o.seed ?? randomSeed();
  if (!Number.isSafeInteger(base) || base < 0 || base >= SEED_MODULUS) {
    throw new RangeError(`seed must be an integer in 0..${SEED_MODULUS - 1}, got ${base}`);
  }
  const baseDepth = o.depth ?? RANDOM_DEFAULTS.depth;
  if (!Number.isSafeInteger(baseDepth) || baseDepth < 1) throw new RangeError(`depth must be a positive integer, got ${baseDepth}`);
  const depth = shard === null ? baseDepth : shardDepth(baseDepth, shard.index);
  const offset = shard === null ? 0 : shard.index - 1;
  const stride = shard === null ? 1 : shard.count;

  const counter = new SituationCounter();
  const model = withProperties(greenplumModel(config), config, request.properties ?? []);
  const result = randomSearch(model, {
    runs: o.runs,
    depth,
    seed: base,
    seedOffset: offset,
    seedStride: stride,
    timeLimitMs: o.timeLimitMs,
    ...(o.interrupted === undefined ? {} : { interrupted: o.interrupted }),
    ...(replay === null ? {} : { replay }),
    shrink: o.shrink,
    minimise: o.minimise,
    isFault: isFaultAction,
    observer: situationObserver(counter),
    onProgress: o.onProgress,
    progressIntervalMs: o.progressIntervalMs,
  });

  const v = result.violation;
  // The canonical figure is the built-in rules': a proposal's counterexamples are not compared with it.
  const bfsShortest = canonical !== null && variant === null && v !== null ? (canonical.expected.violations[v.property] ?? null) : null;
  let expectation: SimulateReport["expectation"] = null;
  // An interrupted search is partial by the user's choice: there is nothing to compare.
  if (canonical !== null && variant === null && replay === null && result.incompleteKind !== "interrupted") {
    const differences: string[] = [];
    const exp = canonical.expected;
    // Walks check safety only: a configuration that breaks only liveness is a safety pass.
    const safetyResult = Object.keys(exp.violations).length > 0 ? "violation" : "pass";
    if (safetyResult === "pass" && v !== null) differences.push(`result: expected pass, got a violation of ${v.property}`);
    if (safetyResult === "violation" && v === null) {
      differences.push(`result: expected a violation (${Object.keys(exp.violations).join(", ")}), none found in ${result.runs} runs`);
    }
    if (safetyResult === "violation" && v !== null && exp.violations[v.property] === undefined) {
      differences.push(`violated property: expected one of ${Object.keys(exp.violations).join(", ")}, got ${v.property}`);
    }
    expectation = { matches: differences.length === 0, differences };
  }
  return {
    name: custom ? `${name}+` : name,
    canonical,
    config,
    shard,
    seeds: { base, offset, stride, start: (seedCursor(base) + offset) % SEED_MODULUS },
    replay,
    depth,
    timeLimitMs: o.timeLimitMs ?? null,
    result,
    situations: counter.counts(),
    bfsShortest,
    expectation,
  };
}
