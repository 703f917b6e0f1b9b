/**
 * What the sequence diagram shows for one step, as plain data: the participants (lanes) and,
 * per action, the messages between them and the markers on them. Everything is computed from
 * the action and the states before and after it, so a replayed trace and a checker's
 * counterexample draw the same way. The SVG itself is drawn by `sequence.ts`.
 */
import {
  FTS_ROWS,
  dbidOf,
  exists,
  streamSource,
  type Action,
  type Config,
  type FtsRow,
  type InstanceIndex,
  type State,
} from "../../model/index.js";
import { ftsDecision } from "../ftsRow.js";

/** A participant: the client, FTS on the coordinator (also the admin tools), or an instance by dbid. */
export type LaneId = "client" | "fts" | number;

export interface Lane {
  readonly id: LaneId;
  /** First line of the lane's header. */
  readonly title: string;
  /** Second line: where the instance belongs. */
  readonly subtitle: string;
}

/** Colour family of a message or marker (one CSS class each). */
export type Tone = "client" | "wal" | "fts" | "admin" | "fault" | "ok";

export type SeqEvent =
  | { readonly kind: "arrow"; readonly from: LaneId; readonly to: LaneId; readonly label: string; readonly tone: Tone }
  | { readonly kind: "marker"; readonly lane: LaneId; readonly label: string; readonly tone: Tone }
  /** The instance stopped in this step (a red ✕ on its lane). */
  | { readonly kind: "crash"; readonly lane: LaneId }
  /** The network between two instances, cut or healed. */
  | { readonly kind: "link"; readonly a: LaneId; readonly b: LaneId; readonly label: string; readonly tone: Tone };

/** What FTS decided in a probe step, for the diagram and the step's explanation. */
export interface ProbeNote {
  readonly row: FtsRow;
  readonly meaning: string;
  readonly handlerEnablesSyncRep: boolean;
  /** Set when FTS promoted a pair in mode n: only possible with safeguard promoteRequiresInSync off. */
  readonly unsafePromotion: boolean;
}

export interface StepPicture {
  readonly events: readonly SeqEvent[];
  readonly probe: ProbeNote | null;
}

/** Instances that exist in any state of the trace, grouped by content (a pair's lanes side by side). */
export function lanesOf(cfg: Config, states: readonly State[]): Lane[] {
  const lanes: Lane[] = [
    { id: "client", title: "client", subtitle: "sessions" },
    { id: "fts", title: "FTS / coordinator", subtitle: "probes, gprecoverseg" },
  ];
  for (let c = 0; c < cfg.contents; c++) {
    for (const i of [0, 1] as const) {
      if (!states.some((s) => exists(s.contents[c], i))) continue;
      lanes.push({
        id: dbidOf(cfg, c, i),
        title: `dbid ${dbidOf(cfg, c, i)}`,
        subtitle: `content ${c}, preferred ${i === 0 ? "p" : "m"}`,
      });
    }
  }
  return lanes;
}

function catalogPrimaryDbid(cfg: Config, s: State, c: number): number {
  return dbidOf(cfg, c, s.contents[c].catalog.primary);
}

function catalogMirrorDbid(cfg: Config, s: State, c: number): number {
  return dbidOf(cfg, c, s.contents[c].catalog.primary === 0 ? 1 : 0);
}

/** The diagram's note of a probe step: the table's own text for the row (the card adds the rest, ftsRow.ts). */
function probeNote(cfg: Config, before: State, action: Action): ProbeNote {
  const d = ftsDecision(cfg, before, action, null);
  if (d === null) throw new Error(`${action.type} is not a probe`);
  return { row: d.row, meaning: FTS_ROWS[d.row], handlerEnablesSyncRep: d.handlerEnablesSyncRep, unsafePromotion: d.unsafePromotion };
}

function probeLabel(head: string, note: ProbeNote): string {
  return `${head} · ${note.row}${note.unsafePromotion ? " (mode n)" : ""}`;
}

