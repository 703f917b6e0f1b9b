/**
 * The state of the model: what a Greenplum cluster's segments, catalog and FTS hold at one
 * moment, for contents 0..K-1. Plain, immutable data (records, arrays, strings, numbers,
 * booleans); transitions produce a new state with immer recipes (see `actions/`).
 *
 * Naming follows Greenplum: a *content* is one shard; each has up to two *instances*
 * (segment processes with their own data directory and WAL), named by dbid in the catalog.
 * Instance 0 of content c is its preferred primary (dbid 2+c), instance 1 its preferred
 * mirror (dbid 2+K+c).
 */

/** The role a process runs in: `p` primary (accepts writes), `m` mirror (replays WAL). */
export type Role = "p" | "m";

/** Catalog mode of a pair: `s` in sync (the mirror holds every acknowledged commit), `n` not. */
export type Mode = "s" | "n";

/** Index of an instance within its content: 0 = preferred primary, 1 = preferred mirror. */
export type InstanceIndex = 0 | 1;

/** The follow-up message FTS owes a content after a probe. */
export type FtsMsg = "none" | "syncRepOff" | "promote" | "markDown";

/** One segment instance (a postmaster with its data directory). */
export interface Instance {
  /** The role the process runs in (its own view, not the catalog's). */
  readonly role: Role;
  /** Whether the process runs. A crashed instance keeps its role and its WAL on disk. */
  readonly alive: boolean;
  /** Txn ids whose commit records this instance has flushed, oldest first. */
  readonly wal: readonly number[];
  /** Persisted `synchronous_standby_names` (true = '*'): commits are to wait for the mirror. */
  readonly syncRep: boolean;
  /** The setting in force (differs from `syncRep` only until a reload with `syncRepReload = deferred`). */
  readonly syncRepEffective: boolean;
}

/** The content's pair of rows in `gp_segment_configuration`, as the coordinator sees it. */
export interface Catalog {
  /** Which instance has role `p` in the catalog. Its row always has status `u`. */
  readonly primary: InstanceIndex;
  /** Whether the catalog mirror's row has status `u` (up); false is `d` (down). */
  readonly mirrorUp: boolean;
  /** Mode of both rows: `s` or `n`. */
  readonly mode: Mode;
}

/** One content (shard): its instances, its catalog rows and its replication connection. */
export interface Content {
  /** Whether the mirror instance (instance 1) exists. */
  readonly hasMirror: boolean;
  /** Instance 0 (preferred primary) and instance 1 (preferred mirror; inert unless `hasMirror`). */
  readonly instances: readonly [Instance, Instance];
  readonly catalog: Catalog;
  /** The network path between the two instances. */
  readonly link: "up" | "down";
  /**
   * The primary's walsender reached STREAMING on the current replication connection.
   * Set only by WalSenderCaughtUp; cleared by every action that ends or replaces the
   * connection (a change of `alive` or `role`, a cut link, a replaced WAL).
   */
  readonly walSenderStreaming: boolean;
  /** The message FTS still owes this content after its last probe. */
  readonly ftsMsg: FtsMsg;
}

/** Client transaction status. History: only the actions that set it may read acked/failed. */
export type TxnStatus = "unused" | "waiting" | "acked" | "failed";

/**
 * One client transaction (txn id = index + 1). History, not cluster state: it records what
 * the client was told, so that properties can ask whether an acknowledged commit survived.
 */
export interface Txn {
  readonly status: TxnStatus;
  /** The content it committed on (null while unused). */
  readonly content: number | null;
  /** The dbid of the instance that wrote its commit record (null while unused). */
  readonly dbid: number | null;
}

export interface State {
  /** Contents 0..K-1. */
  readonly contents: readonly Content[];
  /** History: txns 1..W at indexes 0..W-1. */
  readonly txns: readonly Txn[];
  /** The next unused txn id (W+1 once all are used). */
  readonly nextTxn: number;
  /** Faults spent so far (every fault action spends one). */
  readonly faults: number;
}
