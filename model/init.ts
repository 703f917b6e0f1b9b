/** The initial state (docs/protocol.md section 3). There is exactly one. */
import type { Config } from "./config.js";
import type { Content, Instance, State, Txn } from "./state.js";

/** The inert placeholder for an instance that does not exist yet (no mirror). */
export const ABSENT_INSTANCE: Instance = {
  role: "m",
  alive: false,
  wal: [],
  syncRep: false,
  syncRepEffective: false,
};

export function initialState(cfg: Config): State {
  const mirrored = cfg.mirroring === "enabled";
  const contents: Content[] = [];
  for (let c = 0; c < cfg.contents; c++) {
    const primary: Instance = {
      role: "p",
      alive: true,
      wal: [],
      syncRep: mirrored,
      syncRepEffective: mirrored,
    };
    const mirror: Instance = mirrored ? { ...ABSENT_INSTANCE, alive: true } : ABSENT_INSTANCE;
    contents.push({
      hasMirror: mirrored,
      instances: [primary, mirror],
      catalog: { primary: 0, mirrorUp: mirrored, mode: mirrored ? "s" : "n" },
      link: "up",
      walSenderStreaming: mirrored,
      ftsMsg: "none",
    });
  }
  const txns: Txn[] = [];
  for (let t = 0; t < cfg.txns; t++) txns.push({ status: "unused", content: null, dbid: null });
  return { contents, txns, nextTxn: 1, faults: 0 };
}
