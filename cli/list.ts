/**
 * `mirrorcheck list`: configurations, properties, witnesses, actions and safeguards, as a text
 * that fits 100 columns (long descriptions wrap) or, with --json, as one object with all of it.
 */
import { Command } from "commander";
import { CANONICAL_CONFIGS, type ExpectedOutcome } from "../configs/index.js";
import {
  ACTION_ARG,
  ACTION_DESCRIPTIONS,
  ACTION_TYPES,
  describeConfig,
  FAULT_ACTIONS,
  resolveConfig,
  SAFEGUARD_DESCRIPTIONS,
  SAFEGUARDS,
} from "../model/index.js";
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES, WITNESSES } from "../properties/index.js";
import { configJson, num, renderWrappedTable, wrapWords, type ConfigJson } from "../report/index.js";
import { writeStdout } from "./stdout.js";

/** The width `list` fits: every line is at most this long. */
export const LIST_WIDTH = 100;

function expectedText(e: ExpectedOutcome): string {
  const states = `${num(e.distinctStates)} states, depth ${e.depth}`;
  if (e.result === "pass") return `pass (${states})`;
  const safety = Object.entries(e.violations).map(([p, n]) => `${p} ${n}`);
  const liveness = Object.entries(e.liveness).flatMap(([p, subjects]) => (subjects.length > 0 ? [p] : []));
  const parts = [...safety, ...(liveness.length > 0 ? [`liveness ${liveness.join(", ")}`] : [])];
  // A configuration that breaks only liveness is explored whole by a plain run.
  return `violation: ${parts.join("; ")} (${safety.length > 0 ? "with --all: " : ""}${states})`;
}

export function listText(): string {
  const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => renderWrappedTable(header, rows, LIST_WIDTH);
  const sections: string[] = [];
  sections.push(
    "Configurations (mirrorcheck check --config NAME):\n" +
      table(
        ["name", "parameters, expected outcome, what it is"],
        CANONICAL_CONFIGS.map((c) => [c.name, [describeConfig(resolveConfig(c.input)), `expected: ${expectedText(c.expected)}`, c.description].join("\n")]),
      ),
  );
  sections.push(
    "Safety properties (always; checked in every reachable state, in this order):\n" +
      table(["property", "meaning"], SAFETY_PROPERTIES.map((p) => [p.name, p.description])),
  );
  sections.push(
    "Liveness properties (always eventually, per content or txn, under weak fairness; over the whole graph):\n" +
      table(["property", "meaning"], LIVENESS_PROPERTIES.map((p) => [p.name, p.description])),
  );
  sections.push(
    "Witnesses (sometimes; must be reached, or a green run is vacuous):\n" +
      table(["witness", "meaning"], WITNESSES.map((w) => [w.name, w.description])),
  );
  sections.push(
    "Actions (in enumeration order; fault actions spend the fault budget):\n" +
      table(
        ["action", "fault", "who acts, and when"],
        ACTION_TYPES.map((a) => [a, FAULT_ACTIONS.has(a) ? "fault" : "", ACTION_DESCRIPTIONS[a]]),
      ),
  );
  sections.push(
    "Safeguards (on by default; --off NAME gives the bug variant):\n" +
      table(["safeguard", "the rule"], SAFEGUARDS.map((g) => [g, SAFEGUARD_DESCRIPTIONS[g]])),
  );
  // A section's title wraps like its table.
  return sections.map((s) => s.split("\n").flatMap((line, k) => (k === 0 ? wrapWords(line, LIST_WIDTH) : [line])).join("\n")).join("\n\n");
}

/** `list --json`: everything the text shows, as data. */
export interface ListJson {
  readonly configurations: readonly {
    readonly name: string;
    readonly description: string;
    readonly parameters: ConfigJson;
    /** The parameters as a config line's keys ("contents=2 txns=2 faults=2 ..."). */
    readonly parametersText: string;
    /** The pinned outcome of `mirrorcheck check` (configs/canonical.ts). */
    readonly expected: ExpectedOutcome;
  }[];
  readonly safetyProperties: readonly { readonly name: string; readonly description: string }[];
  readonly livenessProperties: readonly { readonly name: string; readonly description: string; readonly subject: "content" | "txn" }[];
  readonly witnesses: readonly { readonly name: string; readonly description: string }[];
  readonly actions: readonly { readonly name: string; readonly fault: boolean; readonly argument: string | null; readonly description: string }[];
  readonly safeguards: readonly { readonly name: string; readonly description: string }[];
}

export function listJson(): ListJson {
  return {
    configurations: CANONICAL_CONFIGS.map((c) => {
      const cfg = resolveConfig(c.input);
      return { name: c.name, description: c.description, parameters: configJson(c.name, cfg), parametersText: describeConfig(cfg), expected: c.expected };
    }),
    safetyProperties: SAFETY_PROPERTIES.map((p) => ({ name: p.name, description: p.description })),
    livenessProperties: LIVENESS_PROPERTIES.map((p) => ({ name: p.name, description: p.description, subject: p.subject })),
    witnesses: WITNESSES.map((w) => ({ name: w.name, description: w.description })),
    actions: ACTION_TYPES.map((a) => ({ name: a, fault: FAULT_ACTIONS.has(a), argument: ACTION_ARG[a], description: ACTION_DESCRIPTIONS[a] })),
    safeguards: SAFEGUARDS.map((g) => ({ name: g, description: SAFEGUARD_DESCRIPTIONS[g] })),
  };
}

export function listCommand(): Command {
  return new Command("list")
    .description("show the configurations, properties, witnesses, actions and safeguards")
    .option("--json", "print exactly one JSON object on stdout: all of it, with each configuration's parameters and expected figures")
    .action((flags: { json?: boolean }) => {
      writeStdout((flags.json ? JSON.stringify(listJson(), null, 2) : listText()) + "\n");
    });
}
