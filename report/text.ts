/** The readable summary of a check, for a terminal. */
import type { CheckReport } from "../api/index.js";
import { configTitle, describeConfig, formatAction, SAFEGUARDS } from "../model/index.js";
import { situationTable } from "./simulateText.js";
import { safetyPropertiesOf, witnessesOf } from "../properties/index.js";
import { num, renderTable } from "./table.js";
import { traceTable } from "./traceTable.js";
import { livenessLines, livenessViolationText } from "./livenessText.js";
import { isLasso } from "./lasso.js";

function faults(n: number): string {
  return n === 1 ? "1 fault" : `${n} faults`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function headline(report: CheckReport): string {
  const r = report.result;
  const stats = `${num(r.distinctStates)} distinct states, ${num(r.generatedStates)} generated, depth ${r.depth}, ${seconds(r.elapsedMs)}`;
  const first = r.violations[0];
  switch (r.verdict) {
    case "pass":
      return `PASS  ${stats}`;
    case "incomplete":
      return `INCOMPLETE  ${r.incompleteReason ?? "a bound was hit"}: ${stats}; no violation found in the explored part`;
    case "violation": {
      if (first.kind === "witness-unreached") return `FAIL  vacuous: witness ${first.property} was never reached (${stats})`;
      const invariants = r.violations.filter((v) => v.kind === "invariant");
      const lassos = r.violations.filter(isLasso);
      if (lassos.length > 0) {
        const all = [
          ...invariants.map((v) => `${v.property} (${v.length} actions)`),
          ...lassos.map((v) => `${v.property} ${v.lasso.subject} (a fair cycle: stem ${v.lasso.stemLength} + cycle ${v.lasso.cycleLength} actions)`),
        ];
        return all.length === 1
          ? `VIOLATION  ${all[0]} (${stats})`
          : `VIOLATION  ${all.length} properties violated: ${all.join(", ")} (${stats})`;
      }
      if (invariants.length === 1) {
        return `VIOLATION  ${first.property}: shortest counterexample in ${first.length} actions (${stats})`;
      }
      const list = invariants.map((v) => `${v.property} (${v.length})`).join(", ");
      return `VIOLATION  ${invariants.length} properties violated, shortest counterexamples in actions: ${list} (${stats})`;
    }
  }
}

/** How states were told apart, and what that risks. */
function fingerprintLine(report: CheckReport): string {
  const f = report.result.fingerprint;
  if (f.kind === "exact") {
    return "States are told apart by their exact canonical keys: no state can be lost to a fingerprint collision.";
  }
  const p = f.collisionProbability;
  const shown = p === 0 ? "0" : p < 1e-3 ? p.toExponential(1) : p.toPrecision(2);
  return `States are told apart by 64-bit fingerprints: probability that two collided and one went unexplored ≈ ${shown} (n²/2^65; --exact to rule it out).`;
}

function witnessLines(report: CheckReport): string {
  const r = report.result;
  const stopped = r.verdict === "violation" && r.violations.some((v) => v.kind === "invariant");
  const rows = r.witnesses.map((w) => {
    const desc = witnessesOf(report.config).find((x) => x.name === w.name)?.description ?? "";
    const status = w.reached
      ? `reached in ${w.depth} actions`
      : !w.required
        ? "not expected in this configuration"
        : stopped || r.verdict === "incomplete"
          ? "not reached before the run stopped"
          : "NEVER REACHED";
    return [w.name, status, desc];
  });
  return renderTable(["witness", "status", "meaning"], rows);
}

function actionLines(report: CheckReport): string {
  const rows = Object.entries(report.result.actions).map(([name, n]) => [name, num(n), n === 0 ? "never enabled" : ""]);
  return renderTable(["action", "transitions", ""], rows);
}

/** The `mirrorcheck check` arguments that name this report's configuration. */
export function checkArgs(report: CheckReport): string {
  const variant = report.config.variant ? ` --variant ${report.config.variant.file}` : "";
  return baseCheckArgs(report) + variant;
}

function baseCheckArgs(report: CheckReport): string {
  if (report.canonical !== null) return `--config ${report.name}`;
  const cfg = report.config;
  const args = [`--contents ${cfg.contents}`, `--txns ${cfg.txns}`, `--faults ${cfg.faults}`];
  if (cfg.mirroring !== "enabled") args.push(`--mirroring ${cfg.mirroring}`);
  if (cfg.hosts !== null) args.push(`--hosts ${cfg.hosts.count}`, `--placement ${cfg.hosts.placement}`);
  if (cfg.syncRepReload !== "immediate") args.push(`--sync-rep-reload ${cfg.syncRepReload}`);
  const off = SAFEGUARDS.filter((g) => !cfg.safeguards[g]);
  if (off.length > 0) args.push(`--off ${off.join(",")}`);
  return args.join(" ");
}

export interface CheckTextOptions {
  /** Trace files written for the invariant violations, in their order (--trace-out). */
  readonly traceFiles?: readonly string[];
}

export function checkText(report: CheckReport, options: CheckTextOptions = {}): string {
  const r = report.result;
  const out: string[] = [];
  out.push(`mirrorcheck check ${configTitle(report.name, report.config)}: ${describeConfig(report.config)} (${r.strategy.toUpperCase()})`);
  out.push(headline(report));
  for (const phase of r.skipped) out.push(`Skipped: ${phase}`);
  out.push(fingerprintLine(report));
  if (r.symmetry !== null) {
    out.push(`Symmetry: distinct states are counted up to ${r.symmetry} (orbits); traces are concrete paths.`);
  }
  if (r.strategy === "dfs") {
    out.push("DFS: traces are the paths DFS found, not necessarily the shortest; depth is the deepest DFS path.");
  }
  if (report.notCompared !== null) out.push(report.notCompared);
  else if (report.expectation !== null) {
    out.push(
      report.expectation.matches
        ? `As expected for configuration "${report.name}".`
        : `DIFFERS from the expected outcome of "${report.name}":\n  ${report.expectation.differences.join("\n  ")}`,
    );
  }
  let k = 0;
  // Counterexample files are written for invariant and liveness violations alike, in this order.
  const written = r.violations.filter((x) => x.kind !== "witness-unreached").length;
  for (const v of r.violations) {
    out.push("");
    if (v.kind === "witness-unreached") {
      out.push(`Witness ${v.property} unreached: ${v.message}.`);
      continue;
    }
    if (isLasso(v)) {
      const file = options.traceFiles?.[k];
      out.push(
        livenessViolationText(report.config, v, {
          replay:
            file !== undefined
              ? `mirrorcheck replay ${file}`
              : `mirrorcheck check ${checkArgs(report)} --trace-out cex.trace, then mirrorcheck replay ${written > 1 ? `cex.${v.property}.trace` : "cex.trace"}`,
        }),
      );
      k++;
      continue;
    }
    const desc = [...safetyPropertiesOf(report.config), ...report.properties].find((p) => p.name === v.property)?.description ?? "";
    out.push(`Counterexample to ${v.property} (${desc}), ${v.length} actions:`);
    out.push("");
    out.push(traceTable(report.config, v.trace));
    out.push("");
    out.push(`${v.property} violated: ${v.message}`);
    const m = report.minimised[k];
    if (m !== undefined) {
      out.push(
        m.length < v.length || m.faults < m.originalFaults
          ? `Minimised by replay: ${m.length} actions (${faults(m.faults)}) instead of ${m.originalLength} (${faults(m.originalFaults)}): ${m.trace
              .slice(1)
              .map((step) => (step.action === null ? "" : formatAction(step.action.action)))
              .join("; ")}`
          : `Minimised by replay: nothing to remove (${m.length} actions, ${faults(m.faults)}).`,
      );
    }
    const file = options.traceFiles?.[k];
    out.push(
      file !== undefined
        ? `Replay it: mirrorcheck replay ${file}`
        : `Replay it: mirrorcheck check ${checkArgs(report)}${report.options.all === true ? " --all" : ""} --trace-out cex.trace, then mirrorcheck replay ${
            written > 1 ? `cex.${v.property}.trace` : "cex.trace"
          }`,
    );
    k++;
  }
  if (r.violations.some((v) => v.kind === "invariant") && report.options.all !== true) {
    out.push("(Run with --all to keep going and report the shortest counterexample of every violated property.)");
  }
  if (r.liveness !== null) {
    out.push("");
    out.push(...livenessLines(r.liveness));
  }
  out.push("");
  out.push(witnessLines(report));
  out.push("");
  out.push(actionLines(report));
  if (report.situations !== null) {
    out.push("");
    out.push(situationTable(report.situations));
  }
  return out.join("\n");
}
