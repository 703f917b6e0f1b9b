/**
 * Weak fairness (docs/protocol.md section 5): the action families whose every instance is weakly
 * fair — the processes and the administrator a healthy cluster relies on. A fair behaviour
 * never leaves such an instance enabled for ever without taking it.
 *
 * Not fair: ClientCommit (clients may stop), the faults (SegmentCrash, HostCrash, LinkCut,
 * FtsProbeTimeout, FtsRestart: they are bounded by F anyway), RecoverFull and AddMirror
 * (administrative choices the protocol does not promise).
 *
 * With a proposal (docs/variants.md), a changed built-in family keeps its fairness and a new
 * family is weakly fair when it says `fair: true`.
 */
import type { Action, ActionType } from "./action.js";
import type { Config } from "./config.js";
import { allActions, type BoundAction } from "./next.js";
import { newFamilyOf } from "./variant/families.js";

export const FAIR_FAMILIES: readonly ActionType[] = [
  "CommitAck",
  "WalStream",
  "WalSenderCaughtUp",
  "ConfigReload",
  "PrimaryEnableSyncRep",
  "FtsProbe",
  "FtsSendSyncRepOff",
  "FtsMarkDown",
  "FtsSendPromote",
  "LinkHeal",
  "SegmentRestart",
  "RecoverIncremental",
  "Rebalance",
];

const fairFamily = new Set<ActionType>(FAIR_FAMILIES);

/** Whether every instance of this built-in action's family is weakly fair. */
export function isFair(action: Action): boolean {
  return fairFamily.has(action.type);
}

/** Whether the action's family is weakly fair in this configuration (a proposal's new family when it says so). */
export function isFairIn(cfg: Config, action: Action): boolean {
  return fairFamily.has(action.type) || newFamilyOf(cfg, action.type)?.fair === true;
}

const fairCache = new WeakMap<Config, readonly BoundAction[]>();

/**
 * The weakly fair action instances of a configuration, in enumeration order (the order of
 * `allActions`). Includes instances that can never be enabled (e.g. ConfigReload with
 * immediate reload): a disabled instance is trivially fair.
 */
export function fairInstances(cfg: Config): readonly BoundAction[] {
  let list = fairCache.get(cfg);
  if (list === undefined) {
    list = allActions(cfg).filter((b) => isFairIn(cfg, b.action));
    fairCache.set(cfg, list);
  }
  return list;
}
