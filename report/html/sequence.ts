/**
 * The sequence diagram as inline SVG: one vertical lane per participant (client, FTS /
 * coordinator, each instance by dbid), one row per step. A lane's line shows the instance
 * during the step: thick blue while it runs as primary, grey as mirror, dashed once stopped;
 * the upper half of a row is the state before the action, the lower half the state after it.
 * The right-hand column says what the step did to the catalog and to the client's txns.
 */
import {
  dbidOf,
  exists,
  formatAction,
  instanceOfDbid,
  FAULT_ACTIONS,
  type Action,
  type Config,
  type State,
} from "../../model/index.js";
import { walText } from "../describe.js";
import { esc } from "./escape.js";
import { instanceChanges, lanesOf, stepPicture, type Lane, type LaneId, type SeqEvent, type Tone } from "./messages.js";
import { untouchedContents } from "./traceFile.js";

export interface SequenceStep {
  readonly action: Action;
  readonly before: State;
  readonly after: State;
}

const LABEL_W = 250;
const LANE_W = 170;
const NOTE_W = 370;
const NOTE_CHARS = 54;
const HEAD_H = 56;
const ROW_H = 58;
const EVENT_DY = 28;
const FOOT_H = 40;
const FINAL_H = 50;
/** The line under the diagram naming the contents whose lanes are not drawn. */
const OMITTED_H = 22;
const TONES: readonly Tone[] = ["client", "wal", "fts", "admin", "fault", "ok"];
/** The column on the right that carries a lasso's loop-back arrow. */
const LOOP_W = 64;

/** Characters of an instance-change label per line in a lane (10.5px text in a 170px column). */
const CHANGE_CHARS = 26;

/** The step where the protocol first broke (the root cause), marked on its row. */
export interface SequenceCrux {
  readonly step: number;
  /** The properties first broken there. */
  readonly properties: readonly string[];
}

/** A lasso's cycle: the steps after `loopStart` repeat for ever (none: it stutters in the last state). */
export interface SequenceCycle {
  readonly loopStart: number;
}

/** Rough width of sans-serif text at 12px, for boxes around labels. */
function textWidth(text: string): number {
  return [...text].length * 6.8;
}

type LaneLook = "none" | "p" | "m" | "dead" | "actor";

function laneLook(cfg: Config, s: State, id: LaneId): LaneLook {
  if (typeof id !== "number") return "actor";
  const where = instanceOfDbid(cfg, id);
  if (where === null) return "none";
  const content = s.contents[where.content];
  if (!exists(content, where.index)) return "none";
  const inst = content.instances[where.index];
  if (!inst.alive) return "dead";
  return inst.role;
}

/** Short notes on what the step changed in the catalog and in the client's view of txns. */
export function stepNotes(cfg: Config, before: State, after: State): string[] {
  const notes: string[] = [];
  after.contents.forEach((content, c) => {
    const a = before.contents[c].catalog;
    const b = content.catalog;
    const parts: string[] = [];
    if (a.primary !== b.primary) parts.push(`primary dbid ${dbidOf(cfg, c, a.primary)}→${dbidOf(cfg, c, b.primary)}`);
    if (a.mirrorUp !== b.mirrorUp) parts.push(`mirror ${a.mirrorUp ? "u" : "d"}→${b.mirrorUp ? "u" : "d"}`);
    if (a.mode !== b.mode) parts.push(`mode ${a.mode}→${b.mode}`);
    if (parts.length > 0) notes.push(`catalog c${c}: ${parts.join(", ")}`);
  });
  after.txns.forEach((t, k) => {
    if (before.txns[k].status !== t.status) notes.push(`txn ${k + 1} ${t.status}`);
  });
  return notes;
}

/** Notes joined by "; " into at most `max` lines of about `chars` characters ("…" if cut). */
export function packLines(notes: readonly string[], chars: number, max: number): string[] {
  const lines: string[] = [];
  for (const note of notes) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 2 + note.length <= chars) lines[last] += `; ${note}`;
    else lines.push(note);
  }
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] += " …";
  return kept;
}

