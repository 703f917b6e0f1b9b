/**
 * Witnesses: situations that must be reachable, so that a green run means something. Each
 * says in which configurations it is expected (the necessary budget of faults and txns);
 * where expected and not reached, the run fails as vacuous. Witnesses that speak of a
 * preferred mirror count only contents that have one. Descriptions name instances by role
 * and dbid, as the reports do: content c's preferred primary is dbid 2+c, its preferred
 * mirror dbid 2+K+c (K contents).
 */
import { inDoubleFault, type Config, type Content, type State } from "../model/index.js";
import type { Witness } from "./property.js";

const mirrored = (cfg: Config): boolean => cfg.mirroring !== "disabled";

function promoted(content: Content): boolean {
  const p = content.instances[1];
  return content.hasMirror && content.catalog.primary === 1 && p.alive && p.role === "p";
}

/** Some acked txn of content c is missing from the WAL of its instance i (0: preferred primary, 1: preferred mirror). */
function ackedMissingFrom(s: State, c: number, i: 0 | 1): boolean {
  const wal = s.contents[c].instances[i].wal;
  return s.txns.some((t, k) => t.status === "acked" && t.content === c && !wal.includes(k + 1));
}

export const MirrorPromoted: Witness = {
  name: "MirrorPromoted",
  kind: "sometimes",
  description: "a content's catalog primary is its preferred mirror (dbid 2+K+c) and it runs with role p",
  expectedIn: (cfg) => mirrored(cfg) && cfg.faults >= 1,
  holds: (_cfg, s) => s.contents.some(promoted),
};

export const AckedAfterFailover: Witness = {
  name: "AckedAfterFailover",
  kind: "sometimes",
  description: "an acked txn is missing from the WAL of its content's preferred primary (dbid 2+c): a promoted mirror acknowledged it",
  expectedIn: (cfg) => mirrored(cfg) && cfg.faults >= 1 && cfg.txns >= 1,
  holds: (_cfg, s) => s.contents.some((content, c) => content.hasMirror && ackedMissingFrom(s, c, 0)),
};

export const AckedWhileMirrorDown: Witness = {
  name: "AckedWhileMirrorDown",
  kind: "sometimes",
  description:
    "the catalog primary is the preferred primary (dbid 2+c), the catalog mirror is down, and an acked txn is missing from the preferred mirror's WAL (dbid 2+K+c): the primary ran alone",
  // With addLater a new mirror starts down, so no fault is needed.
  expectedIn: (cfg) => mirrored(cfg) && cfg.txns >= 1 && (cfg.faults >= 1 || cfg.mirroring === "addLater"),
  holds: (_cfg, s) =>
    s.contents.some(
      (content, c) =>
        content.hasMirror && content.catalog.primary === 0 && !content.catalog.mirrorUp && ackedMissingFrom(s, c, 1),
    ),
};

export const BackToPreferredRoles: Witness = {
  name: "BackToPreferredRoles",
  kind: "sometimes",
  description:
    "after a mirror was promoted (MirrorPromoted held earlier on the path), every content again has its preferred primary (dbid 2+c) as catalog primary with mode s",
  expectedIn: (cfg) => mirrored(cfg) && cfg.faults >= 1,
  holds: (_cfg, s) => s.contents.every((content) => content.catalog.primary === 0 && content.catalog.mode === "s"),
  after: (_cfg, s) => s.contents.some(promoted),
};

export const DoubleFault: Witness = {
  name: "DoubleFault",
  kind: "sometimes",
  description: "a content with a mirror is in double fault: catalog primary not alive and mode n",
  // Enabled needs two faults (that is NoDoubleFaultUnderOneFault); a mirror added later starts in mode n.
  expectedIn: (cfg) => mirrored(cfg) && cfg.faults >= (cfg.mirroring === "addLater" ? 1 : 2),
  holds: (_cfg, s) => s.contents.some(inDoubleFault),
};
