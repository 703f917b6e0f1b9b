/**
 * Random search: seeded random walks through any `Model<S, A>`, driven by fast-check so that
 * a failing walk shrinks to a short one and can be replayed from its seed and path.
 *
 * Encoding. A walk is the value fast-check generates: an array of at most `depth` choice
 * integers (plus, for models with several initial states, the index of the initial state).
 * Choice c at a state picks, among the enabled actions E, the one with the highest score
 * h(c, id(a)), where id(a) hashes the action's text (`formatAction`): rendezvous hashing.
 * Over random c every enabled action is equally likely, as with `E[c mod |E|]`; unlike the
 * modulo, the same c keeps picking the same action when the enabled set around it changes.
 * That is what makes fast-check's shrinking work on walks: when it deletes a step of the
 * array, the later choices still mostly pick the same actions, so the violation survives
 * and the walk gets shorter (with `E[c mod |E|]` a deletion reshuffles every later step).
 * Choices are generated without bias (fast-check's small-value bias would favour the first
 * actions). fast-check's array shrinker deletes runs of choices (which shortens the walk)
 * and shrinks single choices toward 0 (which swaps one action for another, and sometimes
 * lets a later deletion succeed). Measured on the eight violating canonical configurations,
 * 10 seeds each (80 failing walks): after fast-check's shrinking, rendezvous hashing with
 * choice shrinking left 430 steps in all, without choice shrinking 509; modulo selection 540
 * and 590. The replay minimiser (minimise.ts) then reaches BFS's shortest length in most
 * cases (67 of 80 in the measurements of issue 4, at most 3 steps more otherwise).
 *
 * Runs and seeds. Each run is one `fc.check` with `numRuns: 1` and its own fast-check seed:
 * run k of a search with base seed B is global run g = seedOffset + k * seedStride, with seed
 * `runSeedOf(B, g)` = P(P(B) + g), P a fixed bijection of 0..2^31-1. Distinct g give
 * distinct seeds, so shards that share B and take disjoint g (shard i of n: offset i-1,
 * stride n) search disjoint walks; and bases B, B+1 start far apart, so consecutive seeds
 * (a CI run number) are different searches, not shifted copies. A violation is reported
 * with its run's seed and fast-check's `counterexamplePath`; `replay: { seed, path }` runs
 * exactly that walk again (with the same depth).
 *
 * Walks. Each state of a walk (the initial one included) is checked against every invariant;
 * a walk stops at its first violating state, or when no action is enabled (a deadlock), or
 * after `depth` actions. During shrinking a candidate counts as failing only if its first
 * violating state violates the same property as the original walk.
 *
 * Coverage (per action family, witnesses, distinct states, and a model-specific `observer`)
 * is counted over the generated walks only, not over shrinking candidates.
 */
import * as fc from "fast-check";
import { actionIds, hash52 } from "./actionIds.js";
import { minimiseTrace, type MinimiseResult } from "./minimise.js";
import type { Model } from "./model.js";
import type { Trace, TraceStep, WitnessResult } from "./result.js";

/** Seeds are integers in 0 .. 2^31-1 (fast-check takes a 32-bit seed). */
export const SEED_MODULUS = 2 ** 31;

export interface WalkObserver<S, A> {
  /** Each state a generated walk visits, its initial state included. */
  state?(s: S): void;
  /** Each step a generated walk takes. */
  step?(before: S, action: A, after: S): void;
}

export interface RandomOptions<S, A> {
  /** Walks to run (default 10,000). */
  readonly runs?: number;
  /** At most this many actions per walk (default 100). Walk lengths are uniform in 0..depth. */
  readonly depth?: number;
  /** Base seed, 0 .. 2^31-1 (default: a random one, recorded in the result). */
  readonly seed?: number;
  /** Run k is global run seedOffset + k * seedStride (defaults 0 and 1; shard i of n: i-1 and n). */
  readonly seedOffset?: number;
  readonly seedStride?: number;
  /** Stop starting new walks after this many milliseconds (the output then depends on timing). */
  readonly timeLimitMs?: number;
  /**
   * Polled before each walk and each shrinking candidate: true stops the search at once (a
   * partial result, `incompleteKind` "interrupted"); a walk already failing is reported as
   * shrunk so far, not minimised.
   */
  readonly interrupted?: () => boolean;
  /** Replay one walk: a violation's run seed and fast-check path (`runs`, `seed` are then ignored). */
  readonly replay?: { readonly seed: number; readonly path: string };
  /** Shrink a failing walk with fast-check (default true). */
  readonly shrink?: boolean;
  /** Then minimise the shrunk trace by replay (`minimiseTrace`, default true). */
  readonly minimise?: boolean;
  /** For the minimiser: fault actions are removed first and replaced when possible. */
  readonly isFault?: (a: A) => boolean;
  /** Count distinct states visited (by a 52-bit hash of `key`; default true). */
  readonly countDistinct?: boolean;
  readonly observer?: WalkObserver<S, A>;
  /** Called about every `progressIntervalMs` (default 3000). */
  readonly onProgress?: (p: RandomProgress) => void;
  readonly progressIntervalMs?: number;
}

