/**
 * The readable summary of a random search, for a terminal. It is a function of the report
 * alone and the report a function of the request and the seed, so the same seed prints the
 * same text; timings appear only when asked for (`timing`), as the last line.
 */
import type { SimulateReport } from "../api/index.js";
import {
  configTitle,
  describeConfig,
  formatAction,
  PLACEMENTS,
  SAFEGUARDS,
  SITUATION_DESCRIPTIONS,
  SITUATIONS,
  type Situation,
} from "../model/index.js";
import { safetyPropertiesOf, witnessesOf } from "../properties/index.js";
import { writeTrace } from "../trace/index.js";
import { num, renderTable } from "./table.js";
import { traceTable } from "./traceTable.js";

/** The command-line flags that name the report's configuration. */
export function configFlags(report: SimulateReport): string[] {
  if (report.canonical !== null) return ["--config", report.canonical.name];
  const c = report.config;
  const flags = ["--config", "default", "--contents", String(c.contents), "--txns", String(c.txns), "--faults", String(c.faults)];
  if (c.mirroring !== "enabled") flags.push("--mirroring", c.mirroring);
  if (c.hosts) flags.push("--hosts", String(c.hosts.count), "--placement", PLACEMENTS.find((p) => p === c.hosts?.placement) ?? "group");
  if (c.syncRepReload !== "immediate") flags.push("--sync-rep-reload", c.syncRepReload);
  const off = SAFEGUARDS.filter((g) => !c.safeguards[g]);
  if (off.length > 0) flags.push("--off", off.join(","));
  return flags;
}

function variantFlags(report: SimulateReport): string[] {
  return report.config.variant ? ["--variant", report.config.variant.file] : [];
}

