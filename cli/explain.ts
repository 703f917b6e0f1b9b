/** `mirrorcheck explain FILE`: a trace in words, step by step, and why its last state breaks a property. */
import { Command } from "commander";
import { explainReplay, explainText } from "../report/index.js";
import { checkPropertyName } from "./explainProperty.js";
import { replayFile, VARIANT_OPTION_HELP } from "./replay.js";

export function explainCommand(setExit: (code: number) => void): Command {
  return new Command("explain")
    .description("explain a trace: why each action was enabled, the FTS decision, what changed, and what the violation depends on")
    .argument("<file>", "a .trace file or an ITF JSON trace")
    .option("--property <name>", "the property to explain (default: the trace's `expect violated` line, else the first violated)")
    .option("--json", "print exactly one JSON object on stdout")
    .option("--no-progress", "no progress lines on stderr (printed every 3 s on long traces)")
    .option("--variant <file>", VARIANT_OPTION_HELP)
    .action(async (file: string, flags: { property?: string; json?: boolean; progress: boolean; variant?: string }) => {
      const { trace, result } = await replayFile(file, flags.variant);
      if (flags.property !== undefined) checkPropertyName(flags.property, result.config);
      const lastViolated = [...trace.entries]
        .reverse()
        .find((e) => e.kind === "expect" && e.expect.kind === "violated");
      const property =
        flags.property ?? (lastViolated?.kind === "expect" && lastViolated.expect.kind === "violated" ? lastViolated.expect.property : undefined);
      const onProgress = (p: ExplainProgress): void => void process.stderr.write(explainProgressLine(p) + "\n");
      const explanation = explainReplay(result, property, flags.progress ? { onProgress } : {});
      process.stdout.write((flags.json ? JSON.stringify(explanation, null, 2) : explainText(file, result, explanation)) + "\n");
      setExit(result.status === "not-enabled" ? 2 : 0);
    });
}

// report/index.ts does not name this type (yet): taken from explainReplay's options.
type ExplainProgress = Parameters<NonNullable<NonNullable<Parameters<typeof explainReplay>[2]>["onProgress"]>>[0];

function explainProgressLine(p: ExplainProgress): string {
  const s = `${(p.elapsedMs / 1000).toFixed(0)} s`;
  return p.phase === "steps"
    ? `progress: described ${p.done} of ${p.total} steps, ${s}`
    : `progress: core search pass ${p.pass}: tried ${p.tried} of ${p.total} steps, ${p.work} of at most ${p.budget} steps replayed, ${s}`;
}
