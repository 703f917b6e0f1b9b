import { ackedTxnsOf } from "../model/index.js";
import { dbid, walText } from "./format.js";
import type { SafetyProperty } from "./property.js";

/** No acknowledged commit is missing from the primary the catalog names: a client was told "committed". */
export const NoLostAckedCommit: SafetyProperty = {
  name: "NoLostAckedCommit",
  kind: "always",
  description: "every acked txn of content c is in the WAL of c's catalog primary",
  appliesTo: () => true,
  check(cfg, s) {
    for (let c = 0; c < s.contents.length; c++) {
      const i = s.contents[c].catalog.primary;
      const wal = s.contents[c].instances[i].wal;
      for (const t of ackedTxnsOf(s, c)) {
        if (!wal.includes(t)) {
          return `content ${c}: txn ${t} was acked but is missing from the WAL of catalog primary dbid ${dbid(cfg, c, i)} (${walText(wal)})`;
        }
      }
    }
    return undefined;
  },
};
