/**
 * `stepFast` with structural sharing, for the exhaustive checker: the same immer recipe
 * (actions/*.ts), applied to a copy of only the part of the state the action can write.
 *
 * Every action acts on the content its argument names (a content, or the content of a dbid)
 * plus the global fields (txns, nextTxn, faults); CommitAck(t) writes txns only; FtsRestart
 * and HostCrash(h) may write several contents. So a successor shares every other content
 * with its predecessor, object for object, and the copy costs a third of a full one with
 * three contents. This is a property of the effects in actions/, and a test checks it on
 * every transition of several configurations, with the shared parts frozen, against the
 * immer `step`: an effect that wrote outside its content would throw there instead of
 * silently changing a shared object.
 *
 * A proposal's effect (a changed or new family, docs/variants.md) may write anything: its
 * instances copy every content.
 */
import { ACTION_ARG, type Action } from "./action.js";
import type { DraftState } from "./actions/common.js";
import { instanceOfDbid, type Config } from "./config.js";
import { allActions, type BoundAction } from "./next.js";
import { newFamilyOf, ruleChangeOf } from "./variant/families.js";
import type { Content, Instance, State } from "./state.js";

/** Writes every content. */
const ALL = -1;
/** Writes no content (txns only). */
const NONE = -2;

/** The content an action may write: its index, ALL or NONE. */
function writtenContent(cfg: Config, a: Action): number {
  if (newFamilyOf(cfg, a.type) !== undefined || ruleChangeOf(cfg, a.type)?.effect !== undefined) return ALL;
  switch (ACTION_ARG[a.type]) {
    case "content":
      return (a as { content: number }).content;
    case "dbid":
      return instanceOfDbid(cfg, (a as { dbid: number }).dbid)?.content ?? ALL;
    case "txn":
      return NONE;
    default:
      return ALL;
  }
}

function copyInstance(x: Instance): Instance {
  return { role: x.role, alive: x.alive, wal: x.wal.slice(), syncRep: x.syncRep, syncRepEffective: x.syncRepEffective };
}

function copyContent(c: Content): Content {
  return {
    hasMirror: c.hasMirror,
    instances: [copyInstance(c.instances[0]), copyInstance(c.instances[1])],
    catalog: { primary: c.catalog.primary, mirrorUp: c.catalog.mirrorUp, mode: c.catalog.mode },
    link: c.link,
    walSenderStreaming: c.walSenderStreaming,
    ftsMsg: c.ftsMsg,
  };
}

/** A step function for one configuration: (state, enabled action) -> next state. */
export function localStepper(cfg: Config): (s: State, b: BoundAction) => State {
  const written = new Map<BoundAction, number>();
  for (const b of allActions(cfg)) written.set(b, writtenContent(cfg, b.action));
  return (s, b) => {
    const w = written.get(b) ?? ALL;
    const contents = s.contents.slice();
    if (w >= 0) contents[w] = copyContent(contents[w]);
    else if (w === ALL) for (let c = 0; c < contents.length; c++) contents[c] = copyContent(contents[c]);
    const txns = s.txns.map((t) => ({ status: t.status, content: t.content, dbid: t.dbid }));
    const d = { contents, txns, nextTxn: s.nextTxn, faults: s.faults } as DraftState;
    b.effect(d);
    return d as State;
  };
}
