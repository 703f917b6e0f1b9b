import { dbid } from "./format.js";
import type { SafetyProperty } from "./property.js";

/** The catalog never says in sync while the running primary acknowledges commits without its mirror. */
export const InSyncImpliesSyncRep: SafetyProperty = {
  name: "InSyncImpliesSyncRep",
  kind: "always",
  description: "catalog mode s and the catalog primary alive with role p imply its sync rep is in force",
  appliesTo: () => true,
  check(cfg, s) {
    for (let c = 0; c < s.contents.length; c++) {
      const content = s.contents[c];
      const i = content.catalog.primary;
      const p = content.instances[i];
      if (content.catalog.mode === "s" && p.alive && p.role === "p" && !p.syncRepEffective) {
        return `content ${c}: catalog mode is s but primary dbid ${dbid(cfg, c, i)} runs with sync rep not in force (syncRep=${p.syncRep}, syncRepEffective=false)`;
      }
    }
    return undefined;
  },
};
