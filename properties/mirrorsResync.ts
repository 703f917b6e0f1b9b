import { neverBecause } from "./cycleDiagnosis.js";
import { contentIds } from "./format.js";
import type { LivenessProperty } from "./property.js";

/** After a failure the mirror is recovered and resynchronised: mode s again. */
export const MirrorsResync: LivenessProperty = {
  name: "MirrorsResync",
  kind: "eventually",
  description: "for every content c that has a mirror: always eventually the catalog mode of c is s",
  subject: "content",
  subjects: contentIds,
  holds(_cfg, s, c) {
    const content = s.contents[c];
    return !content.hasMirror || content.catalog.mode === "s";
  },
  explain(cfg, cycle, c) {
    return neverBecause(cfg, cycle, c, "returns to mode s", "FTS never sees its mirror streaming in sync");
  },
};
