import type { SafetyProperty } from "./property.js";

/** The catalog only ever holds the legal pair states (u,s,u,s), (u,n,u,n), (u,n,d,n), or (u,n) alone. */
export const CatalogConsistent: SafetyProperty = {
  name: "CatalogConsistent",
  kind: "always",
  description: "mode s implies mirrorUp; a content without a mirror has mode n and mirrorUp false",
  appliesTo: () => true,
  check(_cfg, s) {
    for (let c = 0; c < s.contents.length; c++) {
      const { catalog, hasMirror } = s.contents[c];
      if (catalog.mode === "s" && !catalog.mirrorUp) {
        return `content ${c}: catalog mode is s but the mirror row is down`;
      }
      if (!hasMirror && (catalog.mode !== "n" || catalog.mirrorUp)) {
        return `content ${c}: no mirror, but the catalog says mode=${catalog.mode} mirrorUp=${catalog.mirrorUp}`;
      }
    }
    return undefined;
  },
};
