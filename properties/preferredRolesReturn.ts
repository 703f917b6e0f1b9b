import { neverBecause } from "./cycleDiagnosis.js";
import { contentIds, dbid } from "./format.js";
import type { LivenessProperty } from "./property.js";

/** The pair returns to its preferred roles: instance 0 is the catalog primary, in sync. */
export const PreferredRolesReturn: LivenessProperty = {
  name: "PreferredRolesReturn",
  kind: "eventually",
  description:
    "for every content c that has a mirror: always eventually its preferred primary is the catalog primary and mode is s",
  subject: "content",
  subjects: contentIds,
  holds(_cfg, s, c) {
    const content = s.contents[c];
    return !content.hasMirror || (content.catalog.primary === 0 && content.catalog.mode === "s");
  },
  explain(cfg, cycle, c) {
    const never = "returns to its preferred roles in mode s";
    if (cycle.every((s) => s.contents[c].catalog.mode === "n")) {
      return neverBecause(cfg, cycle, c, never, "the pair never reaches mode s");
    }
    if (cycle.every((s) => s.contents[c].catalog.primary === 1)) {
      return `content ${c} never ${never}: the preferred mirror dbid ${dbid(cfg, c, 1)} stays the acting primary (gprecoverseg -r never swaps the pair back)`;
    }
    return `content ${c} never ${never}: whenever the pair is in sync, the preferred mirror is its primary`;
  },
};
