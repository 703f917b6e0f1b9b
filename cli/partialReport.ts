/**
 * The report of a search that ended without producing its own: the search thread ran out of
 * memory, or did not stop within the grace period after a signal. It says what is known (the
 * configuration, the figures of the last progress callback) and why the run is incomplete,
 * in the chosen format, so that even then stdout carries a verdict.
 */
import type { Config } from "../model/index.js";
import { describeConfig } from "../model/index.js";
import { configJson, num } from "../report/index.js";
import type { ProgressFigures } from "./searchProtocol.js";

export type PartialKind = "interrupted" | "memory";

export interface PartialContext {
  readonly command: "check" | "simulate";
  /** The configuration's name as reports print it ("default", "default+"). */
  readonly name: string;
  readonly config: Config;
  readonly strategy: string;
  readonly json: boolean;
}

/** "1,234 distinct states, depth 12, 3 s" (check) or "5,000 walks, 3 s" (simulate), as last measured. */
function figuresText(ctx: PartialContext, last: ProgressFigures | null): string {
  if (last === null) return "no progress measured yet";
  const what = ctx.command === "check" ? `${num(last.count)} distinct states, depth ${last.depth ?? 0}` : `${num(last.count)} walks`;
  return `${what}, ${(last.elapsedMs / 1000).toFixed(0)} s, when last measured`;
}

export function partialReport(ctx: PartialContext, kind: PartialKind, reason: string, last: ProgressFigures | null): string {
  if (ctx.json) {
    const json = {
      config: configJson(ctx.name, ctx.config),
      result: "incomplete",
      incompleteReason: reason,
      incompleteKind: kind,
      strategy: ctx.strategy,
      // Figures of the last progress callback: the search ended before it could count them itself.
      partial: true,
      ...(ctx.command === "check" ? { distinctStates: last?.count ?? null, depth: last?.depth ?? null } : { runs: last?.count ?? null }),
      elapsedMs: last === null ? null : Math.round(last.elapsedMs),
      violations: [],
    };
    return JSON.stringify(json, null, 2) + "\n";
  }
  const mode = ctx.command === "check" ? ` (${ctx.strategy.toUpperCase()})` : " (random walks)";
  return [
    `mirrorcheck ${ctx.command} ${ctx.name}: ${describeConfig(ctx.config)}${mode}`,
    `INCOMPLETE  ${reason}: ${figuresText(ctx, last)}; no violation found in the explored part`,
    "",
  ].join("\n");
}
