import type { LivenessProperty } from "./property.js";

/** No client hangs for ever: a commit that waits is eventually acknowledged or failed. */
export const CommitsAreAnswered: LivenessProperty = {
  name: "CommitsAreAnswered",
  kind: "eventually",
  description: "for every txn t: always eventually t is not waiting (its client gets an answer)",
  subject: "txn",
  subjects: (cfg) => Array.from({ length: cfg.txns }, (_, i) => i + 1),
  holds: (_cfg, s, t) => s.txns[t - 1].status !== "waiting",
  explain(_cfg, cycle, t) {
    const txn = cycle[0].txns[t - 1];
    return `txn ${t} waits for ever on dbid ${txn.dbid ?? "?"}: its client never gets an answer`;
  },
};
