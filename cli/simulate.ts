/** `mirrorcheck simulate`: seeded random walks over a configuration of any size. */
import { Command, InvalidArgumentError } from "commander";
import { configInput, parseShard } from "../api/index.js";
import { RANDOM_DEFAULTS, SEED_MODULUS } from "../checker/index.js";
import { resolveConfig } from "../model/index.js";
import { addConfigOptions, configName, overridesFrom } from "./configOptions.js";
import { UsageError } from "./errors.js";
import { escapeControls } from "./escape.js";
import { checkOutputs } from "./outputs.js";
import { duration, positiveInteger } from "./parse.js";
import { runSearchInWorker } from "./searchHost.js";
import { prepareVariant, variantInputs } from "./variantFile.js";
import type { SimulateFlags } from "./simulateFlags.js";
import { PATH_SYNTAX } from "./simulateRun.js";
import { writeStdout } from "./stdout.js";

function seed(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected an integer 0..${SEED_MODULUS - 1}, got "${value}"`);
  const n = Number(value);
  if (n >= SEED_MODULUS) throw new InvalidArgumentError(`expected an integer 0..${SEED_MODULUS - 1}, got "${value}"`);
  return n;
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
        "Exit codes: 0 no violation found; 1 a property is violated; 2 bad input; 3 incomplete: SIGINT/SIGTERM stopped",
        "the walks (the report so far is printed; a second signal exits at once).",
      ].join("\n"),
    )
    .action(async (flags: SimulateFlags) => {
      // Everything the user can get wrong is found here, before the first walk.
      if (flags.shard !== undefined) parseShard(flags.shard);
      if (flags.shard !== undefined && flags.seed === undefined) {
        throw new UsageError("--shard needs --seed: every shard must share the base seed (e.g. --seed $GITHUB_RUN_ID)");
      }
      if (flags.path !== undefined && flags.seed === undefined) {
        throw new UsageError("--path needs --seed: the seed of the run that found the counterexample");
      }
      if (flags.path !== undefined && !PATH_SYNTAX.test(flags.path)) {
        throw new UsageError(`--path must be fast-check's path as a report prints it (numbers separated by colons, e.g. 0:5:1), got "${flags.path}"`);
      }
      const overrides = overridesFrom(flags);
      const variant = flags.variant === undefined ? null : await prepareVariant(flags.variant);
      const config = resolveConfig(configInput(flags.config, overrides, variant));
      if (flags.trace !== undefined) checkOutputs([{ option: "--trace", path: flags.trace }], variantInputs(flags));
      const outcome = await runSearchInWorker(
        { command: "simulate", flags, variant },
        {
          progress: flags.progress,
          partial: { command: "simulate", name: configName(flags.config, overrides), config, strategy: "random", json: flags.json === true },
        },
      );
      writeStdout(outcome.stdout);
      for (const w of outcome.warnings) process.stderr.write(escapeControls(w) + "\n");
      setExit(outcome.exitCode);
    });
}
