/** `mirrorcheck explain FILE`: a trace in words, step by step, and why its last state breaks a property. */
import { Command } from "commander";
import { explainReplay, explainText } from "../report/index.js";
import { replayFile } from "./replay.js";

export function explainCommand(setExit: (code: number) => void): Command {
  return new Command("explain")
    .description("explain a trace: why each action was enabled, the FTS decision, what changed, and what the violation depends on")
    .argument("<file>", "a .trace file or an ITF JSON trace")
    .option("--property <name>", "the property to explain (default: the trace's `expect violated` line, else the first violated)")
    .option("--json", "print exactly one JSON object on stdout")
    .action((file: string, flags: { property?: string; json?: boolean }) => {
      const { trace, result } = replayFile(file);
      const lastViolated = [...trace.entries]
        .reverse()
        .find((e) => e.kind === "expect" && e.expect.kind === "violated");
      const property =
        flags.property ?? (lastViolated?.kind === "expect" && lastViolated.expect.kind === "violated" ? lastViolated.expect.property : undefined);
      const explanation = explainReplay(result, property);
      process.stdout.write((flags.json ? JSON.stringify(explanation, null, 2) : explainText(file, result, explanation)) + "\n");
      setExit(result.status === "not-enabled" ? 2 : 0);
    });
}
