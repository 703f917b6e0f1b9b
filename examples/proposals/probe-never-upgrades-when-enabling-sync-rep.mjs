/**
 * Proposal (a), first try: the FTS probe that turns sync rep on never writes mode `s`.
 *
 * Greenplum behaviour it changes: in Greenplum 6/7 the probe handler on the primary sets
 * synchronous_standby_names = '*' and replies; FTS, reading "mirror up and STREAMING", writes
 * the pair up and in sync (row D1) in that same probe. The setting is applied by the
 * checkpointer's reload later (syncRepReload=deferred), so for a while the catalog says `s`
 * while the primary still acknowledges commits without waiting for its mirror: configuration
 * `as-implemented` loses an acknowledged commit that way. This proposal keeps mode `n` in the
 * probe that turned sync rep on; the upgrade to `s` waits for the next probe.
 *
 * What a reviewer should learn: "one more probe" is not a synchronisation point. Nothing makes
 * the reload happen between the two probes, so the next probe writes `s` with sync rep still
 * not in force, and the old counterexample comes back one action longer.
 *
 * Verdict on `as-implemented` (contents=2 txns=2 faults=2, deferred reload): NOT ENOUGH.
 * The same four properties fail, each counterexample one action longer than without the
 * proposal: NoLostAckedCommit in 9 (after failover and recovery the new primary acks txn 1
 * with sync rep off; probe 1 turns sync rep on and keeps `n`; probe 2 writes `s` before any
 * ConfigReload; the primary's probe times out and FTS promotes the mirror, which never got
 * txn 1), OnePrimaryPerContent in 8, InSyncMirrorHasAllAcked in 8, InSyncImpliesSyncRep in 6.
 * See probe-waits-for-sync-rep-in-force.mjs for the next try.
 */
import { defineVariant } from "mirrorcheck";

export default defineVariant({
  name: "probeNeverUpgradesWhenEnablingSyncRep",
  description: "the FTS probe whose handler turned sync rep on keeps mode n; only a later probe may write s",
  rules: {
    FtsProbe: {
      effect(draft, { action, builtin }) {
        const content = draft.contents[action.content];
        const i = content.catalog.primary;
        const modeBefore = content.catalog.mode;
        const syncRepBefore = content.instances[i].syncRep;
        builtin(draft);
        // Row D1 leaves the catalog primary where it was; only a failed probe (E3) flips it,
        // and E3 writes mode n anyway.
        const turnedOn = !syncRepBefore && content.instances[i].syncRep;
        if (modeBefore === "n" && content.catalog.mode === "s" && turnedOn) content.catalog.mode = "n";
      },
    },
  },
});