function laneSegment(x: number, y1: number, y2: number, look: LaneLook): string {
  if (look === "none" || y2 <= y1) return "";
  return `<line class="lane lane-${look}" x1="${x}" y1="${y1}" x2="${x}" y2="${y2}"/>`;
}

function drawEvent(ev: SeqEvent, xOf: (id: LaneId) => number, y: number): string {
  switch (ev.kind) {
    case "arrow": {
      const x1 = xOf(ev.from);
      const x2 = xOf(ev.to);
      const dir = x2 > x1 ? 1 : -1;
      const mid = (x1 + x2) / 2;
      return (
        `<g class="msg tone-${ev.tone}">` +
        `<line x1="${x1 + dir * 3}" y1="${y}" x2="${x2 - dir * 7}" y2="${y}" marker-end="url(#ah-${ev.tone})"/>` +
        `<text class="msg-label" x="${mid}" y="${y - 7}" text-anchor="middle">${esc(ev.label)}</text></g>`
      );
    }
    case "marker": {
      const x = xOf(ev.lane);
      const w = textWidth(ev.label) * 1.1 + 16; // bold text runs wider
      return (
        `<g class="mark tone-${ev.tone}"><rect x="${x - w / 2}" y="${y - 11}" width="${w}" height="20" rx="10"/>` +
        `<text x="${x}" y="${y + 3}" text-anchor="middle">${esc(ev.label)}</text></g>`
      );
    }
    case "crash": {
      const x = xOf(ev.lane);
      const r = 7;
      return (
        `<g class="crash"><line x1="${x - r}" y1="${y - r}" x2="${x + r}" y2="${y + r}"/>` +
        `<line x1="${x - r}" y1="${y + r}" x2="${x + r}" y2="${y - r}"/>` +
        `<text x="${x + 12}" y="${y + 4}">stopped</text></g>`
      );
    }
    case "link": {
      const xa = xOf(ev.a);
      const xb = xOf(ev.b);
      const lo = Math.min(xa, xb);
      const hi = Math.max(xa, xb);
      return (
        `<g class="link tone-${ev.tone}"><line x1="${lo + 6}" y1="${y}" x2="${hi - 6}" y2="${y}"/>` +
        `<text class="msg-label" x="${(lo + hi) / 2}" y="${y - 7}" text-anchor="middle">${esc(ev.label)}</text></g>`
      );
    }
  }
}

function header(lanes: readonly Lane[], xOf: (id: LaneId) => number, width: number): string {
  const parts = [
    `<text class="col-head" x="12" y="${HEAD_H / 2 + 4}">step · action</text>`,
    `<text class="col-head" x="${width - NOTE_W + 12}" y="${HEAD_H / 2 + 4}">catalog and txns</text>`,
  ];
  for (const lane of lanes) {
    const x = xOf(lane.id);
    const kind = typeof lane.id === "number" ? "inst" : "actor";
    parts.push(
      `<g class="lane-head lane-head-${kind}"><rect x="${x - LANE_W / 2 + 6}" y="6" width="${LANE_W - 12}" height="${HEAD_H - 12}" rx="6"/>` +
        `<text class="lane-title" x="${x}" y="25" text-anchor="middle">${esc(lane.title)}</text>` +
        `<text class="lane-sub" x="${x}" y="40" text-anchor="middle">${esc(lane.subtitle)}</text></g>`,
    );
  }
  return parts.join("");
}

/**
 * The cycle of a lasso: a shaded band over its rows, labelled, and an arrow in the right-hand
 * column from the end of the last step back to the top of the first cycle row, whose upper
 * half is the loop state. An empty cycle shades the final row: the behaviour stutters there.
 */
