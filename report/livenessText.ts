/**
 * A liveness counterexample as text: the stem as the usual table of changes, the cycle that
 * repeats for ever, why the property stays false, and the fairness account (why weak
 * fairness does not force the behaviour off the cycle). Also the one-line verdict of each
 * liveness property for a run's summary.
 */
import type { LivenessReport } from "../checker/index.js";
import type { Config } from "../model/index.js";
import {
  fairnessGroupText,
  fairnessGroups,
  lassoExplanation,
  livenessDescription,
  stemOf,
  type LassoViolation,
} from "./lasso.js";
import { traceTable } from "./traceTable.js";

/** `head` then the items, comma-separated, wrapped at about `width` characters; continuation lines start with `indent`. */
export function wrapList(head: string, items: readonly string[], width = 100, indent = "      "): string[] {
  const lines: string[] = [];
  let line = head;
  let fresh = true;
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? "," : "");
    if (!fresh && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = indent + piece;
    } else {
      line += (fresh ? "" : " ") + piece;
    }
    fresh = false;
  });
  lines.push(line);
  return lines;
}

/** The fairness account, one line (wrapped) per step that takes instances or state that disables them. */
export function fairnessLines(v: LassoViolation, indent = "  "): string[] {
  const out: string[] = [];
  for (const g of fairnessGroups(v.lasso.fairness)) {
    const text = fairnessGroupText(g, v.lasso.loopStart);
    const colon = text.indexOf(": ");
    out.push(...wrapList(`${indent}${text.slice(0, colon + 2)}`, g.instances, 100, `${indent}    `));
  }
  return out;
}

/** The cycle's heading and steps (or the stutter), numbered as in the whole trace. */
export function cycleText(cfg: Config, v: LassoViolation): string[] {
  const { loopStart, cycleLength } = v.lasso;
  const where = loopStart === 0 ? "the initial state" : `the state after step ${loopStart}`;
  if (cycleLength === 0) return [`cycle: stutters for ever in this state (${where}, the loop state)`];
  return [
    `cycle (repeats forever), from the loop state (${where}):`,
    "",
    traceTable(cfg, v.trace, loopStart + 1),
    `  ↺ back to the loop state (${where}), and round again`,
  ];
}

export function livenessViolationText(cfg: Config, v: LassoViolation, options: { readonly replay: string }): string {
  const { subject, stemLength, cycleLength } = v.lasso;
  const out: string[] = [];
  out.push(
    `Liveness counterexample to ${v.property} ${subject} (${livenessDescription(v.property)}): ` +
      `a stem of ${stemLength} actions, then a cycle of ${cycleLength} that repeats forever.`,
  );
  out.push("");
  out.push(traceTable(cfg, stemOf(v)));
  out.push("");
  out.push(...cycleText(cfg, v));
  out.push("");
  const why = lassoExplanation(cfg, v);
  out.push(`${v.property} ${subject} violated: ${why}`);
  if (v.message !== "" && v.message !== why) out.push(`  ${v.message}`);
  out.push("The cycle is fair: each weakly fair action instance is taken in it or disabled in one of its states:");
  out.push(...fairnessLines(v));
  out.push(`Replay it: ${options.replay}`);
  return out.join("\n");
}

/**
 * "liveness: ContentsServe violated (content=0, content=1)", "… holds"; when the run could
 * not check liveness, one line naming every property and the reason.
 */
export function livenessLines(report: LivenessReport): string[] {
  if (report.notCheckedReason !== null) {
    return [`liveness not checked (${report.properties.map((p) => p.name).join(", ")}): ${report.notCheckedReason}`];
  }
  return report.properties.map((p) =>
    p.verdict === "violated"
      ? `liveness: ${p.name} violated (${p.violators.join(", ")})`
      : p.verdict === "holds"
        ? `liveness: ${p.name} holds`
        : `liveness: ${p.name} not checked`,
  );
}