/** The messages and markers of the action itself (crashes are added from the states). */
function actionEvents(cfg: Config, action: Action, before: State): { events: SeqEvent[]; probe: ProbeNote | null } {
  const events: SeqEvent[] = [];
  let probe: ProbeNote | null = null;
  switch (action.type) {
    case "ClientCommit":
      events.push({
        kind: "arrow",
        from: "client",
        to: catalogPrimaryDbid(cfg, before, action.content),
        label: `commit txn ${before.nextTxn}`,
        tone: "client",
      });
      break;
    case "CommitAck": {
      const writer = before.txns[action.txn - 1]?.dbid;
      if (writer !== null && writer !== undefined) {
        events.push({ kind: "arrow", from: writer, to: "client", label: `ack txn ${action.txn}`, tone: "ok" });
      }
      break;
    }
    case "WalStream": {
      const content = before.contents[action.content];
      const s = streamSource(content);
      if (s !== -1) {
        const t: InstanceIndex = s === 0 ? 1 : 0;
        const record = content.instances[s].wal[content.instances[t].wal.length];
        events.push({
          kind: "arrow",
          from: dbidOf(cfg, action.content, s),
          to: dbidOf(cfg, action.content, t),
          label: `WAL txn ${record}`,
          tone: "wal",
        });
      }
      break;
    }
    case "WalSenderCaughtUp": {
      const s = streamSource(before.contents[action.content]);
      const lane = s === -1 ? catalogPrimaryDbid(cfg, before, action.content) : dbidOf(cfg, action.content, s);
      events.push({ kind: "marker", lane, label: "STREAMING", tone: "wal" });
      break;
    }
    case "ConfigReload":
      events.push({ kind: "marker", lane: action.dbid, label: "config reload", tone: "admin" });
      break;
    case "PrimaryEnableSyncRep": {
      const s = streamSource(before.contents[action.content]);
      const lane = s === -1 ? catalogPrimaryDbid(cfg, before, action.content) : dbidOf(cfg, action.content, s);
      events.push({ kind: "marker", lane, label: "syncRep on", tone: "admin" });
      break;
    }
    case "FtsProbe": {
      const content = before.contents[action.content];
      probe = probeNote(cfg, before, action);
      const answered = content.instances[content.catalog.primary].alive;
      events.push({
        kind: "arrow",
        from: "fts",
        to: catalogPrimaryDbid(cfg, before, action.content),
        label: probeLabel(answered ? "PROBE" : "PROBE (no answer)", probe),
        tone: "fts",
      });
      break;
    }
    case "FtsProbeTimeout": {
      probe = probeNote(cfg, before, action);
      events.push({
        kind: "arrow",
        from: "fts",
        to: catalogPrimaryDbid(cfg, before, action.content),
        label: probeLabel("PROBE (timeout)", probe),
        tone: "fault",
      });
      break;
    }
    case "FtsSendSyncRepOff": {
      const p = before.contents[action.content].instances[before.contents[action.content].catalog.primary];
      const delivered = p.alive && p.role === "p";
      events.push({
        kind: "arrow",
        from: "fts",
        to: catalogPrimaryDbid(cfg, before, action.content),
        label: delivered ? "SYNCREP_OFF" : "SYNCREP_OFF (lost)",
        tone: "fts",
      });
      break;
    }
    case "FtsSendPromote": {
      const p = before.contents[action.content].instances[before.contents[action.content].catalog.primary];
      const effective = p.alive && p.role === "m";
      events.push({
        kind: "arrow",
        from: "fts",
        to: catalogPrimaryDbid(cfg, before, action.content),
        label: effective ? "PROMOTE" : "PROMOTE (no effect)",
        tone: "fts",
      });
      break;
    }
    case "FtsMarkDown":
      events.push({ kind: "marker", lane: "fts", label: `mark down content ${action.content}`, tone: "fts" });
      break;
    case "FtsRestart":
      events.push({ kind: "marker", lane: "fts", label: "FTS restart", tone: "fault" });
      break;
    case "SegmentCrash":
    case "HostCrash":
      // The ✕ on each stopped lane is added from the states below.
      break;
    case "LinkCut":
      events.push({
        kind: "link",
        a: dbidOf(cfg, action.content, 0),
        b: dbidOf(cfg, action.content, 1),
        label: "✂ link cut",
        tone: "fault",
      });
      break;
    case "LinkHeal":
      events.push({
        kind: "link",
        a: dbidOf(cfg, action.content, 0),
        b: dbidOf(cfg, action.content, 1),
        label: "link healed",
        tone: "ok",
      });
      break;
    case "SegmentRestart":
      events.push({ kind: "marker", lane: action.dbid, label: "▲ restart", tone: "ok" });
      break;
    case "RecoverIncremental":
      events.push({ kind: "arrow", from: "fts", to: catalogMirrorDbid(cfg, before, action.content), label: "gprecoverseg", tone: "admin" });
      break;
    case "RecoverFull":
      events.push({ kind: "arrow", from: "fts", to: catalogMirrorDbid(cfg, before, action.content), label: "gprecoverseg -F", tone: "admin" });
      break;
    case "Rebalance":
      events.push({ kind: "arrow", from: "fts", to: catalogPrimaryDbid(cfg, before, action.content), label: "gprecoverseg -r", tone: "admin" });
      break;
    case "AddMirror":
      events.push({ kind: "arrow", from: "fts", to: dbidOf(cfg, action.content, 1), label: "gpaddmirrors", tone: "admin" });
      break;
  }
  return { events, probe };
}

