/**
 * `mirrorcheck compare --json`: the same data as the text, as one object. Counterexamples list
 * their actions in trace-file syntax, like `check --json`.
 */
import { formatAction } from "../model/index.js";
import type { Comparison, CompareMark, CompareRowKind, PropertyStatus } from "./compare.js";
import { configJson, type ConfigJson } from "./json.js";
import { isLasso } from "./lasso.js";
import type { ProposalInfo } from "./compareText.js";

interface CellJson {
  readonly text: string;
  readonly status: PropertyStatus | null;
  readonly value: number | null;
}

export interface CompareJson {
  readonly command: "compare";
  readonly config: ConfigJson;
  readonly proposal: ProposalInfo;
  /** Row names the proposal breaks (held, now fail) and fixes (failed, now hold). */
  readonly breaks: readonly string[];
  readonly fixes: readonly string[];
  /** The proposal's own properties and witnesses that fail. */
  readonly newFailing: readonly string[];
  readonly incomplete: boolean;
  readonly builtin: { readonly result: string; readonly distinctStates: number; readonly depth: number };
  readonly variant: { readonly result: string; readonly distinctStates: number; readonly depth: number };
  readonly rows: readonly { readonly kind: CompareRowKind; readonly name: string; readonly builtin: CellJson; readonly variant: CellJson; readonly mark: CompareMark }[];
  readonly counterexamples: readonly {
    readonly row: string;
    readonly mark: "breaks" | "fixes" | "new-fails";
    readonly side: "builtin" | "variant";
    readonly property: string;
    readonly message: string;
    readonly length: number;
    readonly trace: readonly string[];
    readonly subject?: string;
    readonly stemLength?: number;
    readonly cycleLength?: number;
    /** The file written for it with --trace-out, or null. */
    readonly file: string | null;
  }[];
}

export function compareJson(c: Comparison, proposal: ProposalInfo, traceFiles: readonly string[] = []): CompareJson {
  const side = (r: Comparison["builtin"]) => ({ result: r.result.verdict, distinctStates: r.result.distinctStates, depth: r.result.depth });
  return {
    command: "compare",
    config: configJson(c.builtin.name, c.builtin.config),
    proposal,
    breaks: c.breaks,
    fixes: c.fixes,
    newFailing: c.newFailing,
    incomplete: c.incomplete,
    builtin: side(c.builtin),
    variant: side(c.variant),
    rows: c.rows.map((r) => ({ kind: r.kind, name: r.name, builtin: r.builtin, variant: r.variant, mark: r.mark })),
    counterexamples: c.counterexamples.map((x, k) => {
      const v = x.violation;
      return {
        row: x.row,
        mark: x.mark,
        side: x.side,
        property: v.property,
        message: v.message,
        length: v.length,
        trace: v.trace.slice(1).map((s) => (s.action === null ? "" : formatAction(s.action.action))),
        ...(isLasso(v) ? { subject: v.lasso.subject, stemLength: v.lasso.stemLength, cycleLength: v.lasso.cycleLength } : {}),
        file: traceFiles[k] === undefined || traceFiles[k] === "" ? null : (traceFiles[k] ?? null),
      };
    }),
  };
}
