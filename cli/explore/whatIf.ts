/**
 * `what-if`: the current path under other rules. The configuration is the session's with
 * safeguards switched off or on and/or another sync rep reload; the path's actions are
 * applied again from the initial state. The answer is the first step that is no longer
 * enabled (with its unmet clause), or, when every step still applies, the properties and
 * witnesses whose verdict in the final state differs.
 */
import {
  SAFEGUARDS,
  SYNC_REP_RELOAD,
  findAction,
  formatAction,
  initialState,
  step,
  type Action,
  type Config,
  type Safeguard,
  type State,
  type SyncRepReload,
  parseSafeguard,
  withRules,
} from "../../model/index.js";
import { safetyPropertiesOf, witnessesOf } from "../../properties/index.js";
import { Rejection } from "./rejection.js";

export interface WhatIfRequest {
  readonly off: readonly Safeguard[];
  readonly on: readonly Safeguard[];
  readonly syncRepReload: SyncRepReload | null;
  readonly switchTo: boolean;
}

function safeguard(option: string, name: string | undefined): Safeguard {
  if (name === undefined) throw new Rejection(`${option} needs a safeguard; known: ${SAFEGUARDS.join(", ")}`);
  return parseSafeguard(name, option);
}

/** Reads `--off G[,G]` (repeatable), `--on G[,G]`, `--sync-rep-reload immediate|deferred`, `--switch`. */
export function parseWhatIf(args: readonly string[]): WhatIfRequest {
  const off: Safeguard[] = [];
  const on: Safeguard[] = [];
  let syncRepReload: SyncRepReload | null = null;
  let switchTo = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--off" || a === "--on") {
      const value = args[++i];
      const names = value === undefined ? [undefined] : value.split(",").filter((x) => x.length > 0);
      for (const n of names) (a === "--off" ? off : on).push(safeguard(a, n));
    } else if (a === "--sync-rep-reload") {
      const v = args[++i];
      const found = SYNC_REP_RELOAD.find((x) => x === v);
      if (found === undefined) throw new Rejection(`--sync-rep-reload must be one of ${SYNC_REP_RELOAD.join(", ")}, got ${v === undefined ? "nothing" : `"${v}"`}`);
      syncRepReload = found;
    } else if (a === "--switch") {
      switchTo = true;
    } else {
      throw new Rejection(`what-if does not know "${a}" (it takes --off SAFEGUARD, --on SAFEGUARD, --sync-rep-reload immediate|deferred, --switch)`);
    }
  }
  if (off.length === 0 && on.length === 0 && syncRepReload === null) {
    throw new Rejection("what-if needs a change: --off SAFEGUARD, --on SAFEGUARD or --sync-rep-reload immediate|deferred");
  }
  const both = off.find((g) => on.includes(g));
  if (both !== undefined) throw new Rejection(`${both} is both switched off and on`);
  return { off, on, syncRepReload, switchTo };
}

/** The configuration with the request's changes; every other field (and any the config carries) is kept. */
export function changedConfig(cfg: Config, r: WhatIfRequest): Config {
  return withRules(cfg, { off: r.off, on: r.on, ...(r.syncRepReload === null ? {} : { syncRepReload: r.syncRepReload }) });
}

/** What the changed rules say of the changes themselves: "promoteRequiresInSync off, syncRepReload deferred". */
export function changesText(r: WhatIfRequest): string {
  return [
    ...r.off.map((g) => `${g} off`),
    ...r.on.map((g) => `${g} on`),
    ...(r.syncRepReload === null ? [] : [`syncRepReload ${r.syncRepReload}`]),
  ].join(", ");
}

export interface Reapplied {
  /** The states the actions reach under `cfg`, from the initial state, as far as they apply. */
  readonly states: readonly State[];
  /** The first step (1-based) that is not enabled, with its unmet clause; null when all apply. */
  readonly stuck: { readonly step: number; readonly action: Action; readonly unmet: string } | null;
}

/** Applies `actions` from `cfg`'s initial state while each is enabled. */
export function reapply(cfg: Config, actions: readonly Action[]): Reapplied {
  const states: State[] = [initialState(cfg)];
  for (let k = 0; k < actions.length; k++) {
    const s = states[states.length - 1];
    const b = findAction(cfg, actions[k]);
    if (b === undefined) return { states, stuck: { step: k + 1, action: actions[k], unmet: "no such action instance in this configuration" } };
    const unmet = b.guard(s);
    if (unmet !== undefined) return { states, stuck: { step: k + 1, action: actions[k], unmet } };
    states.push(step(s, b));
  }
  return { states, stuck: null };
}

/** Verdict lines that differ between the old and the new final state. */
export function verdictChanges(oldCfg: Config, oldPath: readonly State[], newCfg: Config, newPath: readonly State[]): string[] {
  const out: string[] = [];
  const oldFinal = oldPath[oldPath.length - 1];
  const newFinal = newPath[newPath.length - 1];
  // The proposal is the same on both sides (what-if changes safeguards and the reload only).
  for (const p of safetyPropertiesOf(newCfg)) {
    const before = p.appliesTo(oldCfg) ? p.check(oldCfg, oldFinal) : null;
    const after = p.appliesTo(newCfg) ? p.check(newCfg, newFinal) : null;
    if (before === after) continue;
    if (after === null) out.push(`${p.name} no longer applies (it was ${before === undefined ? "holding" : "violated"})`);
    else if (before === null) out.push(`${p.name} now applies and ${after === undefined ? "holds" : `is violated: ${after}`}`);
    else if (after === undefined) out.push(`${p.name} now holds (it was violated: ${before})`);
    else if (before === undefined) out.push(`${p.name} is now violated: ${after}`);
    else out.push(`${p.name} is violated in another way: ${after}`);
  }
  for (const w of witnessesOf(newCfg)) {
    const reached = (cfg: Config, path: readonly State[]): boolean => {
      const after = w.after;
      return w.holds(cfg, path[path.length - 1]) && (after === undefined || path.some((s) => after(cfg, s)));
    };
    const before = reached(oldCfg, oldPath);
    const after = reached(newCfg, newPath);
    if (before !== after) out.push(`witness ${w.name} ${after ? "now holds" : "no longer holds"} in the final state`);
  }
  return out;
}

/** The answer to `what-if`, as lines, for the path `actions` (old states `oldPath`). */
export function whatIfText(oldCfg: Config, oldPath: readonly State[], actions: readonly Action[], r: WhatIfRequest): { text: string; newCfg: Config; reapplied: Reapplied } {
  const newCfg = changedConfig(oldCfg, r);
  const reapplied = reapply(newCfg, actions);
  const lines = [`With ${changesText(r)}, the ${actions.length} steps of the path:`];
  if (reapplied.stuck !== null) {
    const { step: k, action, unmet } = reapplied.stuck;
    lines.push(`  step ${k} (${formatAction(action)}) is no longer enabled: ${unmet}`);
    lines.push(`  (steps 1..${k - 1} still apply)`);
  } else {
    const changes = verdictChanges(oldCfg, oldPath, newCfg, reapplied.states);
    lines.push("  every step still applies.");
    if (changes.length === 0) lines.push("  Every property and witness has the same verdict in the final state.");
    else for (const c of changes) lines.push(`  ${c}`);
  }
  return { text: lines.join("\n"), newCfg, reapplied };
}