function cycleBand(cycle: SequenceCycle, n: number, mainWidth: number, bodyTop: number): string {
  const empty = cycle.loopStart >= n;
  const top = empty ? bodyTop + n * ROW_H : bodyTop + cycle.loopStart * ROW_H;
  const bottom = empty ? top + FINAL_H : bodyTop + n * ROW_H;
  const label = empty ? "stutters for ever in this state" : "cycle (repeats forever)";
  const x = mainWidth + 18;
  const yTop = top + (empty ? FINAL_H / 2 - 8 : EVENT_DY - 14);
  const yBottom = bottom - (empty ? FINAL_H / 2 - 8 : 10);
  const midY = (top + bottom) / 2;
  return (
    `<g class="cycle" data-loop-start="${cycle.loopStart}">` +
    `<rect class="cycle-band" x="1" y="${top}" width="${mainWidth + LOOP_W - 2}" height="${bottom - top}" rx="4"/>` +
    `<path class="loop-back" d="M ${mainWidth - 4} ${yBottom} H ${x + 14} V ${yTop} H ${mainWidth + 2}" marker-end="url(#ah-loop)"/>` +
    // The label sits at the band's top left, above the first step's name; the rotated one
    // beside the arrow only where the band is tall enough to hold it.
    `<text class="cycle-label" x="44" y="${top + 12}">↺ ${label}</text>` +
    (bottom - top >= 120
      ? `<text class="cycle-label side" x="${x + 30}" y="${midY}" text-anchor="middle" transform="rotate(-90 ${x + 30} ${midY})">repeats forever</text>`
      : "") +
    `</g>`
  );
}

/** What each participant holds after the last step, under its lane. */
function finalRow(
  cfg: Config,
  s: State,
  lanes: readonly Lane[],
  xOf: (id: LaneId) => number,
  top: number,
  n: number,
): string {
  const parts = [`<text class="final-label" x="12" y="${top + 22}">after step ${n}</text>`];
  for (const lane of lanes) {
    const lines = laneSummary(cfg, s, lane.id);
    if (lines === null) continue;
    const x = xOf(lane.id);
    const cls = lines.disagree ? "lane-foot disagree" : "lane-foot";
    parts.push(
      `<g class="${cls}"><rect x="${x - LANE_W / 2 + 6}" y="${top + 6}" width="${LANE_W - 12}" height="${FINAL_H - 12}" rx="6"/>` +
        `<text x="${x}" y="${top + 22}" text-anchor="middle">${esc(lines.first)}</text>` +
        `<text x="${x}" y="${top + 37}" text-anchor="middle">${esc(lines.second)}</text></g>`,
    );
  }
  return `<g class="seq-final">${parts.join("")}</g>`;
}

function laneSummary(cfg: Config, s: State, id: LaneId): { first: string; second: string; disagree: boolean } | null {
  if (id === "client") {
    const acked = s.txns.flatMap((t, k) => (t.status === "acked" ? [k + 1] : []));
    const waiting = s.txns.flatMap((t, k) => (t.status === "waiting" ? [k + 1] : []));
    return {
      first: `acked: ${acked.length === 0 ? "none" : acked.join(",")}`,
      second: `waiting: ${waiting.length === 0 ? "none" : waiting.join(",")}`,
      disagree: false,
    };
  }
  if (id === "fts") {
    const owed = s.contents.flatMap((c, k) => (c.ftsMsg === "none" ? [] : [`${FTS_MSG[c.ftsMsg]} c${k}`]));
    return { first: "owes", second: owed.length === 0 ? "nothing" : owed.join(", "), disagree: false };
  }
  const where = instanceOfDbid(cfg, id);
  if (where === null) return null;
  const content = s.contents[where.content];
  if (!exists(content, where.index)) return null;
  const inst = content.instances[where.index];
  const catRole = content.catalog.primary === where.index ? "p" : "m";
  const status = catRole === "p" || content.catalog.mirrorUp ? "u" : "d";
  return {
    // In the order of the catalog table's columns: role, mode, status; alive, runs as, WAL.
    first: `catalog ${catRole} ${content.catalog.mode} ${status}`,
    second: `${inst.alive ? `runs ${inst.role}` : "stopped"} · WAL ${walText(inst.wal)}`,
    disagree: catRole !== inst.role || (status === "u" && !inst.alive),
  };
}

