/**
 * Proposal (b): a proposal that looks safe and is not. When the probe finds the primary down
 * and the pair in mode `n`, FTS promotes the mirror anyway if the mirror runs (role m) and its
 * link to the primary is up, instead of declaring a double fault.
 *
 * Greenplum behaviour it changes: FTS's decision table (src/backend/fts/ftsprobe.c, rows E3
 * and E4 of docs/protocol.md section 4): a failed probe promotes the mirror only when the
 * catalog says the pair is in sync (E3); otherwise the content is in double fault and stays
 * down (E4) until an administrator acts. The argument for the change: "the primary is really
 * dead, the mirror is alive and connected, so it must have been replicating; serving from it
 * beats an outage."
 *
 * What a reviewer should learn: a running, connected mirror is not an in-sync mirror. Mode `n`
 * is exactly the record that the primary acknowledged commits without waiting for it (sync
 * rep off while the mirror was down or catching up). Being connected says nothing about what
 * the mirror holds.
 *
 * Verdict on `default` (contents=2 txns=2 faults=2): UNSAFE. NoLostAckedCommit fails in 7
 * actions (promote-running-mirror-when-not-in-sync.trace): a probe timeout fails content 0
 * over to dbid 4, which acks txn 1 alone (mode n, sync rep off); gprecoverseg restarts dbid 2
 * as its mirror, still without txn 1; dbid 4 crashes; the probe finds the mirror running and
 * linked and promotes it: txn 1 is gone. OnePrimaryPerContent fails in 7 as well and
 * InSyncMirrorHasAllAcked in 12.
 */
import { defineVariant } from "mirrorcheck";

export default defineVariant({
  name: "promoteRunningMirrorWhenNotInSync",
  description: "a failed probe of a pair in mode n promotes the mirror when it runs as m and its link is up (row E3 instead of E4)",
  rules: {
    FtsProbe: {
      effect(draft, { action, builtin }) {
        const content = draft.contents[action.content];
        const cat = content.catalog;
        const primary = content.instances[cat.primary];
        const mirror = content.instances[cat.primary === 0 ? 1 : 0];
        if (!primary.alive && cat.mode === "n" && mirror.alive && mirror.role === "m" && content.link === "up") {
          // Row E3: flip the catalog and owe the new primary a PROMOTE.
          cat.primary = cat.primary === 0 ? 1 : 0;
          cat.mirrorUp = false;
          cat.mode = "n";
          content.ftsMsg = "promote";
          return;
        }
        builtin(draft);
      },
    },
  },
});
