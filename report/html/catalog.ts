/**
 * The catalog after a step, as `gp_segment_configuration` shows it (one row per instance:
 * dbid, content, role, preferred_role, mode, status), beside what the processes really do
 * (alive, the role each runs as, WAL, sync rep) and the content's replication facts. Cells
 * that differ from the previous step carry the CSS class `changed` and say what they were;
 * cells where the catalog and the process disagree carry `disagree`.
 */
import { dbidOf, exists, type Config, type State } from "../../model/index.js";
import { walText } from "../describe.js";
import { esc } from "./escape.js";

interface Cell {
  /** Identifies the cell across steps: a change is a different text under the same key. */
  readonly key: string;
  readonly text: string;
  readonly rowspan?: number;
  /** The cell opens a column group (a rule on its left). */
  readonly sep?: boolean;
  /** Why the cell is marked `disagree`, when the catalog and the process disagree. */
  readonly disagree?: string;
}

const FTS_OWES = { none: "–", syncRepOff: "SYNCREP_OFF", promote: "PROMOTE", markDown: "mark down" } as const;

const onOff = (b: boolean): string => (b ? "on" : "off");

function catalogCells(cfg: Config, s: State, omit: ReadonlySet<number>): Cell[][] {
  const rows: Cell[][] = [];
  s.contents.forEach((content, c) => {
    if (omit.has(c)) return;
    const present = ([0, 1] as const).filter((i) => exists(content, i));
    present.forEach((i, n) => {
      const dbid = dbidOf(cfg, c, i);
      const inst = content.instances[i];
      const k = `d${dbid}`;
      const catRole = content.catalog.primary === i ? "p" : "m";
      const status = catRole === "p" || content.catalog.mirrorUp ? "u" : "d";
      const row: Cell[] = [
        { key: `${k}.dbid`, text: String(dbid) },
        { key: `${k}.content`, text: String(c) },
        { key: `${k}.role`, text: catRole },
        { key: `${k}.preferred`, text: i === 0 ? "p" : "m" },
        { key: `${k}.mode`, text: content.catalog.mode },
        {
          key: `${k}.status`,
          text: status,
          disagree: status === "u" && !inst.alive ? "the catalog says up, the process is stopped" : undefined,
        },
      ];
      if (cfg.placement !== null) row.push({ key: `${k}.host`, text: `host ${cfg.placement.hostOf[c][i]}` });
      row.push(
        { key: `${k}.alive`, text: inst.alive ? "yes" : "no", sep: true },
        {
          key: `${k}.runsAs`,
          text: inst.role,
          disagree: inst.role !== catRole ? `the catalog says ${catRole}, the process runs as ${inst.role}` : undefined,
        },
        { key: `${k}.wal`, text: walText(inst.wal) },
        { key: `${k}.syncRep`, text: onOff(inst.syncRep) },
        { key: `${k}.syncRepEffective`, text: onOff(inst.syncRepEffective) },
      );
      if (n === 0) {
        const span = present.length;
        row.push(
          { key: `c${c}.link`, text: content.hasMirror ? content.link : "–", rowspan: span, sep: true },
          { key: `c${c}.walsender`, text: content.walSenderStreaming ? "STREAMING" : "–", rowspan: span },
          { key: `c${c}.fts`, text: FTS_OWES[content.ftsMsg], rowspan: span },
        );
      }
      rows.push(row);
    });
  });
  return rows;
}

function txnCells(s: State): Cell[][] {
  return s.txns.map((t, n) => [
    { key: `t${n + 1}.id`, text: String(n + 1) },
    { key: `t${n + 1}.status`, text: t.status },
    { key: `t${n + 1}.content`, text: t.content === null ? "–" : String(t.content) },
    { key: `t${n + 1}.dbid`, text: t.dbid === null ? "–" : String(t.dbid) },
  ]);
}

/** Column names for the keys' field part, for the printed notes. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  dbid: "dbid",
  content: "content",
  role: "role",
  preferred: "preferred_role",
  mode: "mode",
  status: "status",
  host: "host",
  alive: "alive",
  runsAs: "runs as",
  wal: "WAL",
  syncRep: "syncRep",
  syncRepEffective: "effective",
  link: "link",
  walsender: "walsender",
  fts: "FTS owes",
  id: "txn",
  written: "written by dbid",
};

/** "d2.runsAs" → "dbid 2 runs as", "c0.fts" → "content 0 FTS owes", "t1.status" → "txn 1 status". */
function keyLabel(key: string): string {
  const [who, field] = key.split(".");
  const owner = { d: "dbid", c: "content", t: "txn" }[who[0]] ?? who;
  return `${owner} ${who.slice(1)} ${FIELD_NAMES[field] ?? field}`;
}

