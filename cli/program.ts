/**
 * The command-line program. Every failure a user can cause ends as one line on stderr (and,
 * with --json, one JSON object on stdout) and exit code 2; a run stopped by a bound, a
 * signal, a time limit or memory prints its report so far and exits 3; a stack trace only
 * ever means a bug in mirrorcheck itself.
 */
import { Command, CommanderError } from "commander";
import { checkCommand } from "./check.js";
import { compareCommand } from "./compare.js";
import { classify, commanderMessage, reportError, wantsJson } from "./errorReport.js";
import { diffCommand } from "./diff.js";
import { escapeControls } from "./escape.js";
import { EXIT } from "./exitCodes.js";
import { explainCommand } from "./explain.js";
import { exploreCommand } from "./explore/command.js";
import { historyCommand } from "./history.js";
import { listCommand } from "./list.js";
import { mergeCommand } from "./merge.js";
import { placementCommand } from "./placement.js";
import { replayCommand } from "./replay.js";
import { simulateCommand } from "./simulate.js";

/** Commander's messages as one line, in mirrorcheck's voice: "mirrorcheck: unknown option '--x'". */
function oneLine(str: string): string {
  return "mirrorcheck: " + escapeControls(commanderMessage(str)) + "\n";
}

export async function run(argv: readonly string[]): Promise<number> {
  const json = wantsJson(argv.slice(2));
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
  program.addCommand(compareCommand(setExit));
  program.addCommand(replayCommand(setExit));
  program.addCommand(explainCommand(setExit));
  program.addCommand(exploreCommand(setExit));
  program.addCommand(diffCommand(setExit));
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
    if (e instanceof CommanderError && (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help")) {
      return EXIT.pass;
    }
    const err = classify(e);
    if (err === null) throw e;
    // Commander printed its own line already (outputError above).
    reportError(err, json, e instanceof CommanderError);
    return err.exitCode;
  }
}
