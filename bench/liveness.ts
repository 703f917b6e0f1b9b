/**
 * The benchmark's liveness section: what checking the liveness properties costs. Each
 * configuration runs with liveness on (the default) and off (`liveness: false`), one
 * worker; the difference is the edge store filled during the search plus the graph analysis
 * after it. Bytes per transition is the edge store's size at its largest over the transitions
 * it holds, the figure that decides how large a configuration liveness can still check.
 */
import { int, median, mib, secs, table } from "./format.js";
import type { RunJson } from "./runJson.js";

export interface LivenessRuns {
  readonly label: string;
  readonly on: readonly RunJson[];
  readonly off: readonly RunJson[];
}

/** Overhead of `on` over `off` in percent, signed ("+12%", "-1%": noise when liveness costs nothing). */
export function overhead(onMs: number, offMs: number): string {
  const pct = Math.round((100 * (onMs - offMs)) / offMs);
  return `${pct >= 0 ? "+" : ""}${pct}%`;
}

function row(r: LivenessRuns): string[] {
  const on = median(r.on.map((x) => x.elapsedMs));
  const off = median(r.off.map((x) => x.elapsedMs));
  const cost = r.on[0]?.livenessCost ?? null;
  const stored = cost !== null && cost.checked && cost.transitions > 0;
  return [
    r.label,
    secs(off),
    secs(on),
    overhead(on, off),
    stored ? `${Math.round(cost.elapsedMs)} ms` : "",
    stored ? int(cost.transitions) : "",
    stored ? mib(cost.edgeBytes / 1024) : "",
    stored ? (cost.edgeBytes / cost.transitions).toFixed(2) : "",
    `${mib(median(r.off.map((x) => x.maxRssKb)))} → ${mib(median(r.on.map((x) => x.maxRssKb)))}`,
  ];
}

export function livenessSection(runs: readonly LivenessRuns[], n: number): string[] {
  const checked = runs.some((r) => {
    const c = r.on[0]?.livenessCost ?? null;
    return c !== null && c.checked && c.transitions > 0;
  });
  return [
    "## Liveness (one worker, on and off)",
    "",
    `Median of ${n} runs each with liveness on (the default) and off (\`CheckOptions.liveness: false\`), ` +
      "interleaved. Overhead: time on ÷ time off − 1. Analysis: the graph analysis after the " +
      "search (SCCs and lassos), part of the time on. Edge store: its size at its largest; bytes/transition divides " +
      "it by the transitions it holds. Peak memory: off → on." +
      (checked ? "" : " This build stored no transitions (liveness not checked), so on and off ran the same search."),
    "",
    table(
      ["configuration", "time, off", "time, on", "overhead", "analysis", "transitions stored", "edge store", "bytes/transition", "peak memory"],
      runs.map(row),
    ),
    "",
  ];
}
