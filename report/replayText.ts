/** The readable and the JSON form of a replay: one table of steps and expectations, then the verdict. */
import { describeConfig, formatAction } from "../model/index.js";
import type { ReplayResult } from "../trace/index.js";
import { configJson, type ConfigJson } from "./json.js";
import { diffStates, type Change } from "./describe.js";
import { renderTable } from "./table.js";
import { rootCauseJson, rootCauseOfReplay, rootCauseText, type RootCauseJson } from "./rootCause.js";

/**
 * What replay found for an expectation, in the expectation's own words: "violated" or "holds"
 * for `expect violated/holds`, "enabled" or "disabled"; "holds" or "does not hold" for a
 * catalog, instance, WAL or txn fact (the actual values are shown beside a failure); "same" or
 * "differs" for a recorded state or a cycle's return.
 */
export function checkedText(item: { readonly text: string; readonly ok: boolean; readonly actual: string }): string {
  const [keyword, what] = item.text.split(/\s+/);
  const opposite: Readonly<Record<string, string>> = { holds: "violated", violated: "holds", enabled: "disabled", disabled: "enabled" };
  if (keyword !== "expect") return item.ok ? "same" : "differs";
  const other = opposite[what];
  // A lasso's liveness expectation also fails on an unfair cycle (trace/replay.ts says so first): P did not hold there.
  if (what === "violated" && !item.ok && item.actual.startsWith("the cycle is not fair")) return "unfair cycle";
  if (other !== undefined) return item.ok ? what : other;
  return item.ok ? "holds" : "does not hold";
}

/** `configName`: the configuration the trace names (or whose values it has), printed before its parameters. */
export function replayText(file: string, r: ReplayResult, configName?: string): string {
  const rows: string[][] = [["0", "", "(initial state)", "", ""]];
  // The items carry no `loop` entry: its row goes before the first item after its line.
  let loopRow: string[] | null =
    r.lasso === null ? null : ["", String(r.lasso.line), "loop", `the cycle starts in this state (after step ${r.lasso.loopStart})`, ""];
  for (const item of r.items) {
    if (loopRow !== null && item.line > Number(loopRow[1])) {
      rows.push(loopRow);
      loopRow = null;
    }
    if (item.kind === "expect") {
      if (item.recorded === true && item.ok) continue; // only mismatches with a recorded state are news
      rows.push(["", String(item.line), `${item.text}: ${checkedText(item)} ${item.ok ? "✓" : "✗"}`, item.ok ? "" : "✗ FAILED", item.ok ? "" : `actual: ${item.actual}`]);
      continue;
    }
    const changes = diffStates(r.config, item.before, item.after);
    const label = formatAction(item.action);
    if (changes.length === 0) rows.push([String(item.step), String(item.line), label, "(no change)", ""]);
    changes.forEach((ch, n) => {
      rows.push([n === 0 ? String(item.step) : "", n === 0 ? String(item.line) : "", n === 0 ? label : "", ch.field, `${ch.before} → ${ch.after}`]);
    });
  }
  if (loopRow !== null) rows.push(loopRow);
  if (r.error !== null) rows.push(["", String(r.error.line), r.error.text, "✗ NOT ENABLED", r.error.message]);
  const variant = r.config.variant ? ` (variant ${r.config.variant.name}, ${r.config.variant.file})` : "";
  const named = configName === undefined || configName.startsWith("custom") ? "" : `${configName}, `;
  const out = [`mirrorcheck replay ${file}: ${named}${describeConfig(r.config)}${variant}`, ""];
  out.push(renderTable(["step", "line", "action / expectation", "what changed", "before → after"], rows));
  out.push("");
  // When the replayed path breaks a safety property: where it first broke, and what allowed it (the verdict stays last).
  const rc = rootCauseOfReplay(r);
  if (rc !== null) out.push(`Root cause: ${rootCauseText(rc)}`, "");
  const steps = r.items.filter((i) => i.kind === "step").length;
  const expects = r.items.filter((i) => i.kind === "expect" && i.recorded !== true);
  const recorded = r.items.filter((i) => i.kind === "expect" && i.recorded === true);
  const failed = [...expects, ...recorded].filter((i) => i.kind === "expect" && !i.ok);
  if (r.status === "not-enabled" && r.error !== null) {
    out.push(`ERROR  ${file}:${r.error.line}: ${r.error.message}`);
  } else if (failed.length > 0) {
    for (const f of failed) if (f.kind === "expect") out.push(`FAILED  ${file}:${f.line}: ${f.text}: ${checkedText(f)} ✗ — actual: ${f.actual}`);
  } else {
    const states = recorded.length > 0 ? `, ${recorded.length} recorded states matched` : "";
    out.push(`OK  ${steps} actions replayed, ${expects.length} expectations held${states}`);
  }
  return out.join("\n");
}

export interface ReplayJson {
  readonly file: string;
  readonly config: ConfigJson;
  readonly result: "ok" | "expectation-failed" | "not-enabled";
  readonly steps: readonly {
    readonly step: number;
    readonly line: number;
    readonly action: string;
    readonly changes: readonly Change[];
    /** immer patches (JSON Patch-like paths into the state) of the step. */
    readonly patches: readonly unknown[];
  }[];
  readonly expectations: readonly { readonly line: number; readonly text: string; readonly ok: boolean; readonly actual: string }[];
  readonly error: { readonly line: number; readonly text: string; readonly message: string } | null;
  /** When a state of the replayed path violates a safety property: the first such step and the rules that allowed it. */
  readonly rootCause: RootCauseJson | null;
}

export function replayJson(file: string, name: string, r: ReplayResult): ReplayJson {
  const steps: ReplayJson["steps"][number][] = [];
  const expectations: ReplayJson["expectations"][number][] = [];
  for (const item of r.items) {
    if (item.kind === "expect") {
      expectations.push({ line: item.line, text: item.text, ok: item.ok, actual: item.actual });
    } else {
      steps.push({
        step: item.step,
        line: item.line,
        action: formatAction(item.action),
        changes: diffStates(r.config, item.before, item.after),
        patches: item.patches,
      });
    }
  }
  return { file, config: configJson(name, r.config), result: r.status, steps, expectations, error: r.error, rootCause: rootCauseJson(rootCauseOfReplay(r)) };
}
