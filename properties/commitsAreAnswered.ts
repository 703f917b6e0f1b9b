import { instanceOfDbid, peerIndex } from "../model/index.js";
import type { LivenessProperty } from "./property.js";

/** No client hangs for ever: a commit that waits is eventually acknowledged or failed. */
export const CommitsAreAnswered: LivenessProperty = {
  name: "CommitsAreAnswered",
  kind: "eventually",
  description: "for every txn t: always eventually t is not waiting (its client gets an answer)",
  subject: "txn",
  subjects: (cfg) => Array.from({ length: cfg.txns }, (_, i) => i + 1),
  holds: (_cfg, s, t) => s.txns[t - 1].status !== "waiting",
  explain(cfg, cycle, t) {
    const d = cycle[0].txns[t - 1].dbid;
    const where = d === null ? null : instanceOfDbid(cfg, d);
    const base = `txn ${t} waits for ever on dbid ${d ?? "?"}: its client never gets an answer`;
    if (where === null) return base;
    const waitsForMirror = cycle.every((s) => {
      const content = s.contents[where.content];
      const i = content.instances[where.index];
      const peer = content.instances[peerIndex(where.index)];
      return i.alive && i.role === "p" && i.syncRepEffective && !peer.wal.includes(t);
    });
    return waitsForMirror
      ? `${base} (sync rep is in force on dbid ${d} and its mirror never flushes the commit record)`
      : base;
  },
};
