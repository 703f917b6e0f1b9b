/**
 * The explorer's front ends over an ExploreSession. On a terminal: node:readline with a
 * prompt, history (arrow keys) and tab completion of command names and action texts (the
 * enabled actions first). Otherwise (a script on stdin): one command per line, each echoed
 * as `> command` before its output so that the transcript reads well, blank lines and `#`
 * comments skipped, rejections printed as `error: ...` in the transcript. Resolves to the
 * exit code: 0 when every command was accepted, 2 when any was rejected.
 */
import { createInterface, type Completer } from "node:readline";
import { escapeControls, escapeControlsKeepLines } from "../escape.js";
import { EXIT } from "../exitCodes.js";
import { writeStdout } from "../stdout.js";
import type { ExploreSession } from "./session.js";

/** Completes the whole line: a command name, or an action text after `take`/`why` or alone. */
export function completeLine(session: ExploreSession, line: string): [string[], string] {
  const m = /^(take |why )?(.*)$/.exec(line);
  const prefix = m?.[1] ?? "";
  const rest = m?.[2] ?? line;
  const candidates = prefix === "" ? session.completions() : session.completions().filter((c) => /^[A-Z]/.test(c));
  const hits = candidates.filter((c) => c.startsWith(rest)).map((c) => prefix + c);
  return [hits, line];
}

export function runTerminal(session: ExploreSession): Promise<number> {
  const completer: Completer = (line: string) => completeLine(session, line);
  const rl = createInterface({ input: process.stdin, output: process.stdout, completer, historySize: 500, prompt: "explore> " });
  let code: number = EXIT.pass;
  writeStdout(`${session.where()}. Type help for the commands.\n`);
  rl.prompt();
  return new Promise((resolve) => {
    rl.on("line", (line) => {
      const r = session.execute(line);
      if (!r.ok) code = EXIT.usage;
      if (r.output !== "") writeStdout(escapeControlsKeepLines(r.output) + "\n");
      if (r.quit) rl.close();
      else rl.prompt();
    });
    // Ctrl-C on an empty prompt ends the session, as Ctrl-D does.
    rl.on("SIGINT", () => rl.close());
    rl.on("close", () => {
      writeStdout("\n");
      resolve(code);
    });
  });
}

export function runScript(session: ExploreSession): Promise<number> {
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  let code: number = EXIT.pass;
  let done = false;
  return new Promise((resolve) => {
    rl.on("line", (raw) => {
      if (done) return;
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) return;
      const r = session.execute(line);
      if (!r.ok) code = EXIT.usage;
      writeStdout(`> ${escapeControls(line)}\n${r.output === "" ? "" : escapeControlsKeepLines(r.output) + "\n"}`);
      if (r.quit) {
        done = true;
        rl.close();
      }
    });
    rl.on("close", () => resolve(code));
  });
}
