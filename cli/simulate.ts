/** `mirrorcheck simulate`: seeded random walks over a configuration of any size. */
import { writeFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { parseShard, runSimulate } from "../api/index.js";
import { RANDOM_DEFAULTS, SEED_MODULUS, type RandomProgress } from "../checker/index.js";
import { num, simulateJson, simulateText, timingLine, traceFileText } from "../report/index.js";
import { addConfigOptions, overridesFrom, type ConfigFlags } from "./configOptions.js";
import { UsageError } from "./errors.js";
import { EXIT } from "./exitCodes.js";
import { writeOutput } from "./files.js";
import { positiveInteger } from "./parse.js";

interface SimulateFlags extends ConfigFlags {
  runs: number;
  depth: number;
  seed?: number;
  timeLimit?: number;
  shard?: string;
  path?: string;
  trace?: string;
  shrink: boolean;
  json?: boolean;
  timing?: boolean;
  progress: boolean;
}

function seed(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected an integer 0..${SEED_MODULUS - 1}, got "${value}"`);
  const n = Number(value);
  if (n >= SEED_MODULUS) throw new InvalidArgumentError(`expected an integer 0..${SEED_MODULUS - 1}, got "${value}"`);
  return n;
}

/** Seconds, possibly with a unit: 90, 1.5, 30s, 10m, 1h. */
function duration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/.exec(value);
  const n = m === null ? NaN : Number(m[1]) * (m[2] === "h" ? 3600 : m[2] === "m" ? 60 : 1);
  if (!(n > 0)) throw new InvalidArgumentError(`expected a positive duration (90, 1.5, 30s, 10m, 1h), got "${value}"`);
  return n;
}

function progressLine(p: RandomProgress): string {
  return `progress: ${num(p.runs)} walks, ${num(p.steps)} steps, ${num(Math.round(p.stepsPerSecond))} steps/s, ${(p.elapsedMs / 1000).toFixed(0)} s`;
}

export function simulateCommand(setExit: (code: number) => void): Command {
  const cmd = new Command("simulate").description(
    "random walks (seeded, shrinking) over a configuration of any size, every safety property checked at every step",
  );
  return addConfigOptions(cmd)
    .option("--runs <N>", "walks to run", positiveInteger, RANDOM_DEFAULTS.runs)
    .option("--depth <D>", "at most D actions per walk (lengths are uniform in 0..D)", positiveInteger, RANDOM_DEFAULTS.depth)
    .option("--seed <S>", "base seed 0..2^31-1 (default: a random one, printed); the same seed prints the same output", seed)
    .option("--time-limit <T>", "start no walk after T (seconds, or 30s, 10m, 1h); the output then depends on timing", duration)
    .option("--shard <i/n>", "run shard i of n (1 ≤ i ≤ n): disjoint seeds and a varied depth; needs --seed")
    .option("--path <P>", "replay one walk: a counterexample's fast-check path, with its run seed as --seed (and its --depth)")
    .option("--trace <file>", "write the counterexample as a trace file (mirrorcheck replay reproduces it)")
    .option("--no-shrink", "report the walk as generated, without shrinking or minimising it")
    .option("--json", "print exactly one JSON object on stdout")
    .option("--timing", "put elapsed time and steps/s on stdout too (the output then differs between runs)")
    .option("--no-progress", "no progress or timing lines on stderr")
    .addHelpText(
      "after",
      [
        "",
        "Without --time-limit or --timing, stdout depends only on the options and the seed; timing goes to stderr.",
        "Shard i/n makes global runs i-1, i-1+n, i-1+2n, ... of seed S (disjoint across i) with depth D × (1, 2, ½, 1½, 3, ¾)[(i-1) mod 6].",
        "Exit codes: 0 no violation found; 1 a property is violated; 2 bad input.",
      ].join("\n"),
    )
    .action((flags: SimulateFlags) => {
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
      if (shard !== undefined && flags.seed === undefined) {
        throw new UsageError("--shard needs --seed: every shard must share the base seed (e.g. --seed $GITHUB_RUN_ID)");
      }
      if (flags.path !== undefined && flags.seed === undefined) {
        throw new UsageError("--path needs --seed: the seed of the run that found the counterexample");
      }
      const report = runSimulate({
        config: flags.config,
        overrides: overridesFrom(flags),
        options: {
          runs: flags.runs,
          depth: flags.depth,
          seed: flags.seed,
          timeLimitMs: flags.timeLimit === undefined ? undefined : flags.timeLimit * 1000,
          shard,
          ...(flags.path !== undefined && flags.seed !== undefined ? { replay: { seed: flags.seed, path: flags.path } } : {}),
          shrink: flags.shrink,
          minimise: flags.shrink,
          ...(flags.progress ? { onProgress: (p: RandomProgress) => process.stderr.write(progressLine(p) + "\n") } : {}),
        },
      });
      if (flags.trace !== undefined && report.result.violation !== null) {
        writeOutput(flags.trace, traceFileText(report), writeFileSync);
      }
      const timing = flags.timing === true;
      process.stdout.write(
        (flags.json ? JSON.stringify(simulateJson(report, { timing }), null, 2) : simulateText(report, { timing })) + "\n",
      );
      if (flags.progress) process.stderr.write(timingLine(report) + "\n");
      setExit(report.result.verdict === "violation" ? EXIT.violation : EXIT.pass);
    });
}
