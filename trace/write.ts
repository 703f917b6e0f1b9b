/** Writes traces in the trace-file format, so that `mirrorcheck replay` reproduces them. */
import {
  formatAction,
  PLACEMENTS,
  SAFEGUARDS,
  type Action,
  type Config,
} from "../model/index.js";

/**
 * The config line with explicit keys (defaults omitted), e.g. `config contents=2 txns=2 faults=2 off=...`.
 * Under a proposal it ends in `variant=PATH`: `variantPath` (relative to the folder the trace is
 * written to; the CLI computes it), else the proposal's file as it was named.
 */
export function configLine(cfg: Config, variantPath?: string): string {
  const parts = ["config", `contents=${cfg.contents}`, `txns=${cfg.txns}`, `faults=${cfg.faults}`];
  if (cfg.mirroring !== "enabled") parts.push(`mirroring=${cfg.mirroring}`);
  if (cfg.syncRepReload !== "immediate") parts.push(`syncRepReload=${cfg.syncRepReload}`);
  if (cfg.hosts) parts.push(`hosts=${cfg.hosts.count}`, `placement=${PLACEMENTS.find((p) => p === cfg.hosts?.placement)}`);
  const off = SAFEGUARDS.filter((g) => !cfg.safeguards[g]);
  if (off.length > 0) parts.push(`off=${off.join(",")}`);
  if (cfg.variant) parts.push(`variant=${variantPath ?? cfg.variant.file}`);
  return parts.join(" ");
}

export interface TraceText {
  readonly config: Config;
  readonly actions: readonly Action[];
  /** Comment lines written at the top (without the leading "# "). */
  readonly comments?: readonly string[];
  /**
   * Final `expect violated P` line, for a counterexample; for a liveness property with its
   * subject ("ContentsServe content=0").
   */
  readonly violated?: string;
  /**
   * A lasso: the number of actions before the `loop` line (the stem's length). The actions
   * after it form the cycle; when it equals the number of actions, the cycle is empty and the
   * behaviour stutters in the last state for ever.
   */
  readonly loopAt?: number;
  /** Under a proposal: its path relative to the trace's folder, for `variant=` (see configLine). */
  readonly variantPath?: string;
}

export function writeTrace(t: TraceText): string {
  const lines: string[] = [];
  for (const c of t.comments ?? []) lines.push(`# ${c}`);
  lines.push(configLine(t.config, t.variantPath));
  t.actions.forEach((a, k) => {
    if (k === t.loopAt) lines.push("loop");
    lines.push(formatAction(a));
  });
  if (t.loopAt === t.actions.length) lines.push("loop");
  if (t.violated !== undefined) lines.push(`expect violated ${t.violated}`);
  return lines.join("\n") + "\n";
}
