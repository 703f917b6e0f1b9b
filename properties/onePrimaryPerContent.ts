import { canAcknowledge } from "../model/index.js";
import { dbid } from "./format.js";
import type { SafetyProperty } from "./property.js";

/** No split brain: never two instances of one content that can both acknowledge commits. */
export const OnePrimaryPerContent: SafetyProperty = {
  name: "OnePrimaryPerContent",
  kind: "always",
  description:
    "in each content at most one instance can acknowledge commits (alive, role p, and sync rep not in force or its peer runs as m)",
  appliesTo: () => true,
  check(cfg, s) {
    for (let c = 0; c < s.contents.length; c++) {
      if (canAcknowledge(s.contents[c], 0) && canAcknowledge(s.contents[c], 1)) {
        return `content ${c}: both dbid ${dbid(cfg, c, 0)} and dbid ${dbid(cfg, c, 1)} run as p and can acknowledge commits`;
      }
    }
    return undefined;
  },
};