const FTS_MSG = { none: "nothing", syncRepOff: "SYNCREP_OFF", promote: "PROMOTE", markDown: "mark down" } as const;

function defs(): string {
  const markers = TONES.map(
    (t) =>
      `<marker id="ah-${t}" class="tone-${t}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">` +
      `<path d="M0,0 L10,5 L0,10 z"/></marker>`,
  );
  const loop =
    `<marker id="ah-loop" class="loop-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">` +
    `<path d="M0,0 L10,5 L0,10 z"/></marker>`;
  return `<defs>${markers.join("")}${loop}</defs>`;
}

/**
 * The diagram for `steps` (each with the states around it). `footer`, when given, is drawn
 * in red under the last row (the violated property).
 */
/** The content an instance lane belongs to. */
function contentOfLane(cfg: Config, dbid: number): number {
  return instanceOfDbid(cfg, dbid)?.content ?? -1;
}

/** The contents whose state no step changes and whose lanes no event (arrow, marker, crash, link) reaches. */
export function silentContents(cfg: Config, steps: readonly SequenceStep[], events: readonly SeqEvent[]): Set<number> {
  const out = untouchedContents(cfg, steps);
  const reached = (id: LaneId): void => {
    if (typeof id === "number") out.delete(contentOfLane(cfg, id));
  };
  for (const ev of events) {
    if (ev.kind === "arrow") [ev.from, ev.to].forEach(reached);
    else if (ev.kind === "link") [ev.a, ev.b].forEach(reached);
    else reached(ev.lane);
  }
  return out;
}

/** "content 1 (dbids 3, 5): untouched by every step, its lanes not drawn". */
function omittedText(cfg: Config, contents: ReadonlySet<number>): string {
  const parts = [...contents].sort((a, b) => a - b).map((c) => `content ${c} (dbids ${dbidOf(cfg, c, 0)}, ${dbidOf(cfg, c, 1)})`);
  return `${parts.join(", ")}: untouched by every step, ${contents.size === 1 ? "its lanes" : "their lanes"} not drawn`;
}

