import { isPrefix, peerIndex } from "../model/index.js";
import { dbid, walText } from "./format.js";
import type { SafetyProperty } from "./property.js";

/** A mirror the catalog calls up never holds WAL the primary does not have (no divergent history). */
export const MirrorWalIsPrefix: SafetyProperty = {
  name: "MirrorWalIsPrefix",
  kind: "always",
  description: "catalog mirrorUp implies the catalog mirror's WAL is a prefix of the catalog primary's",
  appliesTo: () => true,
  check(cfg, s) {
    for (let c = 0; c < s.contents.length; c++) {
      const content = s.contents[c];
      if (!content.catalog.mirrorUp) continue;
      const pi = content.catalog.primary;
      const mi = peerIndex(pi);
      const pw = content.instances[pi].wal;
      const mw = content.instances[mi].wal;
      if (!isPrefix(mw, pw)) {
        return `content ${c}: catalog mirror dbid ${dbid(cfg, c, mi)} is up with WAL ${walText(mw)}, not a prefix of primary dbid ${dbid(cfg, c, pi)}'s WAL ${walText(pw)}`;
      }
    }
    return undefined;
  },
};
