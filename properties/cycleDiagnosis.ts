/**
 * Why a content stays unhealthy along a fair cycle, in Greenplum's words: what the liveness
 * properties print after "content 0 never …". Each reason is checked on every state of the
 * cycle (it must hold throughout to explain "never"); the first that does is given, so the
 * most specific reasons come first.
 */
import { catalogMirror, catalogPrimary, isPrefix, peerIndex, type Config, type Content, type State } from "../model/index.js";
import { dbid, walText } from "./format.js";

type Reason = (cfg: Config, c: number, content: Content) => string | null;

const REASONS: readonly Reason[] = [
  // The catalog names a primary that runs as a mirror and FTS owes no PROMOTE (row C is off).
  (cfg, c, content) => {
    const p = catalogPrimary(content);
    return p.alive && p.role === "m" && content.ftsMsg !== "promote"
      ? `dbid ${dbid(cfg, c, content.catalog.primary)} is the catalog primary but still runs as a mirror, and FTS never sends it PROMOTE again (the probe that meets a mirror does not resend it)`
      : null;
  },
  (cfg, c, content) => {
    const p = catalogPrimary(content);
    return !p.alive && content.catalog.mode === "n"
      ? `double fault: the catalog primary dbid ${dbid(cfg, c, content.catalog.primary)} is down in mode n, so FTS cannot fail over`
      : null;
  },
  // A mirror that holds WAL its primary never had cannot stream until something rewinds it.
  (cfg, c, content) => {
    if (!content.hasMirror) return null;
    const pi = content.catalog.primary;
    const mi = peerIndex(pi);
    const pw = content.instances[pi].wal;
    const mw = content.instances[mi].wal;
    return catalogMirror(content).alive && !isPrefix(mw, pw)
      ? `dbid ${dbid(cfg, c, mi)} is a mirror whose WAL diverged from its primary's (dbid ${dbid(cfg, c, mi)}: ${walText(mw)}; primary dbid ${dbid(cfg, c, pi)}: ${walText(pw)}) and is never rewound`
      : null;
  },
  (cfg, c, content) =>
    content.hasMirror && !catalogMirror(content).alive
      ? `its mirror dbid ${dbid(cfg, c, peerIndex(content.catalog.primary))} stays down`
      : null,
  (_cfg, _c, content) => (content.hasMirror && content.link === "down" ? "the link between its instances stays cut" : null),
];

/** The first reason that holds in every state of the cycle, or null. */
export function contentStuckBecause(cfg: Config, cycle: readonly State[], c: number): string | null {
  for (const reason of REASONS) {
    const first = reason(cfg, c, cycle[0].contents[c]);
    if (first !== null && cycle.every((s) => reason(cfg, c, s.contents[c]) !== null)) return first;
  }
  return null;
}

/** "content 0 never …: <reason>", or with the fallback when no specific reason holds throughout. */
export function neverBecause(cfg: Config, cycle: readonly State[], c: number, never: string, fallback: string): string {
  return `content ${c} never ${never}: ${contentStuckBecause(cfg, cycle, c) ?? fallback}`;
}
