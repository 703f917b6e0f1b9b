import { ackedTxnsOf, peerIndex } from "../model/index.js";
import { dbid, walText } from "./format.js";
import type { SafetyProperty } from "./property.js";

/** The catalog never calls a mirror in sync while it lacks an acknowledged commit (a failover would lose it). */
export const InSyncMirrorHasAllAcked: SafetyProperty = {
  name: "InSyncMirrorHasAllAcked",
  kind: "always",
  description: "catalog mode s implies every acked txn of the content is in the catalog mirror's WAL",
  appliesTo: () => true,
  check(cfg, s) {
    for (let c = 0; c < s.contents.length; c++) {
      const content = s.contents[c];
      if (content.catalog.mode !== "s") continue;
      const mi = peerIndex(content.catalog.primary);
      const wal = content.instances[mi].wal;
      for (const t of ackedTxnsOf(s, c)) {
        if (!wal.includes(t)) {
          return `content ${c}: catalog mode is s but acked txn ${t} is missing from the WAL of catalog mirror dbid ${dbid(cfg, c, mi)} (${walText(wal)})`;
        }
      }
    }
    return undefined;
  },
};
