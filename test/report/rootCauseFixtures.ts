// A counterexample whose root cause several report tests pin.

/** as-implemented's NoLostAckedCommit counterexample (`check --config as-implemented --all`). */
export const AS_IMPLEMENTED_NO_LOST_ACKED = [
  "config contents=2 txns=2 faults=2 syncRepReload=deferred off=inSyncOnlyWhenCaughtUp",
  "FtsProbeTimeout content=0",
  "FtsSendPromote content=0",
  "RecoverIncremental content=0",
  "WalSenderCaughtUp content=0",
  "ClientCommit content=0",
  "CommitAck txn=1",
  "FtsProbe content=0",
  "FtsProbeTimeout content=0",
  "expect violated NoLostAckedCommit",
].join("\n");

