/**
 * Every action of the model (docs/protocol.md section 4), named Actor + Verb. One action
 * instance per argument value; ACTION_DESCRIPTIONS below says who acts and when it is
 * enabled. The guards and effects live in `actions/`, one file per family.
 */

export type Action =
  // Clients (actions/client.ts)
  | { readonly type: "ClientCommit"; readonly content: number }
  | { readonly type: "CommitAck"; readonly txn: number }
  // Replication (actions/replication.ts)
  | { readonly type: "WalStream"; readonly content: number }
  | { readonly type: "WalSenderCaughtUp"; readonly content: number }
  | { readonly type: "ConfigReload"; readonly dbid: number }
  | { readonly type: "PrimaryEnableSyncRep"; readonly content: number }
  // FTS (actions/fts.ts)
  | { readonly type: "FtsProbe"; readonly content: number }
  | { readonly type: "FtsProbeTimeout"; readonly content: number }
  | { readonly type: "FtsSendSyncRepOff"; readonly content: number }
  | { readonly type: "FtsMarkDown"; readonly content: number }
  | { readonly type: "FtsSendPromote"; readonly content: number }
  | { readonly type: "FtsRestart" }
  // Faults and restarts (actions/faults.ts)
  | { readonly type: "SegmentCrash"; readonly dbid: number }
  | { readonly type: "HostCrash"; readonly host: number }
  | { readonly type: "LinkCut"; readonly content: number }
  | { readonly type: "LinkHeal"; readonly content: number }
  | { readonly type: "SegmentRestart"; readonly dbid: number }
  // Administration (actions/admin.ts)
  | { readonly type: "RecoverIncremental"; readonly content: number }
  | { readonly type: "RecoverFull"; readonly content: number }
  | { readonly type: "Rebalance"; readonly content: number }
  | { readonly type: "AddMirror"; readonly content: number };

export type ActionType = Action["type"];

/** Every action family in docs/protocol.md order: the order in which actions are enumerated. */
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

/** Who acts and when, for each family (shown by `mirrorcheck list`). */
export const ACTION_DESCRIPTIONS: Readonly<Record<ActionType, string>> = {
  ClientCommit: "a client commits a new txn on the content's catalog primary, which must run as p",
  CommitAck: "the primary tells the client \"committed\": sync rep not in force, or the mirror flushed the record",
  WalStream: "the walsender ships the next commit record to the mirror, which flushes it",
  WalSenderCaughtUp: "the walsender moves from CATCHUP to STREAMING once the mirror holds all the primary's WAL",
  ConfigReload: "the checkpointer applies a changed sync rep setting (syncRepReload=deferred only)",
  PrimaryEnableSyncRep: "bug variant syncRepOnBeforeInSync only: a streaming primary turns sync rep on by itself",
  FtsProbe: "FTS probes the catalog primary of a mirrored content and applies its decision table (rows A, C, D1-D3, E3, E4)",
  FtsProbeTimeout: "fault: the probe of a running primary times out (hung or partitioned) and counts as failed",
  FtsSendSyncRepOff: "FTS sends the SYNCREP_OFF it owes to the catalog primary",
  FtsMarkDown: "bug variant markDownBeforeSyncRepOff only: FTS writes the mirror down after sending SYNCREP_OFF",
  FtsSendPromote: "FTS sends the PROMOTE it owes to the catalog primary (the old mirror)",
  FtsRestart: "fault: FTS crashes and restarts, forgetting every message it owed",
  SegmentCrash: "fault: a running instance crashes; clients waiting on it get an error",
  HostCrash: "fault: a host goes down with every instance on it (only with hosts)",
  LinkCut: "fault: the network between a content's two instances breaks",
  LinkHeal: "the network between a content's instances comes back",
  SegmentRestart: "a stopped instance starts again in its old role",
  RecoverIncremental: "gprecoverseg: pg_rewind the catalog mirror (when the catalog says it is down) and start it as a mirror",
  RecoverFull: "gprecoverseg -F: rebuild the catalog mirror from a base backup and start it as a mirror",
  Rebalance: "gprecoverseg -r: stop the acting primary that is a preferred mirror, so FTS fails back",
  AddMirror: "gpaddmirrors: create the mirror of a mirrorless content (mirroring=addLater only)",
};

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

const ARG_KEYS = ["content", "txn", "dbid", "host"] as const;

/**
 * The action in trace-file syntax: `FtsProbe content=0`, `FtsRestart`. A proposal's new
 * family (docs/variants.md) is written the same way, from the argument its instance carries.
 */
export function formatAction(a: Action): string {
  const fields = a as unknown as Record<string, number | undefined>;
  const arg = Object.hasOwn(ACTION_ARG, a.type) ? ACTION_ARG[a.type] : (ARG_KEYS.find((k) => fields[k] !== undefined) ?? null);
  if (arg === null) return a.type;
  return `${a.type} ${arg}=${fields[arg]}`;
}
