/**
 * Small effects shared by several action families. Every effect is an immer recipe: it
 * mutates a `Draft<State>` (an immer draft in replay and reports, a private copy in the
 * exhaustive checker) and returns nothing.
 */
import type { Draft } from "immer";
import type { Config } from "../config.js";
import type { InstanceIndex, State } from "../state.js";
import { dbidOf } from "../config.js";

/** A guard's answer: undefined when enabled, otherwise the first unmet clause, in words. */
export type GuardResult = string | undefined;

export type DraftState = Draft<State>;

export function faultBudgetLeft(cfg: Config, s: State): boolean {
  return s.faults < cfg.faults;
}

/** Sets the persisted sync rep setting; with immediate reload it is in force at once. */
export function setSyncRep(cfg: Config, d: DraftState, c: number, i: InstanceIndex, on: boolean): void {
  const inst = d.contents[c].instances[i];
  inst.syncRep = on;
  if (cfg.syncRepReload === "immediate") inst.syncRepEffective = on;
}

/** "Fail the waiters of i": every txn waiting on that instance is told "error". */
export function failWaiters(d: DraftState, dbid: number): void {
  for (const txn of d.txns) {
    if (txn.status === "waiting" && txn.dbid === dbid) txn.status = "failed";
  }
}

/**
 * Stops a running instance: the process ends, its waiting clients get an error, and the
 * content's replication connection ends (so the walsender is no longer STREAMING).
 */
export function stopInstance(cfg: Config, d: DraftState, c: number, i: InstanceIndex): void {
  d.contents[c].instances[i].alive = false;
  failWaiters(d, dbidOf(cfg, c, i));
  d.contents[c].walSenderStreaming = false;
}
