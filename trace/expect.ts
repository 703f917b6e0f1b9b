/** Checks one `expect` line against the current state (and, for path witnesses, the path so far). */
import {
  dbidOf,
  findAction,
  formatAction,
  instanceOfDbid,
  type Config,
  type State,
} from "../model/index.js";
import { LIVENESS_PROPERTIES, safetyPropertiesOf, walText, witnessesOf } from "../properties/index.js";
import { subjectText, type Expectation } from "./types.js";

export interface ExpectationOutcome {
  readonly ok: boolean;
  /** What the state actually shows, in the expectation's own terms ("mode=n"). */
  readonly actual: string;
}

function compare(pairs: readonly [string, unknown, unknown][]): ExpectationOutcome {
  const given = pairs.filter(([, want]) => want !== undefined);
  const ok = given.every(([, want, got]) => want === got);
  return { ok, actual: given.map(([k, , got]) => `${k}=${String(got)}`).join(" ") };
}

/**
 * Evaluates `e` in `state`; `path` is every state from the initial one to `state` included
 * (witnesses with a path condition look at it).
 */
export function evaluateExpectation(cfg: Config, e: Expectation, state: State, path: readonly State[]): ExpectationOutcome {
  switch (e.kind) {
    case "catalog": {
      const cat = state.contents[e.content].catalog;
      return compare([
        ["primary", e.primary, dbidOf(cfg, e.content, cat.primary)],
        ["mirrorUp", e.mirrorUp, cat.mirrorUp],
        ["mode", e.mode, cat.mode],
      ]);
    }
    case "instance": {
      const where = instanceOfDbid(cfg, e.dbid);
      if (where === null) return { ok: false, actual: "no such instance" };
      const content = state.contents[where.content];
      if (where.index === 1 && !content.hasMirror) return { ok: false, actual: "the instance does not exist" };
      const inst = content.instances[where.index];
      return compare([
        ["role", e.role, inst.role],
        ["alive", e.alive, inst.alive],
        ["syncRep", e.syncRep, inst.syncRep],
        ["syncRepEffective", e.syncRepEffective, inst.syncRepEffective],
      ]);
    }
    case "wal": {
      const where = instanceOfDbid(cfg, e.dbid);
      if (where === null) return { ok: false, actual: "no such instance" };
      const wal = state.contents[where.content].instances[where.index].wal;
      return { ok: walText(wal) === walText(e.wal), actual: walText(wal) };
    }
    case "txn": {
      const status = state.txns[e.txn - 1].status;
      return { ok: status === e.status, actual: status };
    }
    case "enabled":
    case "disabled": {
      const b = findAction(cfg, e.action);
      const unmet = b === undefined ? "no such action instance" : b.guard(state);
      const enabled = unmet === undefined;
      return {
        ok: enabled === (e.kind === "enabled"),
        actual: enabled ? `${formatAction(e.action)} is enabled` : `${formatAction(e.action)} is disabled: ${unmet}`,
      };
    }
    case "holds":
    case "violated": {
      const live = LIVENESS_PROPERTIES.find((p) => p.name === e.property);
      if (live !== undefined && e.subject !== undefined) {
        // Outside a lasso's end (replay.ts handles that), a liveness expectation reads P in
        // this one state: "violated" says P is false here, "holds" that it is true.
        const name = `${e.property} ${subjectText(e.subject)}`;
        const now = live.holds(cfg, state, e.subject.id);
        return { ok: now === (e.kind === "holds"), actual: `${name}: P is ${now ? "true" : "false"} in this state` };
      }
      const safety = safetyPropertiesOf(cfg).find((p) => p.name === e.property);
      let holds: boolean;
      let detail: string;
      if (safety !== undefined) {
        const message = safety.check(cfg, state);
        holds = message === undefined;
        detail = message ?? "";
      } else {
        const w = witnessesOf(cfg).find((x) => x.name === e.property);
        if (w === undefined) return { ok: false, actual: "unknown property" };
        const after = w.after;
        holds = w.holds(cfg, state) && (after === undefined || path.some((s) => after(cfg, s)));
        detail = "";
      }
      const actual = holds ? `${e.property} holds` : `${e.property} is violated${detail ? `: ${detail}` : ""}`;
      return { ok: holds === (e.kind === "holds"), actual };
    }
  }
}
