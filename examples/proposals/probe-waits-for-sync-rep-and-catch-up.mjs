/**
 * Proposal (a), third try: FTS upgrades a pair from `n` to `s` only when sync rep is in force
 * on the primary, was not turned on by this probe, and the mirror holds all the primary's WAL.
 *
 * Greenplum behaviour it changes: as probe-waits-for-sync-rep-in-force.mjs, and the probe
 * reply would also say whether the mirror's flush position equals the primary's (the
 * walsender's sentPtr/flush comparison), which FTS requires before it writes `s`.
 *
 * What a reviewer should learn: the two conditions are each necessary (the first two tries
 * fail without either) and together sufficient here. It differs from the built-in safeguard
 * inSyncOnlyWhenCaughtUp, which asks that sync rep was *persisted* on before the probe; this
 * one asks that it is *in force*, which is what the deferred reload makes the difference.
 *
 * Verdict on `as-implemented`: SAFE. Every safety property holds, every witness is reached
 * (BackToPreferredRoles in 14 actions instead of 10: the pair waits longer for `s`) and every
 * liveness property holds; 198,846 distinct states, depth 32.
 */
import { caughtUp, defineVariant } from "mirrorcheck";

export default defineVariant({
  name: "probeWaitsForSyncRepAndCatchUp",
  description: "FTS writes mode s only when sync rep is in force (not turned on by this probe) and the mirror holds all the WAL",
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
        if (turnedOn || !p.syncRepEffective || !caughtUp(content)) content.catalog.mode = "n";
      },
    },
  },
});
