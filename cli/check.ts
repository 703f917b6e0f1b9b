/** `mirrorcheck check`: exhaustive check of a configuration. */
import { availableParallelism } from "node:os";
import { Command, Option } from "commander";
import { configInput } from "../api/index.js";
import { resolveConfig } from "../model/index.js";
import type { CheckFlags } from "./checkFlags.js";
import { addConfigOptions, configName, overridesFrom } from "./configOptions.js";
import { escapeControls } from "./escape.js";
import { DEFAULT_MEMORY_SHARE, defaultMaxMemoryBytes, sizeText } from "./memory.js";
import { checkOutputs, type NamedPath } from "./outputs.js";
import { byteSize, duration, nonNegativeInteger, positiveInteger } from "./parse.js";
import { runSearchInWorker } from "./searchHost.js";
import { writeStdout } from "./stdout.js";
import { prepareVariant, variantInputs } from "./variantFile.js";

export { outputPath } from "./checkRun.js";

function outputsOf(flags: CheckFlags): NamedPath[] {
  const all: [string, string | undefined][] = [
    ["--trace-out", flags.traceOut],
    ["--itf", flags.itf],
    ["--html", flags.html],
  ];
  return all.flatMap(([option, path]) => (path === undefined ? [] : [{ option, path }]));
}

export function checkCommand(setExit: (code: number) => void): Command {
  return addConfigOptions(new Command("check").description("explore every reachable state of a configuration and check every property"))
    .addOption(new Option("--strategy <s>", "search strategy").choices(["bfs", "dfs"]).default("bfs"))
    .option("--all", "keep going after the first violation: the shortest trace of every violated property")
    .option("--max-states <N>", "stop (incomplete, exit 3) after N distinct states", positiveInteger)
    .option("--max-depth <D>", "do not explore beyond D actions (incomplete, exit 3, if states lie beyond)", nonNegativeInteger)
    .option("--time-limit <T>", "stop (incomplete, exit 3) after T (seconds, or 30s, 10m, 1h)", duration)
    .option(
      "--max-memory <SIZE>",
      `stop (incomplete, exit 3) before the search uses more than SIZE (512m, 2g; default ${DEFAULT_MEMORY_SHARE * 100}% of V8's heap limit, now ${sizeText(defaultMaxMemoryBytes())}; node --max-old-space-size raises that)`,
      byteSize,
    )
    .option("--exact", "tell states apart by full keys instead of 64-bit fingerprints (slower; for cross-checks)")
    .option("--symmetry", "explore one state per orbit under permutations of the content ids (counts orbits; not with --hosts)")
    .addOption(
      new Option("--workers <N>", "threads for BFS (1 = single-threaded; results do not depend on it)")
        .argParser(positiveInteger)
        .default(availableParallelism(), "the number of cores"),
    )
    .option(
      "--no-liveness",
      "skip the liveness properties (checked by default whenever the whole graph is explored; not with --symmetry, --exact, DFS or bounds)",
    )
    .option("--coverage", "count Greenplum situations over the states and transitions (runs on one worker)")
    .option("--trace-out <file>", "write the counterexample as a trace file (with --all, one file per property)")
    .option("--itf <file>", "write the counterexample as an ITF JSON trace")
    .option("--html <file>", "write the counterexample as a self-contained HTML report")
    .option("--json", "print exactly one JSON object on stdout")
    .option("--no-progress", "no progress lines on stderr")
    .addHelpText(
      "after",
      [
        "",
        "Exit codes: 0 pass; 1 a property violated or an expected witness unreached; 2 bad input; 3 incomplete:",
        "a bound (--max-states, --max-depth, --time-limit), memory (--max-memory, or the heap), or SIGINT/SIGTERM",
        "stopped the run; the report so far is printed, with the reason. A second signal exits at once.",
      ].join("\n"),
    )
    .action(async (flags: CheckFlags) => {
      // Everything the user can get wrong is found here, before the search starts.
      const overrides = overridesFrom(flags);
      const variant = flags.variant === undefined ? null : await prepareVariant(flags.variant);
      const config = resolveConfig(configInput(flags.config, overrides, variant));
      checkOutputs(outputsOf(flags), variantInputs(flags));
      const outcome = await runSearchInWorker(
        { command: "check", flags, maxMemoryBytes: flags.maxMemory ?? defaultMaxMemoryBytes(), variant },
        {
          progress: flags.progress,
          partial: { command: "check", name: configName(flags.config, overrides), config, strategy: flags.strategy, json: flags.json === true },
        },
      );
      writeStdout(outcome.stdout);
      for (const w of outcome.warnings) process.stderr.write(escapeControls(w) + "\n");
      setExit(outcome.exitCode);
    });
}