/** The diagram's content for one step: the action's messages, then a ✕ on every instance it stopped. */
export function stepPicture(cfg: Config, action: Action, before: State, after: State): StepPicture {
  const { events, probe } = actionEvents(cfg, action, before);
  for (let c = 0; c < cfg.contents; c++) {
    for (const i of [0, 1] as const) {
      const was = before.contents[c].instances[i];
      const now = after.contents[c].instances[i];
      if (exists(before.contents[c], i) && was.alive && !now.alive) events.push({ kind: "crash", lane: dbidOf(cfg, c, i) });
    }
  }
  return { events, probe };
}

/** What a step changed in one instance, in a few words, drawn in that instance's column. */
export interface InstanceChange {
  readonly lane: number;
  readonly label: string;
}

/**
 * Every change the step made to an instance that no message or marker of the step already
 * shows: the role it runs as (gprecoverseg, PROMOTE), start and stop, its sync rep setting
 * and whether that is in force, and its WAL where no arrow carried a record to it.
 */
export function instanceChanges(cfg: Config, action: Action, before: State, after: State, events: readonly SeqEvent[]): InstanceChange[] {
  const out: InstanceChange[] = [];
  const arrowedTo = new Set(events.flatMap((e) => (e.kind === "arrow" && (e.tone === "client" || e.tone === "wal") ? [e.to] : [])));
  for (let c = 0; c < cfg.contents; c++) {
    for (const i of [0, 1] as const) {
      if (!exists(before.contents[c], i) && !exists(after.contents[c], i)) continue;
      const dbid = dbidOf(cfg, c, i);
      const was = before.contents[c].instances[i];
      const now = after.contents[c].instances[i];
      const parts: string[] = [];
      if (!was.alive && now.alive && !(action.type === "SegmentRestart" && action.dbid === dbid)) parts.push("up");
      if (was.role !== now.role) parts.push(`runs ${now.role} (was ${was.role})`);
      const sync = (on: boolean): string => (on ? "on" : "off");
      if (was.syncRep !== now.syncRep && was.syncRepEffective !== now.syncRepEffective && now.syncRep === now.syncRepEffective) {
        parts.push(`syncRep ${sync(now.syncRep)}`);
      } else {
        if (was.syncRep !== now.syncRep) parts.push(`syncRep ${sync(now.syncRep)}, not in force`);
        if (was.syncRepEffective !== now.syncRepEffective) parts.push(`in force: ${sync(now.syncRepEffective)}`);
      }
      if (was.wal.join(",") !== now.wal.join(",") && !arrowedTo.has(dbid)) {
        parts.push(`WAL ${now.wal.length === 0 ? "-" : now.wal.join(",")}`);
      }
      if (parts.length > 0) out.push({ lane: dbid, label: parts.join(" · ") });
    }
  }
  return out;
}
