import { inDoubleFault } from "../model/index.js";
import { dbid } from "./format.js";
import type { SafetyProperty } from "./property.js";

/**
 * One fault never makes a content unavailable. Only with mirroring enabled: with addLater a
 * primary that fails before its new mirror first reaches mode s is a real one-fault window.
 */
export const NoDoubleFaultUnderOneFault: SafetyProperty = {
  name: "NoDoubleFaultUnderOneFault",
  kind: "always",
  description: "with at most one fault spent, no content is in double fault (catalog primary down and mode n)",
  appliesTo: (cfg) => cfg.mirroring === "enabled",
  check(cfg, s) {
    if (s.faults > 1) return undefined;
    for (let c = 0; c < s.contents.length; c++) {
      if (inDoubleFault(s.contents[c])) {
        const i = s.contents[c].catalog.primary;
        return `content ${c}: double fault after ${s.faults} fault(s): catalog primary dbid ${dbid(cfg, c, i)} is down and the mode is n`;
      }
    }
    return undefined;
  },
};
