/**
 * Every action of the model (PROTOCOL.md section 4), named Actor + Verb. One action
 * instance per argument value; the comment says who acts and when it is enabled. The
 * guards and effects live in `actions/`, one file per family.
 */

export type Action =
  // Clients (actions/client.ts)
  /** A client commits a new txn on content's catalog primary, which runs as `p`. */
  | { readonly type: "ClientCommit"; readonly content: number }
  /** The primary answers "committed": sync rep off, or the mirror flushed the record. */
  | { readonly type: "CommitAck"; readonly txn: number }
  // Replication (actions/replication.ts)
  /** The walsender ships the next commit record to the mirror, which flushes it. */
  | { readonly type: "WalStream"; readonly content: number }
  /** The walsender moves from CATCHUP to STREAMING once the mirror holds all the primary's WAL. */
  | { readonly type: "WalSenderCaughtUp"; readonly content: number }
  /** The checkpointer applies a changed sync rep setting (`syncRepReload = deferred` only). */
  | { readonly type: "ConfigReload"; readonly dbid: number }
  /** Bug variant only: a streaming primary turns sync rep on by itself. */
  | { readonly type: "PrimaryEnableSyncRep"; readonly content: number }
  // FTS (actions/fts.ts)
  /** FTS probes the catalog primary and applies its decision table. */
  | { readonly type: "FtsProbe"; readonly content: number }
  /** Fault: the probe of a running primary times out (hung or partitioned) and counts as failed. */
  | { readonly type: "FtsProbeTimeout"; readonly content: number }
  /** FTS sends the SYNCREP_OFF it owes to the catalog primary. */
  | { readonly type: "FtsSendSyncRepOff"; readonly content: number }
  /** Bug variant only: FTS writes the mirror down after it sent SYNCREP_OFF. */
  | { readonly type: "FtsMarkDown"; readonly content: number }
  /** FTS sends the PROMOTE it owes to the catalog primary (the old mirror). */
  | { readonly type: "FtsSendPromote"; readonly content: number }
  /** Fault: FTS crashes and restarts, forgetting every message it owed. */
  | { readonly type: "FtsRestart" }
  // Faults and restarts (actions/faults.ts)
  /** Fault: a running instance crashes. */
  | { readonly type: "SegmentCrash"; readonly dbid: number }
  /** Fault: a host goes down with every instance on it (only with hosts). */
  | { readonly type: "HostCrash"; readonly host: number }
  /** Fault: the network path between a content's two instances breaks. */
  | { readonly type: "LinkCut"; readonly content: number }
  /** The network path comes back. */
  | { readonly type: "LinkHeal"; readonly content: number }
  /** A stopped instance starts again in its old role. */
  | { readonly type: "SegmentRestart"; readonly dbid: number }
  // Administration (actions/admin.ts)
  /** `gprecoverseg`: pg_rewind the catalog mirror and start it as a mirror. */
  | { readonly type: "RecoverIncremental"; readonly content: number }
  /** `gprecoverseg -F`: rebuild the catalog mirror with pg_basebackup. */
  | { readonly type: "RecoverFull"; readonly content: number }
  /** `gprecoverseg -r`: stop the acting primary that is a preferred mirror, so FTS fails back. */
  | { readonly type: "Rebalance"; readonly content: number }
  /** `gpaddmirrors`: create the mirror of a mirrorless content (`mirroring = addLater` only). */
  | { readonly type: "AddMirror"; readonly content: number };

export type ActionType = Action["type"];

/** Every action family in PROTOCOL.md order: the order in which actions are enumerated. */
export const ACTION_TYPES: readonly ActionType[] = [
  "ClientCommit",
  "CommitAck",
  "WalStream",
  "WalSenderCaughtUp",
  "ConfigReload",
  "PrimaryEnableSyncRep",
  "FtsProbe",
  "FtsProbeTimeout",
  "FtsSendSyncRepOff",
  "FtsMarkDown",
  "FtsSendPromote",
  "FtsRestart",
  "SegmentCrash",
  "HostCrash",
  "LinkCut",
  "LinkHeal",
  "SegmentRestart",
  "RecoverIncremental",
  "RecoverFull",
  "Rebalance",
  "AddMirror",
];

/** The argument an action family takes, as written in trace files. */
export type ActionArg = "content" | "txn" | "dbid" | "host" | null;

export const ACTION_ARG: Readonly<Record<ActionType, ActionArg>> = {
  ClientCommit: "content",
  CommitAck: "txn",
  WalStream: "content",
  WalSenderCaughtUp: "content",
  ConfigReload: "dbid",
  PrimaryEnableSyncRep: "content",
  FtsProbe: "content",
  FtsProbeTimeout: "content",
  FtsSendSyncRepOff: "content",
  FtsMarkDown: "content",
  FtsSendPromote: "content",
  FtsRestart: null,
  SegmentCrash: "dbid",
  HostCrash: "host",
  LinkCut: "content",
  LinkHeal: "content",
  SegmentRestart: "dbid",
  RecoverIncremental: "content",
  RecoverFull: "content",
  Rebalance: "content",
  AddMirror: "content",
};

/** Actions that spend one unit of the fault budget. */
export const FAULT_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>([
  "FtsProbeTimeout",
  "FtsRestart",
  "SegmentCrash",
  "HostCrash",
  "LinkCut",
]);

/** The action in trace-file syntax: `FtsProbe content=0`, `FtsRestart`. */
export function formatAction(a: Action): string {
  const arg = ACTION_ARG[a.type];
  if (arg === null) return a.type;
  const value = (a as unknown as Record<string, number>)[arg];
  return `${a.type} ${arg}=${value}`;
}
