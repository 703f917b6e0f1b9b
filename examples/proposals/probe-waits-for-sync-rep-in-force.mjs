/**
 * Proposal (a), second try: FTS upgrades a pair from `n` to `s` only once sync rep is in force
 * on the primary (the reload applied it), and never in the probe that turned it on.
 *
 * Greenplum behaviour it changes: as probe-never-upgrades-when-enabling-sync-rep.mjs, and in
 * addition the probe reply would carry whether synchronous_standby_names is *in force*
 * (SyncRepStandbyNames after the reload), not only persisted; FTS keeps mode `n` until it is.
 *
 * What a reviewer should learn: waiting for the reload closes the window in which a catalog
 * `s` pair has a primary that does not wait (OnePrimaryPerContent and InSyncImpliesSyncRep now
 * hold), but not the loss. A commit acknowledged while sync rep was still off is on the
 * primary only; the walsender is STREAMING (it caught up before that commit), so FTS writes
 * `s` although the mirror lacks it. "In sync" must also mean "the mirror holds everything the
 * primary acknowledged": see probe-waits-for-sync-rep-and-catch-up.mjs.
 *
 * Verdict on `as-implemented`: NOT ENOUGH. NoLostAckedCommit fails in 10 actions (failover,
 * RecoverIncremental, WalSenderCaughtUp, ClientCommit, CommitAck txn=1 with sync rep off,
 * FtsProbe turns sync rep on and keeps n, ConfigReload, FtsProbe writes s, then the
 * primary's probe times out and FTS promotes a mirror without txn 1); InSyncMirrorHasAllAcked
 * fails in 9. OnePrimaryPerContent and InSyncImpliesSyncRep hold.
 */
import { defineVariant } from "mirrorcheck";

export default defineVariant({
  name: "probeWaitsForSyncRepInForce",
  description: "FTS writes mode s only when sync rep is in force on the primary and was not turned on by this probe",
  rules: {
    FtsProbe: {
      effect(draft, { action, builtin }) {
        const content = draft.contents[action.content];
        const i = content.catalog.primary;
        const modeBefore = content.catalog.mode;
        const syncRepBefore = content.instances[i].syncRep;
        builtin(draft);
        if (modeBefore !== "n" || content.catalog.mode !== "s") return;
        const p = content.instances[i];
        const turnedOn = !syncRepBefore && p.syncRep;
        if (turnedOn || !p.syncRepEffective) content.catalog.mode = "n";
      },
    },
  },
});