export function sequenceSvg(
  cfg: Config,
  initial: State,
  steps: readonly SequenceStep[],
  footer: string | null,
  cycle: SequenceCycle | null = null,
  crux: SequenceCrux | null = null,
): string {
  const pictures = steps.map((st) => stepPicture(cfg, st.action, st.before, st.after));
  // A content no step changes and no event reaches gets no lanes: one line under the diagram says so.
  const omitted = silentContents(cfg, steps, pictures.flatMap((p) => p.events));
  const lanes = lanesOf(cfg, [initial, ...steps.map((s) => s.after)]).filter((l) => typeof l.id !== "number" || !omitted.has(contentOfLane(cfg, l.id)));
  const omittedH = omitted.size === 0 ? 0 : OMITTED_H;
  const index = new Map<LaneId, number>(lanes.map((l, k) => [l.id, k]));
  const xOf = (id: LaneId): number => LABEL_W + (index.get(id) ?? 0) * LANE_W + LANE_W / 2;
  const mainWidth = LABEL_W + lanes.length * LANE_W + NOTE_W;
  const width = mainWidth + (cycle === null ? 0 : LOOP_W);
  const bodyTop = HEAD_H;
  const height = bodyTop + steps.length * ROW_H + FINAL_H + (footer === null ? 10 : FOOT_H) + omittedH;

  const rows: string[] = [];
  steps.forEach((st, k) => {
    const n = k + 1;
    const top = bodyTop + k * ROW_H;
    const y = top + EVENT_DY;
    const picture = pictures[k];
    const fault = FAULT_ACTIONS.has(st.action.type);
    const parts: string[] = [];
    parts.push(`<rect class="row-bg${n % 2 === 0 ? " even" : ""}" x="0" y="${top}" width="${width}" height="${ROW_H}"/>`);
    for (const lane of lanes) {
      const x = xOf(lane.id);
      parts.push(laneSegment(x, top, y, laneLook(cfg, st.before, lane.id)));
      parts.push(laneSegment(x, y, top + ROW_H, laneLook(cfg, st.after, lane.id)));
    }
    parts.push(
      `<a href="#step-${n}"><circle class="step-dot" cx="22" cy="${y - 4}" r="11"/>` +
        `<text class="step-num" x="22" y="${y}" text-anchor="middle">${n}</text>` +
        `<text class="step-action${fault ? " fault" : ""}" x="42" y="${y}">${esc(formatAction(st.action))}</text></a>`,
    );
    if (picture.probe !== null) parts.push(`<title>FTS row ${esc(picture.probe.row)}: ${esc(picture.probe.meaning)}</title>`);
    for (const ev of picture.events) parts.push(drawEvent(ev, xOf, y));
    // What the step did to each instance, in that instance's column, under the event line.
    for (const ch of instanceChanges(cfg, st.action, st.before, st.after, picture.events)) {
      const x = xOf(ch.lane);
      packLines(ch.label.split(" · "), CHANGE_CHARS, 2).forEach((line, j) => {
        parts.push(`<text class="inst-change" data-lane="${ch.lane}" x="${x}" y="${y + 15 + j * 13}" text-anchor="middle">${esc(line)}</text>`);
      });
    }
    const isCrux = crux !== null && crux.step === n;
    if (isCrux) {
      parts.push(
        `<rect class="crux-frame" data-properties="${esc(crux.properties.join(","))}" x="1.5" y="${top + 1.5}" width="${width - 3}" height="${ROW_H - 3}" rx="4"/>` +
          `<text class="crux-label" x="42" y="${top + 13}">▶ first broke here</text>`,
      );
    }
    const lines = packLines(stepNotes(cfg, st.before, st.after), NOTE_CHARS, 2);
    lines.forEach((line, j) => {
      const ny = lines.length === 1 ? y : top + 19 + j * 15;
      parts.push(`<text class="note" x="${mainWidth - NOTE_W + 12}" y="${ny}">${esc(line)}</text>`);
    });
    const inCycle = cycle !== null && n > cycle.loopStart;
    rows.push(`<g class="seq-row${inCycle ? " in-cycle" : ""}${isCrux ? " crux" : ""}" data-step="${n}">${parts.join("")}</g>`);
  });

  const final = steps.length === 0 ? initial : steps[steps.length - 1].after;
  const finalTop = bodyTop + steps.length * ROW_H;
  const ending = finalRow(cfg, final, lanes, xOf, finalTop, steps.length);
  const footTop = finalTop + FINAL_H + (footer === null ? 10 : FOOT_H);
  const foot =
    (footer === null ? "" : `<text class="seq-foot" x="12" y="${finalTop + FINAL_H + 26}">${esc(footer)}</text>`) +
    (omitted.size === 0 ? "" : `<text class="seq-omitted" x="12" y="${footTop + 6}">${esc(omittedText(cfg, omitted))}</text>`);
  return (
    // Scales down to the page's width, but never below 1000px (wide clusters scroll instead).
    `<svg class="seq" role="img" aria-label="sequence diagram" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` style="width:100%;height:auto;max-width:${width}px;min-width:${Math.min(width, 1000)}px">` +
    defs() +
    header(lanes, xOf, mainWidth) +
    rows.join("") +
    ending +
    (cycle === null ? "" : cycleBand(cycle, steps.length, mainWidth, bodyTop)) +
    foot +
    `</svg>`
  );
}
