/**
 * `mirrorcheck list`: configurations, properties, witnesses, actions and safeguards, as a text
 * that fits 100 columns (long descriptions wrap) or, with --json, as one object with all of it.
 * With `--variant FILE`, the proposal's changed and new families, properties and witnesses too.
 */
import { Command } from "commander";
import { CANONICAL_CONFIGS, type ExpectedOutcome } from "../configs/index.js";
import {
  ACTION_ARG,
  ACTION_DESCRIPTIONS,
  ACTION_TYPES,
  actionFamilies,
  familyArg,
  describeConfig,
  familyDescription,
  lookupVariant,
  type VariantRef,
  FAULT_ACTIONS,
  resolveConfig,
  SAFEGUARD_DESCRIPTIONS,
  SAFEGUARDS,
} from "../model/index.js";
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES, safetyPropertiesOf, WITNESSES, witnessesOf } from "../properties/index.js";
import { configJson, num, renderWrappedTable, wrapWords, type ConfigJson } from "../report/index.js";
import { writeStdout } from "./stdout.js";
import { prepareVariant } from "./variantFile.js";

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

export function listText(variant: VariantRef | null = null): string {
  const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => renderWrappedTable(header, rows, LIST_WIDTH);
  const sections: string[] = [];
  // Under a proposal: its families, properties and witnesses, listed with the built-in ones.
  const cfg = variant === null ? null : resolveConfig({ contents: 1, txns: 0, faults: 0, variant });
  if (variant !== null) {
    const v = lookupVariant(variant).variant;
    sections.push(`Proposal ${v.name} (${variant.file}): ${v.description}`);
  }
  sections.push(
    "Configurations (mirrorcheck check --config NAME):\n" +
      table(
        ["name", "parameters, expected outcome, what it is"],
        CANONICAL_CONFIGS.map((c) => [c.name, [describeConfig(resolveConfig(c.input)), `expected: ${expectedText(c.expected)}`, c.description].join("\n")]),
      ),
  );
  sections.push(
    "Safety properties (always; checked in every reachable state, in this order):\n" +
      table(["property", "meaning"], (cfg === null ? SAFETY_PROPERTIES : safetyPropertiesOf(cfg)).map((p) => [p.name, p.description])),
  );
  sections.push(
    "Liveness properties (always eventually, per content or txn, under weak fairness; over the whole graph):\n" +
      table(["property", "meaning"], LIVENESS_PROPERTIES.map((p) => [p.name, p.description])),
  );
  sections.push(
    "Witnesses (sometimes; must be reached, or a green run is vacuous):\n" +
      table(["witness", "meaning"], (cfg === null ? WITNESSES : witnessesOf(cfg)).map((w) => [w.name, w.description])),
  );
  sections.push(
    "Actions (in enumeration order; fault actions spend the fault budget):\n" +
      table(
        ["action", "fault", "who acts, and when"],
        cfg === null
          ? ACTION_TYPES.map((a) => [a, FAULT_ACTIONS.has(a) ? "fault" : "", ACTION_DESCRIPTIONS[a]])
          : actionFamilies(cfg).map((a) => [a, FAULT_ACTIONS.has(a as (typeof ACTION_TYPES)[number]) ? "fault" : "", familyDescription(cfg, a)]),
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
  /** With `--variant`: the proposal listed with the built-in model. */
  readonly variant?: { readonly name: string; readonly file: string; readonly description: string };
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

export function listJson(variant: VariantRef | null = null): ListJson {
  // Under a proposal the lists are the model's with it: its properties, witnesses and families too.
  const cfg = variant === null ? null : resolveConfig({ contents: 1, txns: 0, faults: 0, variant });
  const families: readonly string[] = cfg === null ? ACTION_TYPES : actionFamilies(cfg);
  const isFault = (a: string): boolean => FAULT_ACTIONS.has(a as (typeof ACTION_TYPES)[number]);
  return {
    ...(variant === null ? {} : { variant: { name: lookupVariant(variant).variant.name, file: variant.file, description: lookupVariant(variant).variant.description } }),
    configurations: CANONICAL_CONFIGS.map((c) => {
      const cfg = resolveConfig(c.input);
      return { name: c.name, description: c.description, parameters: configJson(c.name, cfg), parametersText: describeConfig(cfg), expected: c.expected };
    }),
    safetyProperties: (cfg === null ? SAFETY_PROPERTIES : safetyPropertiesOf(cfg)).map((p) => ({ name: p.name, description: p.description })),
    livenessProperties: LIVENESS_PROPERTIES.map((p) => ({ name: p.name, description: p.description, subject: p.subject })),
    witnesses: (cfg === null ? WITNESSES : witnessesOf(cfg)).map((w) => ({ name: w.name, description: w.description })),
    actions: families.map((a) => ({
      name: a,
      fault: isFault(a),
      argument: cfg === null ? ACTION_ARG[a as (typeof ACTION_TYPES)[number]] : (familyArg(cfg, a) ?? null),
      description: cfg === null ? ACTION_DESCRIPTIONS[a as (typeof ACTION_TYPES)[number]] : familyDescription(cfg, a),
    })),
    safeguards: SAFEGUARDS.map((g) => ({ name: g, description: SAFEGUARD_DESCRIPTIONS[g] })),
  };
}

export function listCommand(): Command {
  return new Command("list")
    .description("show the configurations, properties, witnesses, actions and safeguards")
    .option("--json", "print exactly one JSON object on stdout: all of it, with each configuration's parameters and expected figures")
    .option("--variant <file>", "also show what a proposal changes and adds (docs/variants.md)")
    .action(async (flags: { json?: boolean; variant?: string }) => {
      const variant = flags.variant === undefined ? null : await prepareVariant(flags.variant);
      writeStdout((flags.json ? JSON.stringify(listJson(variant), null, 2) : listText(variant)) + "\n");
    });
}