export interface RandomProgress {
  readonly runs: number;
  readonly steps: number;
  readonly elapsedMs: number;
  readonly stepsPerSecond: number;
}

export interface RandomViolation<S, A> {
  readonly property: string;
  readonly kind: "invariant";
  readonly message: string;
  /** Actions in `trace`: the final counterexample (shrunk, then minimised when asked). */
  readonly length: number;
  readonly trace: Trace<S, A>;
  /** The run (0-based) whose walk failed, and its fast-check seed. */
  readonly run: number;
  readonly runSeed: number;
  /** fast-check's counterexample path: `replay: { seed: runSeed, path }` with the same depth replays the shrunk walk. */
  readonly path: string;
  /** Successful shrink steps fast-check took. */
  readonly numShrinks: number;
  /** Actions up to the first violation on the walk as generated. */
  readonly walkLength: number;
  /** Actions in the walk after fast-check's shrinking. */
  readonly shrunkLength: number;
  /** Actions after minimisation by replay (equals `shrunkLength` when not minimised). */
  readonly minimisedLength: number;
  /** Fault actions in `trace` (with `isFault`), and in the shrunk walk before minimisation. */
  readonly faults: number;
  readonly shrunkFaults: number;
  /** Milliseconds spent shrinking and minimising, after the walk was found (timing: varies between runs). */
  readonly shrinkMs: number;
}

export interface RandomResult<S, A> {
  readonly verdict: "pass" | "violation";
  /** The base seed (for a replay: the replayed run's seed). */
  readonly seed: number;
  readonly seedOffset: number;
  readonly seedStride: number;
  readonly depth: number;
  /** Runs asked for, and walks actually run (fewer after a violation or the time limit). */
  readonly runsRequested: number;
  readonly runs: number;
  /** Actions taken by the generated walks (shrinking not counted). */
  readonly steps: number;
  /** Walks that ended because no action was enabled. */
  readonly deadlocks: number;
  /** Distinct states visited (52-bit hashes: a collision would undercount by one); null if not counted. */
  readonly distinctStates: number | null;
  /** Steps per action family, every family listed. */
  readonly actions: Readonly<Record<string, number>>;
  /** Witnesses: reached on some walk, with the shortest walk prefix that reached it. */
  readonly witnesses: readonly WitnessResult[];
  /** The time limit or `interrupted()` stopped the search before `runsRequested` (or its shrinking). */
  readonly interrupted: boolean;
  /** What stopped it early, or null. */
  readonly incompleteKind: "time-limit" | "interrupted" | null;
  /** The same as a sentence ("time limit of 10 s reached after 812 of 10000 runs", "interrupted ..."), or null. */
  readonly incompleteReason: string | null;
  /** Whether a failing walk was shrunk by fast-check, then minimised by replay. */
  readonly shrink: boolean;
  readonly minimise: boolean;
  readonly violation: RandomViolation<S, A> | null;
  readonly elapsedMs: number;
}

/** Defaults: 10,000 walks of at most 100 actions (a few seconds on `default`). */
export const RANDOM_DEFAULTS = { runs: 10_000, depth: 100 } as const;
/** Choices range over 0 .. 2^16-1: plenty for rendezvous hashing among a few dozen actions. */
const CHOICE_MAX = 0xffff;

/** A random base seed, for runs that were not given one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * SEED_MODULUS);
}

const MASK31 = 0x7fffffff;

/** A bijection of 0..2^31-1 that scatters neighbours (odd multipliers and xor-shifts, mod 2^31). */
function scramble(x: number): number {
  let h = x & MASK31;
  h = Math.imul(h, 0x2c1b3c6d) & MASK31;
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39) & MASK31;
  h ^= h >>> 15;
  h = Math.imul(h, 0x5bd1e995) & MASK31;
  h ^= h >>> 13;
  return h;
}

/** Where the runs of base seed B start: global run g has seed scramble(seedCursor(B) + g). */
export function seedCursor(base: number): number {
  return scramble(base);
}

/** The fast-check seed of global run g of a search with base seed `base`. */
export function runSeedOf(base: number, g: number): number {
  return scramble((seedCursor(base) + (g % SEED_MODULUS)) % SEED_MODULUS);
}

