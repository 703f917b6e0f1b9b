/** `mirrorcheck list`: configurations, properties, witnesses, actions and safeguards. */
import { Command } from "commander";
import { CANONICAL_CONFIGS } from "../configs/index.js";
import {
  ACTION_DESCRIPTIONS,
  ACTION_TYPES,
  describeConfig,
  FAULT_ACTIONS,
  resolveConfig,
  SAFEGUARD_DESCRIPTIONS,
  SAFEGUARDS,
} from "../model/index.js";
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES, WITNESSES } from "../properties/index.js";
import { num, renderTable } from "../report/index.js";

function expectedText(e: (typeof CANONICAL_CONFIGS)[number]["expected"]): string {
  const states = `${num(e.distinctStates)} states, depth ${e.depth}`;
  if (e.result === "pass") return `pass (${states})`;
  const safety = Object.entries(e.violations).map(([p, n]) => `${p} ${n}`);
  const liveness = Object.entries(e.liveness).flatMap(([p, subjects]) => (subjects.length > 0 ? [p] : []));
  const parts = [...safety, ...(liveness.length > 0 ? [`liveness ${liveness.join(", ")}`] : [])];
  // A configuration that breaks only liveness is explored whole by a plain run.
  return `violation: ${parts.join("; ")} (${safety.length > 0 ? "with --all: " : ""}${states})`;
}

export function listText(): string {
  const sections: string[] = [];
  sections.push(
    "Configurations (mirrorcheck check --config NAME):\n" +
      renderTable(
        ["name", "parameters", "expected", "what it is"],
        CANONICAL_CONFIGS.map((c) => [c.name, describeConfig(resolveConfig(c.input)), expectedText(c.expected), c.description]),
      ),
  );
  sections.push(
    "Safety properties (always; checked in every reachable state, in this order):\n" +
      renderTable(["property", "meaning"], SAFETY_PROPERTIES.map((p) => [p.name, p.description])),
  );
  sections.push(
    "Liveness properties (always eventually, per content or txn, under weak fairness; over the whole graph):\n" +
      renderTable(["property", "meaning"], LIVENESS_PROPERTIES.map((p) => [p.name, p.description])),
  );
  sections.push(
    "Witnesses (sometimes; must be reached, or a green run is vacuous):\n" +
      renderTable(["witness", "meaning"], WITNESSES.map((w) => [w.name, w.description])),
  );
  sections.push(
    "Actions (in enumeration order; fault actions spend the fault budget):\n" +
      renderTable(
        ["action", "fault", "who acts, and when"],
        ACTION_TYPES.map((a) => [a, FAULT_ACTIONS.has(a) ? "fault" : "", ACTION_DESCRIPTIONS[a]]),
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
    .action(() => {
      process.stdout.write(listText() + "\n");
    });
}
