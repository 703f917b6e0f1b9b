/**
 * The command-line program. Every failure a user can cause ends as one line on stderr and
 * exit code 2; a stack trace only ever means a bug in mirrorcheck itself.
 */
import { Command, CommanderError } from "commander";
import { ConfigError, PlacementError } from "../model/index.js";
import { checkCommand } from "./check.js";
import { EXIT } from "./exitCodes.js";
import { listCommand } from "./list.js";
import { replayCommand } from "./replay.js";
import { explainCommand } from "./explain.js";
import { simulateCommand } from "./simulate.js";
import { mergeCommand } from "./merge.js";
import { UsageError } from "./errors.js";
import { placementCommand } from "./placement.js";
import { historyCommand } from "./history.js";
import { ClusterInputError } from "../cluster/index.js";
import { TraceFormatError } from "../trace/index.js";

/** Commander's messages as one line, in mirrorcheck's voice: "mirrorcheck: unknown option '--x'". */
function oneLine(str: string): string {
  return "mirrorcheck: " + str.trimEnd().split("\n")[0].replace(/^error: /, "") + "\n";
}

/** Errors caused by the user's input rather than by a defect. */
function isUserError(e: unknown): e is Error {
  return (
    e instanceof ConfigError ||
    e instanceof PlacementError ||
    e instanceof RangeError ||
    e instanceof TraceFormatError ||
    e instanceof UsageError ||
    e instanceof ClusterInputError
  );
}

export async function run(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.pass;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const program = new Command("mirrorcheck")
    .description("A model checker for Greenplum's segment mirroring and failover protocol")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(oneLine(str)) })
    .showSuggestionAfterError(true);
  program.addCommand(checkCommand(setExit));
  program.addCommand(replayCommand(setExit));
  program.addCommand(explainCommand(setExit));
  program.addCommand(simulateCommand(setExit));
  program.addCommand(mergeCommand(setExit));
  program.addCommand(placementCommand(setExit));
  program.addCommand(historyCommand(setExit));
  program.addCommand(listCommand());
  // Subcommands added with addCommand do not inherit these settings; set them on each.
  for (const cmd of program.commands) {
    cmd.exitOverride().configureOutput({ outputError: (str, write) => write(oneLine(str)) });
  }
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
        return EXIT.pass;
      }
      return EXIT.usage;
    }
    if (isUserError(e)) {
      process.stderr.write(`mirrorcheck: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}