function positiveInt(name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

/** murmur3's 32-bit finaliser over (choice, action hash): the rendezvous score. */
function score(choice: number, id: number): number {
  let h = (Math.imul(choice + 1, 0x9e3779b1) ^ id) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

interface WalkOutcome<S, A> {
  readonly steps: TraceStep<S, A>[];
  /** Invariants violated at the last state (empty: none). */
  readonly violated: readonly { readonly name: string; readonly message: string }[];
  readonly deadlock: boolean;
}

/** Runs `random` walks through `model` and reports the first violation, shrunk. */
export function randomSearch<S, A>(model: Model<S, A>, options: RandomOptions<S, A> = {}): RandomResult<S, A> {
  const runsRequested = options.replay !== undefined ? 1 : positiveInt("runs", options.runs ?? RANDOM_DEFAULTS.runs);
  const depth = positiveInt("depth", options.depth ?? RANDOM_DEFAULTS.depth);
  const seedStride = positiveInt("seedStride", options.seedStride ?? 1);
  const seedOffset = options.seedOffset ?? 0;
  if (!Number.isSafeInteger(seedOffset) || seedOffset < 0) throw new RangeError(`seedOffset must be a natural number, got ${seedOffset}`);
  const replay = options.replay;
  const seed = replay?.seed ?? options.seed ?? randomSeed();
  if (!Number.isSafeInteger(seed) || seed < 0 || seed >= SEED_MODULUS) {
    throw new RangeError(`seed must be an integer in 0..${SEED_MODULUS - 1}, got ${seed}`);
  }
  if (options.timeLimitMs !== undefined && !(options.timeLimitMs > 0)) {
    throw new RangeError(`timeLimitMs must be positive, got ${options.timeLimitMs}`);
  }
  if (replay !== undefined && !/^\d+(:\d+)*$/.test(replay.path)) {
    throw new RangeError(`path must look like 0:1:4 (fast-check's counterexample path), got "${replay.path}"`);
  }
  const shrink = options.shrink ?? true;
  const minimise = options.minimise ?? true;
  const countDistinct = options.countDistinct ?? true;
  const observer = options.observer;
  const ids = actionIds(model);
  const inits = model.initialStates();
  if (inits.length === 0) throw new RangeError("the model has no initial state");

  const start = performance.now();
  const actions: Record<string, number> = Object.fromEntries(model.actionNames.map((n) => [n, 0]));
  const witnessDepth: (number | null)[] = model.witnesses.map(() => null);
  const distinct = new Set<number>();
  let steps = 0;
  let deadlocks = 0;

  const pick = (enabled: readonly A[], choice: number): A => {
    let best = enabled[0];
    let bestScore = -1;
    for (const a of enabled) {
      const sc = score(choice, ids.hash(a));
      if (sc > bestScore) {
        bestScore = sc;
        best = a;
      }
    }
    return best;
  };

  const violationsAt = (s: S): { name: string; message: string }[] => {
    const out: { name: string; message: string }[] = [];
    for (const p of model.invariants) {
      const m = p.check(s);
      if (m !== undefined) out.push({ name: p.name, message: m });
    }
    return out;
  };

  /** One walk; `observe` counts coverage (generated walks only). */
  const walk = (initChoice: number, choices: readonly number[], observe: boolean): WalkOutcome<S, A> => {
    let s = inits[initChoice % inits.length];
    const path: TraceStep<S, A>[] = [{ action: null, state: s }];
    const after = model.witnesses.map(() => false);
    const visit = (state: S, k: number): void => {
      if (!observe) return;
      observer?.state?.(state);
      if (countDistinct) distinct.add(hash52(model.key(state)));
      model.witnesses.forEach((w, i) => {
        if (w.after !== undefined && w.after(state)) after[i] = true;
        if ((w.after === undefined || after[i]) && w.holds(state)) {
          const d = witnessDepth[i];
          if (d === null || k < d) witnessDepth[i] = k;
        }
      });
    };
    visit(s, 0);
    let violated = violationsAt(s);
    for (let i = 0; i < choices.length && violated.length === 0; i++) {
      const enabled = model.actions(s);
      if (enabled.length === 0) {
        if (observe) deadlocks++;
        return { steps: path, violated, deadlock: true };
      }
      const a = pick(enabled, choices[i]);
      const t = model.next(s, a);
      if (observe) {
        steps++;
        const name = model.actionName(a);
        actions[name] = (actions[name] ?? 0) + 1;
        observer?.step?.(s, a, t);
      }
      path.push({ action: a, state: t });
      s = t;
      visit(s, i + 1);
      violated = violationsAt(s);
    }
    return { steps: path, violated, deadlock: false };
  };

  const arbitrary = fc.noBias(
    fc.tuple(
      inits.length > 1 ? fc.nat({ max: inits.length - 1 }) : fc.constant(0),
      fc.array(fc.nat({ max: CHOICE_MAX }), { maxLength: depth, size: "max" }),
    ),
  );

  let runs = 0;
  let incompleteKind: "time-limit" | "interrupted" | null = null;
  const isInterrupted = options.interrupted ?? ((): boolean => false);
  if (options.interrupted !== undefined && typeof options.interrupted !== "function") {
    throw new RangeError(`interrupted must be a function, got ${typeof options.interrupted}`);
  }
  let violation: RandomViolation<S, A> | null = null;
  let lastProgress = start;
  const interval = options.progressIntervalMs ?? 3000;
  for (let k = 0; k < runsRequested; k++) {
    const now = performance.now();
    if (options.timeLimitMs !== undefined && now - start >= options.timeLimitMs) {
      incompleteKind = "time-limit";
      break;
    }
    if (isInterrupted()) {
      incompleteKind = "interrupted";
      break;
    }
    if (options.onProgress !== undefined && now - lastProgress >= interval) {
      lastProgress = now;
      const elapsedMs = now - start;
      options.onProgress({ runs, steps, elapsedMs, stepsPerSecond: elapsedMs > 0 ? (steps * 1000) / elapsedMs : 0 });
    }
    const runSeed = replay !== undefined ? replay.seed : runSeedOf(seed, seedOffset + k * seedStride);
    let target: string | null = null;
    let walkLength = 0;
    let first = true;
    let crash: { error: unknown } | null = null;
    let foundAt = 0;
    const property = fc.property(arbitrary, ([initChoice, choices]) => {
      if (crash !== null || incompleteKind !== null) return true;
      // While shrinking: a candidate that "passes" ends fast-check's shrinking at once.
      if (target !== null && isInterrupted()) {
        incompleteKind = "interrupted";
        return true;
      }
      try {
        const out = walk(initChoice, choices, first);
        first = false;
        if (out.violated.length === 0) return true;
        if (target === null) {
          target = out.violated[0].name;
          walkLength = out.steps.length - 1;
          foundAt = performance.now();
          return false;
        }
        const t = target;
        return !out.violated.some((v) => v.name === t);
      } catch (e) {
        // A defect in the model, not a counterexample: stop, and rethrow below.
        crash = { error: e };
        return true;
      }
    });
    const details = fc.check(property, {
      seed: runSeed,
      numRuns: 1,
      ...(replay !== undefined ? { path: replay.path } : {}),
      endOnFailure: !shrink || replay !== undefined,
    });
    runs++;
    if (crash !== null) throw (crash as { error: unknown }).error;
    if (!details.failed || details.counterexample === null || target === null) continue;
    const t: string = target;
    const [initChoice, choices] = details.counterexample[0];
    const out = walk(initChoice, choices, false);
    const found = out.violated.find((v) => v.name === t);
    if (found === undefined) throw new Error(`random search: the shrunk walk no longer violates ${t}`);
    const isFault = options.isFault ?? ((): boolean => false);
    const faultsIn = (tr: Trace<S, A>): number =>
      tr.reduce((n, st) => n + (st.action !== null && isFault(st.action) ? 1 : 0), 0);
    const shrunkLength = out.steps.length - 1;
    let final: { trace: Trace<S, A>; message: string } = { trace: out.steps, message: found.message };
    if (minimise && incompleteKind === null) {
      const m: MinimiseResult<S, A> = minimiseTrace(model, out.steps, t, {
        isFault,
        poll: () => {
          if (isInterrupted()) incompleteKind = "interrupted";
          return incompleteKind !== null;
        },
      });
      final = { trace: m.trace, message: m.message };
    }
    violation = {
      property: t,
      kind: "invariant",
      message: final.message,
      length: final.trace.length - 1,
      trace: final.trace,
      run: k,
      runSeed,
      path: details.counterexamplePath ?? "0",
      numShrinks: details.numShrinks,
      walkLength,
      shrunkLength,
      minimisedLength: final.trace.length - 1,
      faults: faultsIn(final.trace),
      shrunkFaults: faultsIn(out.steps),
      shrinkMs: performance.now() - foundAt,
    };
    break;
  }
  return {
    verdict: violation === null ? "pass" : "violation",
    seed,
    seedOffset,
    seedStride,
    depth,
    runsRequested,
    runs,
    steps,
    deadlocks,
    distinctStates: countDistinct ? distinct.size : null,
    actions,
    witnesses: model.witnesses.map((w, i) => ({
      name: w.name,
      required: w.required,
      reached: witnessDepth[i] !== null,
      depth: witnessDepth[i],
    })),
    interrupted: incompleteKind !== null,
    incompleteKind,
    incompleteReason:
      incompleteKind === null
        ? null
        : `${incompleteKind === "interrupted" ? "interrupted" : `time limit of ${options.timeLimitMs ?? 0} ms reached`} after ${runs} of ${runsRequested} runs${violation !== null ? " (the counterexample is shrunk as far as it got)" : ""}`,
    shrink,
    minimise,
    violation,
    elapsedMs: performance.now() - start,
  };
}