/** The command that replays the shrunk walk of the report's violation ("" without one). */
export function replayCommand(report: SimulateReport): string {
  const v = report.result.violation;
  if (v === null) return "";
  const flags = ["--seed", String(v.runSeed), "--depth", String(report.depth), "--path", v.path];
  return ["mirrorcheck simulate", ...configFlags(report), ...variantFlags(report), ...flags].join(" ");
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** A property trace files know: the contract's, or the proposal's. */
function isContractProperty(report: SimulateReport, name: string): boolean {
  return safetyPropertiesOf(report.config).some((p) => p.name === name);
}

/** The violation as a trace file (docs/trace-format.md) that `mirrorcheck replay` reproduces ("" without one). */
export function traceFileText(report: SimulateReport, options: { readonly variantPath?: string } = {}): string {
  const v = report.result.violation;
  if (v === null) return "";
  const comments = [
    `mirrorcheck simulate ${report.name}: ${v.property} found by run ${v.run} (seed ${v.runSeed}), fast-check path ${v.path}`,
    `${lengths(report)}${report.result.minimise ? " by replay" : ""}`,
    `the shrunk walk: ${replayCommand(report)}`,
  ];
  const actions = v.trace.flatMap((step) => (step.action === null ? [] : [step.action.action]));
  const contract = isContractProperty(report, v.property);
  const text = writeTrace({
    config: report.config,
    actions,
    comments,
    ...(contract ? { violated: v.property } : {}),
    ...(options.variantPath === undefined ? {} : { variantPath: options.variantPath }),
  });
  // A custom property is not known to trace files: say what breaks, as a comment.
  return contract ? text : `${text}# ${v.property} (a custom property) is violated here\n`;
}

function headline(report: SimulateReport): string {
  const r = report.result;
  const v = r.violation;
  if (v === null) {
    const distinct = r.distinctStates === null ? "" : `, ${num(r.distinctStates)} distinct states`;
    const stopped = r.interrupted ? ` (time limit: ${num(r.runs)} of ${num(r.runsRequested)} runs)` : "";
    return `PASS  no violation in ${num(r.runs)} ${plural(r.runs, "walk")}${stopped}: ${num(r.steps)} steps${distinct}`;
  }
  const bfs = report.bfsShortest === null ? "" : ` (BFS shortest: ${report.bfsShortest})`;
  return `VIOLATION  ${v.property} in run ${num(v.run)} (seed ${v.runSeed}) after ${num(r.steps)} steps: ${lengths(report)}${bfs}`;
}

/** "walk of 11 actions, shrunk to 8 by fast-check, minimised to 5", as far as it was taken. */
function lengths(report: SimulateReport): string {
  const r = report.result;
  const v = r.violation;
  if (v === null) return "";
  const parts = [`walk of ${v.walkLength} actions`];
  parts.push(r.shrink ? `shrunk to ${v.shrunkLength} by fast-check` : "not shrunk");
  if (r.minimise) parts.push(`minimised to ${v.minimisedLength}`);
  return parts.join(", ");
}

function witnessLines(report: SimulateReport): string {
  const rows = report.result.witnesses.map((w) => {
    const desc = witnessesOf(report.config).find((x) => x.name === w.name)?.description ?? "";
    const status = w.reached
      ? `reached after ${w.depth} actions`
      : w.required
        ? "not reached by these walks"
        : "not expected in this configuration";
    return [w.name, status, desc];
  });
  return renderTable(["witness", "status", "meaning"], rows);
}

function actionLines(report: SimulateReport): string {
  const rows = Object.entries(report.result.actions).map(([name, n]) => [name, num(n), n === 0 ? "never taken" : ""]);
  return renderTable(["action", "steps", ""], rows);
}

/** The situation coverage table (also for a check's counts: then states are distinct states, steps transitions). */
export function situationTable(counts: Readonly<Record<Situation, number>>): string {
  const rows = SITUATIONS.map((s) => [s, num(counts[s]), SITUATION_DESCRIPTIONS[s]]);
  return renderTable(["situation", "seen", "counted over"], rows);
}

export interface SimulateTextOptions {
  /** Add the elapsed time and steps/s as the last line (the text then differs from run to run). */
  readonly timing?: boolean;
}

export function simulateText(report: SimulateReport, options: SimulateTextOptions = {}): string {
  const r = report.result;
  const out: string[] = [];
  const shard = report.shard === null ? "" : `, shard ${report.shard.index}/${report.shard.count}`;
  out.push(
    `mirrorcheck simulate ${configTitle(report.name, report.config)}: ${describeConfig(report.config)} ` +
      (report.replay === null
        ? `(random walks, seed ${report.seeds.base}${shard}, ` +
          `${num(r.runsRequested)} ${plural(r.runsRequested, "run")} of at most ${report.depth} actions)`
        : `(replay of the walk of seed ${report.replay.seed}, path ${report.replay.path}, at most ${report.depth} actions)`),
  );
  out.push(headline(report));
  out.push("Safety only: walks check the safety properties at every step; liveness needs the whole graph (mirrorcheck check).");
  if (report.canonical !== null && report.config.variant) {
    out.push(`Not compared with the expected outcome of "${report.name}": proposal ${report.config.variant.name} (${report.config.variant.file}) changes the rules.`);
  } else if (report.expectation !== null) {
    const exp = report.canonical?.expected;
    out.push(
      report.expectation.matches
        ? exp?.result === "pass"
          ? `As expected for configuration "${report.name}" (a random search proves nothing: \`mirrorcheck check\` does).`
          : `As expected for configuration "${report.name}".`
        : `DIFFERS from the expected outcome of "${report.name}":\n  ${report.expectation.differences.join("\n  ")}`,
    );
  }
  const v = r.violation;
  if (v !== null) {
    const desc = safetyPropertiesOf(report.config).find((p) => p.name === v.property)?.description ?? "a custom property";
    out.push("");
    out.push(`Counterexample to ${v.property} (${desc}), ${v.length} actions, ${v.faults} of them faults:`);
    out.push("");
    out.push(traceTable(report.config, v.trace));
    out.push("");
    out.push(`${v.property} violated: ${v.message}`);
    out.push("");
    out.push(`Replay the shrunk walk: ${replayCommand(report)}`);
    out.push("The counterexample as a trace file (--trace FILE writes it; `mirrorcheck replay FILE` reproduces it):");
    out.push("");
    for (const line of traceFileText(report).trimEnd().split("\n")) out.push(`    ${line}`);
  }
  out.push("");
  const distinct = r.distinctStates === null ? "?" : num(r.distinctStates);
  out.push(
    `Coverage of ${num(r.runs)} ${plural(r.runs, "walk")}: ${num(r.steps)} steps, ${distinct} distinct states, ` +
      `${num(r.deadlocks)} walks ended with no action enabled.`,
  );
  out.push("");
  out.push(witnessLines(report));
  out.push("");
  out.push(actionLines(report));
  out.push("");
  out.push(situationTable(report.situations));
  if (options.timing === true) {
    out.push("");
    out.push(timingLine(report));
  }
  return out.join("\n");
}

/** Elapsed time and throughput: the only part of a search that differs between two runs. */
export function timingLine(report: SimulateReport): string {
  const r = report.result;
  const shrinkMs = r.violation?.shrinkMs ?? 0;
  const searchMs = r.elapsedMs - shrinkMs;
  const sps = searchMs > 0 ? (r.steps * 1000) / searchMs : 0;
  const shrink = r.violation === null ? "" : `, then ${(shrinkMs / 1000).toFixed(1)} s shrinking and minimising`;
  return `Timing: ${num(r.runs)} walks, ${num(r.steps)} steps in ${(searchMs / 1000).toFixed(1)} s (${num(Math.round(sps))} steps/s)${shrink}`;
}

/** Used by the JSON form too. */
export function traceStrings(report: SimulateReport): string[] {
  const v = report.result.violation;
  return v === null ? [] : v.trace.flatMap((step) => (step.action === null ? [] : [formatAction(step.action.action)]));
}
