/** A counterexample as a table of per-step changes: step, action, field, before → after. */
import { formatAction, type BoundAction, type Config, type State } from "../model/index.js";
import type { Trace } from "../checker/index.js";
import { diffStates } from "./describe.js";
import { renderTable } from "./table.js";

/**
 * The table of `trace`'s steps; `from` > 0 shows only steps from..end, numbered as in the
 * whole trace, without the initial-state row (a lasso's cycle).
 */
export function traceTable(cfg: Config, trace: Trace<State, BoundAction>, from = 0): string {
  const rows: string[][] = from === 0 ? [["0", "(initial state)", "", ""]] : [];
  for (let k = Math.max(1, from); k < trace.length; k++) {
    const { action, state } = trace[k];
    const label = action === null ? "" : formatAction(action.action);
    const changes = diffStates(cfg, trace[k - 1].state, state);
    if (changes.length === 0) {
      rows.push([String(k), label, "(no change)", ""]);
      continue;
    }
    changes.forEach((ch, n) => {
      rows.push([n === 0 ? String(k) : "", n === 0 ? label : "", ch.field, `${ch.before} → ${ch.after}`]);
    });
  }
  return renderTable(["step", "action", "what changed", "before → after"], rows);
}
