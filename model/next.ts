/**
 * The next-state relation: every action instance of a configuration, its guard and its
 * effect, dispatched once with ts-pattern (`exhaustive()`: an action without a handler does
 * not compile). Each instance is bound to its guard and effect when the configuration is
 * loaded, so the exhaustive checker's inner loop calls plain functions.
 *
 * One source of truth for the semantics: the effects are immer recipes. `step` applies a
 * recipe with immer (`produce`, for replay and reports, with patches when asked);
 * `stepFast` applies the same recipe to a private structural copy (for the checker, which
 * computes millions of steps and cannot afford a proxy per step). A test checks that both
 * agree on every transition of a configuration.
 */
import { produce, produceWithPatches, enablePatches, type Patch } from "immer";
import { match } from "ts-pattern";
import type { Action } from "./action.js";
import { ACTION_TYPES, ACTION_ARG } from "./action.js";
import * as admin from "./actions/admin.js";
import * as client from "./actions/client.js";
import type { DraftState, GuardResult } from "./actions/common.js";
import * as faults from "./actions/faults.js";
import * as fts from "./actions/fts.js";
import * as repl from "./actions/replication.js";
import { cloneState } from "./clone.js";
import type { Config } from "./config.js";
import type { State } from "./state.js";
import { applyRule, bindNewFamily } from "./variant/bind.js";
import { ruleChangeOf, familyArg } from "./variant/families.js";
import { variantOf } from "./variant/registry.js";

enablePatches();

/** An action instance with its guard and effect bound to the configuration. */
export interface BoundAction {
  readonly action: Action;
  /** undefined when enabled in the state, otherwise the first unmet guard clause. */
  readonly guard: (s: State) => GuardResult;
  /** The effect, as an immer recipe. */
  readonly effect: (d: DraftState) => void;
}

/** A built-in action bound to its built-in guard and effect (no proposal applied). */
export function bindBuiltin(cfg: Config, action: Action): BoundAction {
  return bind(cfg, action);
}

function bind(cfg: Config, action: Action): BoundAction {
  const bound = (guard: BoundAction["guard"], effect: BoundAction["effect"]): BoundAction => ({ action, guard, effect });
  return match(action)
    .with({ type: "ClientCommit" }, ({ content: c }) =>
      bound((s) => client.clientCommitGuard(cfg, s, c), (d) => client.clientCommitEffect(cfg, d, c)))
    .with({ type: "CommitAck" }, ({ txn: t }) =>
      bound((s) => client.commitAckGuard(cfg, s, t), (d) => client.commitAckEffect(d, t)))
    .with({ type: "WalStream" }, ({ content: c }) =>
      bound((s) => repl.walStreamGuard(s, c), (d) => repl.walStreamEffect(d, c)))
    .with({ type: "WalSenderCaughtUp" }, ({ content: c }) =>
      bound((s) => repl.walSenderCaughtUpGuard(s, c), (d) => repl.walSenderCaughtUpEffect(d, c)))
    .with({ type: "ConfigReload" }, ({ dbid }) =>
      bound((s) => repl.configReloadGuard(cfg, s, dbid), (d) => repl.configReloadEffect(cfg, d, dbid)))
    .with({ type: "PrimaryEnableSyncRep" }, ({ content: c }) =>
      bound((s) => repl.primaryEnableSyncRepGuard(cfg, s, c), (d) => repl.primaryEnableSyncRepEffect(cfg, d, c)))
    .with({ type: "FtsProbe" }, ({ content: c }) =>
      bound((s) => fts.ftsProbeGuard(s, c), (d) => fts.ftsProbeEffect(cfg, d, c)))
    .with({ type: "FtsProbeTimeout" }, ({ content: c }) =>
      bound((s) => fts.ftsProbeTimeoutGuard(cfg, s, c), (d) => fts.ftsProbeTimeoutEffect(cfg, d, c)))
    .with({ type: "FtsSendSyncRepOff" }, ({ content: c }) =>
      bound((s) => fts.ftsSendSyncRepOffGuard(s, c), (d) => fts.ftsSendSyncRepOffEffect(cfg, d, c)))
    .with({ type: "FtsMarkDown" }, ({ content: c }) =>
      bound((s) => fts.ftsMarkDownGuard(cfg, s, c), (d) => fts.ftsMarkDownEffect(d, c)))
    .with({ type: "FtsSendPromote" }, ({ content: c }) =>
      bound((s) => fts.ftsSendPromoteGuard(s, c), (d) => fts.ftsSendPromoteEffect(d, c)))
    .with({ type: "FtsRestart" }, () =>
      bound((s) => fts.ftsRestartGuard(cfg, s), (d) => fts.ftsRestartEffect(d)))
    .with({ type: "SegmentCrash" }, ({ dbid }) =>
      bound((s) => faults.segmentCrashGuard(cfg, s, dbid), (d) => faults.segmentCrashEffect(cfg, d, dbid)))
    .with({ type: "HostCrash" }, ({ host }) =>
      bound((s) => faults.hostCrashGuard(cfg, s, host), (d) => faults.hostCrashEffect(cfg, d, host)))
    .with({ type: "LinkCut" }, ({ content: c }) =>
      bound((s) => faults.linkCutGuard(cfg, s, c), (d) => faults.linkCutEffect(d, c)))
    .with({ type: "LinkHeal" }, ({ content: c }) =>
      bound((s) => faults.linkHealGuard(s, c), (d) => faults.linkHealEffect(d, c)))
    .with({ type: "SegmentRestart" }, ({ dbid }) =>
      bound((s) => faults.segmentRestartGuard(cfg, s, dbid), (d) => faults.segmentRestartEffect(cfg, d, dbid)))
    .with({ type: "RecoverIncremental" }, ({ content: c }) =>
      bound((s) => admin.recoverGuard(s, c), (d) => admin.recoverIncrementalEffect(cfg, d, c)))
    .with({ type: "RecoverFull" }, ({ content: c }) =>
      bound((s) => admin.recoverGuard(s, c), (d) => admin.recoverFullEffect(cfg, d, c)))
    .with({ type: "Rebalance" }, ({ content: c }) =>
      bound((s) => admin.rebalanceGuard(cfg, s, c), (d) => admin.rebalanceEffect(cfg, d, c)))
    .with({ type: "AddMirror" }, ({ content: c }) =>
      bound((s) => admin.addMirrorGuard(cfg, s, c), (d) => admin.addMirrorEffect(d, c)))
    .exhaustive();
}

