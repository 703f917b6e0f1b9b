/**
 * Actions as the explorer shows and reads them: the enabled ones numbered, each with what it
 * would do (the FTS decision row for a probe, the fields it changes), the guard clauses of any
 * action, and the lookup of an action by number or by its trace text ("FtsProbe content=0").
 * Everything goes through the configuration's own action list (allActions, enabledActions,
 * guardClauses), never a fixed list of families.
 */
import {
  allActions,
  enabledActions,
  formatAction,
  guardClauses,
  step,
  stepFast,
  type BoundAction,
  type Config,
  type State,
} from "../../model/index.js";
import { diffStates, ftsDecision } from "../../report/index.js";
import { Rejection } from "./rejection.js";

/** The FTS decision row a probe would apply in `s`, in explain's words; null for other actions. */
export function ftsRowText(cfg: Config, s: State, b: BoundAction): string | null {
  // Under a proposal that changes this step the row is the built-in table's: say so (enabled steps only).
  const d = ftsDecision(cfg, s, b.action, b.guard(s) === undefined ? stepFast(s, b) : null);
  if (d === null) return null;
  const handler = d.handlerEnablesSyncRep ? " (the probe handler first turns sync rep on)" : "";
  const note = d.proposal === null ? "" : ` (built-in table; ${d.proposal})`;
  return `FTS row ${d.row}: ${d.meaning}${handler}${note}`;
}

/** What an enabled action would change, as "field: before → after" parts. */
export function effectText(cfg: Config, s: State, b: BoundAction): string {
  const changes = diffStates(cfg, s, step(s, b));
  if (changes.length === 0) return "changes nothing";
  return changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join("; ");
}

/** The numbered list of enabled actions, each with its FTS row and its effect. */
export function actionsText(cfg: Config, s: State): string {
  const enabled = enabledActions(cfg, s);
  if (enabled.length === 0) return "no action is enabled: the run ends here";
  const width = String(enabled.length).length;
  const lines: string[] = [];
  enabled.forEach((b, k) => {
    const row = ftsRowText(cfg, s, b);
    lines.push(`${String(k + 1).padStart(width)}  ${formatAction(b.action)}${row === null ? "" : `  [${row}]`}`);
    lines.push(`${" ".repeat(width)}    → ${effectText(cfg, s, b)}`);
  });
  return lines.join("\n");
}

/** "1 FtsProbe content=0, 2 ...": the enabled actions on one line, for error messages. */
export function enabledSummary(cfg: Config, s: State): string {
  const enabled = enabledActions(cfg, s);
  if (enabled.length === 0) return "no action is enabled here";
  return "enabled: " + enabled.map((b, k) => `${k + 1} ${formatAction(b.action)}`).join(", ");
}

/** The action's text with single spaces, for comparisons. */
function normalise(text: string): string {
  return text.trim().split(/\s+/).join(" ");
}

/**
 * The action named by `text`: a number of the enabled list, or an action of the
 * configuration in trace syntax. A Rejection names what is wrong.
 */
export function lookupAction(cfg: Config, s: State, text: string): BoundAction {
  const t = normalise(text);
  if (/^\d+$/.test(t)) {
    const enabled = enabledActions(cfg, s);
    const n = Number(t);
    if (n < 1 || n > enabled.length) {
      throw new Rejection(
        enabled.length === 0 ? `no action is enabled here, so there is no action ${n}` : `no action ${n}: the enabled actions are numbered 1..${enabled.length}`,
      );
    }
    return enabled[n - 1];
  }
  const found = allActions(cfg).find((b) => formatAction(b.action) === t);
  if (found !== undefined) return found;
  const family = t.split(" ")[0];
  const same = allActions(cfg).filter((b) => b.action.type === family);
  if (same.length > 0) {
    throw new Rejection(`no action "${t}" in this configuration; ${family} is one of: ${same.map((b) => formatAction(b.action)).join(", ")}`);
  }
  throw new Rejection(`"${t}" is neither a command nor an action (type help)`);
}

/** Every guard clause of the action with ✓ or ✗, then the verdict. */
export function whyText(cfg: Config, s: State, b: BoundAction): string {
  const clauses = guardClauses(cfg, s, b.action);
  const unmet = b.guard(s);
  const lines = [`${formatAction(b.action)} is ${unmet === undefined ? "enabled" : "NOT enabled"}:`];
  for (const c of clauses) lines.push(`  ${c.holds ? "✓" : "✗"} ${c.clause}`);
  if (unmet !== undefined) lines.push(`  first unmet clause: ${unmet}`);
  else {
    const row = ftsRowText(cfg, s, b);
    if (row !== null) lines.push(`  ${row}`);
  }
  return lines.join("\n");
}