/** What a cell's hover text says, for every cell that has one: the same words, printed under the table. */
function cellTitles(rows: readonly Cell[][], previous: readonly Cell[][] | null): { key: string; title: string }[] {
  const before = new Map<string, string>();
  for (const row of previous ?? []) for (const cell of row) before.set(cell.key, cell.text);
  const out: { key: string; title: string }[] = [];
  for (const row of rows) {
    for (const cell of row) {
      const titles: string[] = [];
      if (previous !== null && before.get(cell.key) !== cell.text) {
        const old = before.get(cell.key);
        titles.push(old === undefined ? "new" : `was ${old}`);
      }
      if (cell.disagree !== undefined) titles.push(cell.disagree);
      if (titles.length > 0) out.push({ key: cell.key, title: titles.join("; ") });
    }
  }
  return out;
}

/** The hover details as a list that only print shows (a printed page cannot hover). */
function printNotes(rows: readonly Cell[][], previous: readonly Cell[][] | null): string {
  const notes = cellTitles(rows, previous);
  if (notes.length === 0) return "";
  return `<ul class="cell-notes print-only">${notes.map((n) => `<li>${esc(keyLabel(n.key))}: ${esc(n.title)}</li>`).join("")}</ul>`;
}

/** The cells as <tr>s, marking those whose text differs from `previous` (null: the first table). */
function bodyRows(rows: readonly Cell[][], previous: readonly Cell[][] | null, rowClass?: (row: readonly Cell[]) => string): string {
  const before = new Map<string, string>();
  for (const row of previous ?? []) for (const cell of row) before.set(cell.key, cell.text);
  return rows
    .map((row) => {
      const tds = row.map((cell) => {
        const classes: string[] = cell.sep === true ? ["sep"] : [];
        const attrs: string[] = [`data-key="${esc(cell.key)}"`];
        const titles: string[] = [];
        if (previous !== null) {
          const old = before.get(cell.key);
          if (old !== cell.text) {
            classes.push("changed");
            titles.push(old === undefined ? "new" : `was ${old}`);
          }
        }
        if (cell.disagree !== undefined) {
          classes.push("disagree");
          titles.push(cell.disagree);
        }
        if (classes.length > 0) attrs.push(`class="${classes.join(" ")}"`);
        if (titles.length > 0) attrs.push(`title="${esc(titles.join("; "))}"`);
        if (cell.rowspan !== undefined && cell.rowspan > 1) attrs.push(`rowspan="${cell.rowspan}"`);
        return `<td ${attrs.join(" ")}>${esc(cell.text)}</td>`;
      });
      const cls = rowClass?.(row);
      return `<tr${cls ? ` class="${cls}"` : ""}>${tds.join("")}</tr>`;
    })
    .join("");
}

/**
 * `gp_segment_configuration` and the processes after a step; `prev` is the state before it
 * (null for the initial state). The contents in `omit` are left out (the caller says why).
 */
export function catalogTable(cfg: Config, s: State, prev: State | null, omit: ReadonlySet<number> = new Set()): string {
  const hosts = cfg.placement !== null;
  const head =
    `<thead><tr class="group"><th colspan="${hosts ? 7 : 6}">gp_segment_configuration (the catalog)</th>` +
    `<th colspan="5" class="sep">the instance process</th><th colspan="3" class="sep">replication of the content</th></tr>` +
    `<tr><th>dbid</th><th>content</th><th>role</th><th>preferred_role</th><th>mode</th><th>status</th>` +
    (hosts ? `<th>host</th>` : "") +
    `<th class="sep">alive</th><th>runs as</th><th>WAL</th><th>syncRep</th><th>effective</th>` +
    `<th class="sep">link</th><th>walsender</th><th>FTS owes</th></tr></thead>`;
  const rows = catalogCells(cfg, s, omit);
  const previous = prev === null ? null : catalogCells(cfg, prev, omit);
  // Rows of the second content onwards start a visual group.
  const firstOfContent = (row: readonly Cell[]): string => (row.length > (hosts ? 12 : 11) ? "content-first" : "");
  return `<table class="catalog">${head}<tbody>${bodyRows(rows, previous, firstOfContent)}</tbody></table>${printNotes(rows, previous)}`;
}

/** The client's txns (history) after a step; one line when the step changed none. */
export function txnTable(s: State, prev: State | null): string {
  if (s.txns.length === 0) return `<p class="muted">no client txns in this configuration</p>`;
  const head = `<thead><tr><th>txn</th><th>status (client's view)</th><th>content</th><th>written by dbid</th></tr></thead>`;
  // A step that changed no txn says so in one line instead of repeating the table.
  if (prev !== null && JSON.stringify(prev.txns) === JSON.stringify(s.txns)) {
    const list = s.txns.map((t, k) => `${k + 1} ${t.status}${t.dbid === null ? "" : ` (dbid ${t.dbid})`}`).join(" · ");
    return `<p class="muted txns-same">unchanged: ${esc(list)}</p>`;
  }
  const rows = txnCells(s);
  const previous = prev === null ? null : txnCells(prev);
  return `<table class="txns">${head}<tbody>${bodyRows(rows, previous)}</tbody></table>${printNotes(rows, previous)}`;
}
