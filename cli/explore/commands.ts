/** The explorer's commands: their syntax and one line each, for `help` and tab completion. */

export interface CommandHelp {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
}

export const COMMANDS: readonly CommandHelp[] = [
  { name: "state", usage: "state", summary: "show the state: gp_segment_configuration, processes, pairs, txns" },
  { name: "actions", usage: "actions", summary: "list the enabled actions, numbered, with what each would do" },
  { name: "why", usage: "why ACTION", summary: "every guard clause of an action (a number or trace text), enabled or not" },
  { name: "take", usage: "take ACTION", summary: "take an action by number or trace text; `3` or `FtsProbe content=0` alone also take it" },
  { name: "back", usage: "back [N]", summary: "go back N steps (default 1); the steps ahead stay on the path" },
  { name: "goto", usage: "goto N", summary: "stand after step N of the path (0 = the initial state), backwards or forwards" },
  { name: "path", usage: "path", summary: "the steps of the path; * marks where you stand, steps after it are ahead" },
  { name: "diff", usage: "diff", summary: "what the last step changed" },
  { name: "check", usage: "check", summary: "every safety property and witness in this state" },
  { name: "find", usage: "find PROPERTY", summary: "shortest path from here to a state violating a safety property or satisfying a witness" },
  { name: "follow", usage: "follow", summary: "take the path the last find found" },
  {
    name: "what-if",
    usage: "what-if OPTIONS",
    summary:
      "replay the path so far under other rules (--off G, --on G, --sync-rep-reload immediate|deferred); --switch keeps them",
  },
  { name: "save", usage: "save FILE", summary: "write the path so far as a trace file for mirrorcheck replay" },
  { name: "help", usage: "help", summary: "this list" },
  { name: "quit", usage: "quit | exit", summary: "end the session" },
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    "",
    "ACTION is a number from `actions` or an action in trace syntax, e.g. FtsProbe content=0.",
    "Taking a step where the path goes on with another one drops the steps ahead.",
  ].join("\n");
}
