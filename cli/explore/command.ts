/** `mirrorcheck explore`: step through the model by hand from a configuration or a trace (README: "Exploring a state"). */
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { addConfigOptions } from "../configOptions.js";
import { writeOutput } from "../files.js";
import { checkOutputs, type NamedPath } from "../outputs.js";
import { nonNegativeInteger } from "../parse.js";
import { runScript, runTerminal } from "./frontend.js";
import { ExploreSession } from "./session.js";
import { sessionStart, type ExploreFlags } from "./start.js";
import { variantInputs } from "../variantFile.js";

export function exploreCommand(setExit: (code: number) => void): Command {
  return addConfigOptions(
    new Command("explore").description("explore the model by hand: show a state, take actions, ask why, find a violation from here"),
  )
    .argument("[trace]", "start from this trace file (text or ITF JSON) instead of a configuration's initial state")
    .option("--at <N>", "with a trace: stand after step N (default: its last step); the steps after it stay ahead", nonNegativeInteger)
    .addHelpText(
      "after",
      [
        "",
        "Type help inside for the commands. Commands can also come on stdin, one per line (each echoed",
        "as `> command`; blank lines and # comments skipped). Exit codes: 0 every command was accepted;",
        "2 a command was rejected (unknown, action not enabled, bad argument: `error: ...` in the",
        "transcript) or the start is bad (unknown configuration or file, malformed trace, --at out of range).",
      ].join("\n"),
    )
    .action(async (file: string | undefined, flags: ExploreFlags, cmd: Command) => {
      const start = await sessionStart(file, flags, cmd);
      // `save` never overwrites what the session was read from: the trace, or the proposal.
      const inputs: NamedPath[] = [...(file === undefined ? [] : [{ option: "input", path: file }]), ...variantInputs(flags)];
      const save = (path: string, text: string): void => {
        checkOutputs([{ option: "save", path }], inputs);
        writeOutput(path, text, writeFileSync);
      };
      const session = new ExploreSession(start, save);
      setExit(process.stdin.isTTY ? await runTerminal(session) : await runScript(session));
    });
}
