import type { LivenessProperty } from "./property.js";
import { catalogPrimary } from "../model/index.js";
import { neverBecause } from "./cycleDiagnosis.js";
import { contentIds, dbid } from "./format.js";

/** The cluster comes back to serving every content: its catalog primary runs as a primary. */
export const ContentsServe: LivenessProperty = {
  name: "ContentsServe",
  kind: "eventually",
  description: "for every content c: always eventually the catalog primary of c is alive with role p",
  subject: "content",
  subjects: contentIds,
  holds(_cfg, s, c) {
    const p = catalogPrimary(s.contents[c]);
    return p.alive && p.role === "p";
  },
  explain(cfg, cycle, c) {
    const p = dbid(cfg, c, cycle[0].contents[c].catalog.primary);
    return neverBecause(cfg, cycle, c, "serves again", `its catalog primary dbid ${p} never runs with role p`);
  },
};
