/**
 * Proposal (c): a new action family, FtsResendPromote content. When the catalog primary of a
 * content runs as a mirror (a PROMOTE was lost to an FTS restart), FTS owes it a PROMOTE
 * again; FtsSendPromote then delivers it. The family is weakly fair: a running FTS does it
 * eventually.
 *
 * Greenplum behaviour it changes: row C of FTS's decision table (the probe is answered by a
 * mirror: send PROMOTE again). Configuration `bug-resendLostPromote` switches row C off; there
 * every safety property holds but the liveness properties ContentsServe, MirrorsResync and
 * PreferredRolesReturn fail for both contents: after FTS restarts between writing the catalog
 * and sending PROMOTE, the catalog primary is a mirror for ever and the content never serves.
 * This proposal restores the resend as its own action instead of a probe row.
 *
 * What a reviewer should learn: a liveness fix needs its action to be fair. The same family
 * with `fair: false` changes no safety verdict and no liveness verdict either (a fair cycle may
 * simply never take it); with `fair: true` the cycle must take it while it stays enabled.
 *
 * Verdict on `bug-resendLostPromote` (contents=2 txns=2 faults=2, row C off): FIXED. Every
 * safety property holds (as without the proposal), every witness is reached, and all four
 * liveness properties hold for every content and txn: ContentsServe, MirrorsResync and
 * PreferredRolesReturn are fixed for contents 0 and 1. 126,308 distinct states, depth 28:
 * the figures of `default`, whose row C does the same job inside the probe. With
 * `fair: false` instead, the three liveness properties still fail for both contents.
 */
import { defineVariant } from "mirrorcheck";

export default defineVariant({
  name: "ftsResendPromote",
  description: "FTS sends PROMOTE again to a catalog primary that runs as a mirror",
  newActions: [
    {
      name: "FtsResendPromote",
      description: "FTS owes PROMOTE again to the catalog primary when it runs as a mirror (a PROMOTE was lost)",
      over: "content",
      fair: true,
      guard(state, { action }) {
        const content = state.contents[action.content];
        if (!content.hasMirror) return "the content has no mirror";
        if (content.ftsMsg !== "none") return "FTS still owes the content a message";
        const p = content.instances[content.catalog.primary];
        if (!p.alive || p.role !== "m") return "the catalog primary is not alive with role m";
        return undefined;
      },
      effect(draft, { action }) {
        draft.contents[action.content].ftsMsg = "promote";
      },
    },
  ],
});
