/**
 * The JSON form of a check (`mirrorcheck check --json`): exactly one object, whose traces
 * list actions in trace-file syntax (../shared/TRACE-FORMAT.md).
 */
import type { CheckReport } from "../api/index.js";
import { formatAction, SAFEGUARDS, type Config } from "../model/index.js";

export interface ConfigJson {
  readonly name: string;
  readonly contents: number;
  readonly txns: number;
  readonly faults: number;
  readonly mirroring: string;
  readonly hosts: number | null;
  readonly placement: string | null;
  readonly syncRepReload: string;
  readonly off: readonly string[];
}

export interface CheckJson {
  readonly config: ConfigJson;
  readonly result: "pass" | "violation" | "incomplete";
  readonly incompleteReason: string | null;
  readonly strategy: string;
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly depth: number;
  readonly elapsedMs: number;
  readonly fingerprint: { readonly kind: string; readonly collisionProbability: number };
  readonly violations: readonly {
    readonly property: string;
    readonly kind: string;
    readonly message: string;
    readonly length: number;
    readonly trace: readonly string[];
  }[];
  readonly witnesses: Readonly<Record<string, { readonly reached: boolean; readonly depth: number | null; readonly required: boolean }>>;
  readonly actions: Readonly<Record<string, number>>;
  readonly expected: { readonly matches: boolean; readonly differences: readonly string[] } | null;
}

export function configJson(name: string, cfg: Config): ConfigJson {
  return {
    name,
    contents: cfg.contents,
    txns: cfg.txns,
    faults: cfg.faults,
    mirroring: cfg.mirroring,
    hosts: cfg.hosts?.count ?? null,
    placement: cfg.hosts?.placement ?? null,
    syncRepReload: cfg.syncRepReload,
    off: SAFEGUARDS.filter((g) => !cfg.safeguards[g]),
  };
}

export function checkJson(report: CheckReport): CheckJson {
  const r = report.result;
  return {
    config: configJson(report.name, report.config),
    result: r.verdict,
    incompleteReason: r.incompleteReason,
    strategy: r.strategy,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    elapsedMs: Math.round(r.elapsedMs),
    // Exact keys: two states share a key only if they are equal, so no state is ever lost.
    fingerprint: { kind: r.fingerprint.kind, collisionProbability: 0 },
    violations: r.violations.map((v) => ({
      property: v.property,
      kind: v.kind,
      message: v.message,
      length: v.length,
      trace: v.trace.slice(1).map((step) => (step.action === null ? "" : formatAction(step.action.action))),
    })),
    witnesses: Object.fromEntries(
      r.witnesses.map((w) => [w.name, { reached: w.reached, depth: w.depth, required: w.required }]),
    ),
    actions: r.actions,
    expected: report.expectation,
  };
}
