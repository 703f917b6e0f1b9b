/**
 * `mirrorcheck list`: configurations, properties, witnesses, actions and safeguards; with
 * `--variant FILE`, the proposal's changed and new families, properties and witnesses too.
 */
import { Command } from "commander";
import { CANONICAL_CONFIGS } from "../configs/index.js";
import {
  ACTION_DESCRIPTIONS,
  ACTION_TYPES,
  actionFamilies,
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
import { num, renderTable } from "../report/index.js";
import { prepareVariant } from "./variantFile.js";

function expectedText(e: (typeof CANONICAL_CONFIGS)[number]["expected"]): string {
  const states = `${num(e.distinctStates)} states, depth ${e.depth}`;
  if (e.result === "pass") return `pass (${states})`;
  const safety = Object.entries(e.violations).map(([p, n]) => `${p} ${n}`);
  const liveness = Object.entries(e.liveness).flatMap(([p, subjects]) => (subjects.length > 0 ? [p] : []));
  const parts = [...safety, ...(liveness.length > 0 ? [`liveness ${liveness.join(", ")}`] : [])];
  // A configuration that breaks only liveness is explored whole by a plain run.
  return `violation: ${parts.join("; ")} (${safety.length > 0 ? "with --all: " : ""}${states})`;
}

export function listText(variant: VariantRef | null = null): string {
  const sections: string[] = [];
  // Under a proposal: its families, properties and witnesses, listed with the built-in ones.
  const cfg = variant === null ? null : resolveConfig({ contents: 1, txns: 0, faults: 0, variant });
  if (variant !== null) {
    const v = lookupVariant(variant).variant;
    sections.push(`Proposal ${v.name} (${variant.file}): ${v.description}`);
  }
  sections.push(
    "Configurations (mirrorcheck check --config NAME):\n" +
      renderTable(
        ["name", "parameters", "expected", "what it is"],
        CANONICAL_CONFIGS.map((c) => [c.name, describeConfig(resolveConfig(c.input)), expectedText(c.expected), c.description]),
      ),
  );
  sections.push(
    "Safety properties (always; checked in every reachable state, in this order):\n" +
      renderTable(["property", "meaning"], (cfg === null ? SAFETY_PROPERTIES : safetyPropertiesOf(cfg)).map((p) => [p.name, p.description])),
  );
  sections.push(
    "Liveness properties (always eventually, per content or txn, under weak fairness; over the whole graph):\n" +
      renderTable(["property", "meaning"], LIVENESS_PROPERTIES.map((p) => [p.name, p.description])),
  );
  sections.push(
    "Witnesses (sometimes; must be reached, or a green run is vacuous):\n" +
      renderTable(["witness", "meaning"], (cfg === null ? WITNESSES : witnessesOf(cfg)).map((w) => [w.name, w.description])),
  );
  sections.push(
    "Actions (in enumeration order; fault actions spend the fault budget):\n" +
      renderTable(
        ["action", "fault", "who acts, and when"],
        cfg === null
          ? ACTION_TYPES.map((a) => [a, FAULT_ACTIONS.has(a) ? "fault" : "", ACTION_DESCRIPTIONS[a]])
          : actionFamilies(cfg).map((a) => [a, FAULT_ACTIONS.has(a as (typeof ACTION_TYPES)[number]) ? "fault" : "", familyDescription(cfg, a)]),
      ),
  );
  sections.push(
    "Safeguards (on by default; --off NAME gives the bug variant):\n" +
      renderTable(["safeguard", "the rule"], SAFEGUARDS.map((g) => [g, SAFEGUARD_DESCRIPTIONS[g]])),
  );
  return sections.join("\n\n");
}

export function listCommand(): Command {
  return new Command("list")
    .description("show the configurations, properties, witnesses, actions and safeguards")
    .option("--variant <file>", "also show what a proposal changes and adds (docs/variants.md)")
    .action(async (flags: { variant?: string }) => {
      const variant = flags.variant === undefined ? null : await prepareVariant(flags.variant);
      process.stdout.write(listText(variant) + "\n");
    });
}