/** The argument values an action family ranges over in a configuration. */
function argValues(cfg: Config, arg: (typeof ACTION_ARG)[keyof typeof ACTION_ARG]): number[] {
  const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);
  switch (arg) {
    case "content":
      return range(0, cfg.contents);
    case "txn":
      return range(1, cfg.txns);
    case "dbid":
      return range(2, 2 * cfg.contents);
    case "host":
      return range(0, cfg.placement?.hostCount ?? 0);
    case null:
      return [0];
  }
}

function makeAction(type: string, arg: (typeof ACTION_ARG)[keyof typeof ACTION_ARG], value: number): Action {
  return (arg === null ? { type } : { type, [arg]: value }) as Action;
}

const boundCache = new WeakMap<Config, readonly BoundAction[]>();

/**
 * Every action instance of the configuration, in enumeration order: by family in
 * docs/protocol.md order, then by argument (content, txn, dbid, host) ascending. With a
 * proposal (`cfg.variant`, docs/variants.md), the built-in families carry its rule changes
 * and its new families follow, in its order, arguments ascending. A new family's instance
 * is typed `Action` although its `type` is none of the built-in ones: every dispatch over
 * `Action` asks the proposal first (variant/families.ts).
 */
export function allActions(cfg: Config): readonly BoundAction[] {
  let all = boundCache.get(cfg);
  if (all === undefined) {
    const list: BoundAction[] = [];
    const variant = variantOf(cfg);
    for (const type of ACTION_TYPES) {
      const arg = ACTION_ARG[type];
      const change = ruleChangeOf(cfg, type);
      for (const v of argValues(cfg, arg)) {
        const b = bind(cfg, makeAction(type, arg, v));
        list.push(variant === null || change === undefined ? b : applyRule(cfg, variant, b, change));
      }
    }
    if (variant !== null) {
      for (const family of variant.variant.newActions) {
        for (const v of argValues(cfg, family.over)) list.push(bindNewFamily(cfg, variant, family, makeAction(family.name, family.over, v)));
      }
    }
    all = list;
    boundCache.set(cfg, all);
  }
  return all;
}

/** The action instances enabled in `s`, in enumeration order. */
export function enabledActions(cfg: Config, s: State): BoundAction[] {
  const out: BoundAction[] = [];
  for (const b of allActions(cfg)) if (b.guard(s) === undefined) out.push(b);
  return out;
}

/** Finds the bound instance of an action (by type and argument), or undefined if the configuration has none. */
export function findAction(cfg: Config, action: Action): BoundAction | undefined {
  const arg = familyArg(cfg, action.type);
  if (arg === undefined) return undefined;
  return allActions(cfg).find(
    (b) =>
      b.action.type === action.type &&
      (arg === null ||
        (b.action as unknown as Record<string, number>)[arg] === (action as unknown as Record<string, number>)[arg]),
  );
}

/** Applies an enabled action with immer: the state after it (frozen, structurally shared). */
export function step(s: State, b: BoundAction): State {
  return produce(s, b.effect);
}

/** Applies an enabled action with immer and returns the patches that describe the change. */
export function stepWithPatches(s: State, b: BoundAction): [State, Patch[]] {
  const [next, patches] = produceWithPatches(s, b.effect);
  return [next, patches];
}

/** Applies an enabled action to a private copy of `s`: the same recipe, without proxies. */
export function stepFast(s: State, b: BoundAction): State {
  const copy = cloneState(s);
  b.effect(copy);
  return copy;
}
