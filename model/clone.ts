/**
 * A deep copy of a state, written out by hand: the exhaustive checker applies effect recipes
 * to this copy instead of an immer draft, which is several times faster on a state this
 * small. Must copy every field of `State` (a test compares it with structuredClone).
 */
import type { DraftState } from "./actions/common.js";
import type { Instance, State } from "./state.js";

function cloneInstance(x: Instance): DraftState["contents"][number]["instances"][0] {
  return { role: x.role, alive: x.alive, wal: x.wal.slice(), syncRep: x.syncRep, syncRepEffective: x.syncRepEffective };
}

export function cloneState(s: State): DraftState {
  return {
    contents: s.contents.map((c) => ({
      hasMirror: c.hasMirror,
      instances: [cloneInstance(c.instances[0]), cloneInstance(c.instances[1])],
      catalog: { primary: c.catalog.primary, mirrorUp: c.catalog.mirrorUp, mode: c.catalog.mode },
      link: c.link,
      walSenderStreaming: c.walSenderStreaming,
      ftsMsg: c.ftsMsg,
    })),
    txns: s.txns.map((t) => ({ status: t.status, content: t.content, dbid: t.dbid })),
    nextTxn: s.nextTxn,
    faults: s.faults,
  };
}
