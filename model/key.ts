/**
 * The canonical key of a state: a compact string, equal for two states exactly when every
 * field of docs/protocol.md's state is equal. Used by the checker's visited set, so it must be
 * injective; numbers are written as single characters (txn ids ≤ 6, dbids ≤ 17, contents
 * ≤ 7) and WALs are delimited, so no two states share a key.
 */
import type { State } from "./state.js";

const FTS_MSG_CODE = { none: "0", syncRepOff: "1", promote: "2", markDown: "3" } as const;
const TXN_CODE = { unused: "u", waiting: "w", acked: "a", failed: "f" } as const;

function ch(n: number): string {
  return String.fromCharCode(48 + n);
}

export function stateKey(s: State): string {
  let k = ch(s.faults) + ch(s.nextTxn);
  for (const c of s.contents) {
    k += "|";
    k += (c.hasMirror ? "M" : "-") + ch(c.catalog.primary) + (c.catalog.mirrorUp ? "u" : "d") + c.catalog.mode;
    k += (c.link === "up" ? "L" : "l") + (c.walSenderStreaming ? "S" : "s") + FTS_MSG_CODE[c.ftsMsg];
    for (const inst of c.instances) {
      k += "/" + inst.role + (inst.alive ? "A" : "a") + (inst.syncRep ? "R" : "r") + (inst.syncRepEffective ? "E" : "e");
      for (const t of inst.wal) k += ch(t);
    }
  }
  k += "|";
  for (const t of s.txns) k += TXN_CODE[t.status] + (t.content === null ? "_" : ch(t.content)) + (t.dbid === null ? "_" : ch(t.dbid));
  return k;
}
