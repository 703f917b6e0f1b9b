import type { LivenessProperty } from "./property.js";

/** The pair returns to its preferred roles: instance 0 is the catalog primary, in sync. */
export const PreferredRolesReturn: LivenessProperty = {
  name: "PreferredRolesReturn",
  kind: "eventually",
  description:
    "for every content c that has a mirror: always eventually its preferred primary is the catalog primary and mode is s",
  subject: "content",
  subjects: (cfg) => Array.from({ length: cfg.contents }, (_, c) => c),
  holds(_cfg, s, c) {
    const content = s.contents[c];
    return !content.hasMirror || (content.catalog.primary === 0 && content.catalog.mode === "s");
  },
  explain(_cfg, _cycle, c) {
    return `content ${c} never returns to its preferred roles in mode s`;
  },
};
