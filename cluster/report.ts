/** Text and JSON forms of the placement analysis and of the history check. */
import type { DoubleHostFailure, PlacementAnalysis } from "./failures.js";
import type { HistoryCheckResult } from "./historyCheck.js";
import type { HostName } from "./layout.js";

// ---------------------------------------------------------------------------------------
// placement

export interface PlacementJson {
  readonly source: "generated" | "file";
  readonly mirroring: string;
  readonly hosts: readonly { readonly host: HostName; readonly primaries: readonly number[]; readonly mirrors: readonly number[] }[];
  readonly singleHostFailures: readonly {
    readonly host: HostName;
    readonly maxPrimariesPerHost: number;
    readonly minPrimariesPerHost: number;
    readonly takenOverBy: readonly { readonly host: HostName; readonly contents: readonly number[] }[];
    readonly contentsLost: readonly number[];
  }[];
  readonly doubleHostFailures: readonly { readonly hosts: readonly [HostName, HostName]; readonly contentsLost: readonly number[] }[];
  readonly summary: PlacementAnalysis["summary"];
  readonly warnings: readonly string[];
}

export function placementJson(a: PlacementAnalysis): PlacementJson {
  return {
    source: a.layout.source,
    mirroring: a.layout.mirroring,
    hosts: a.layout.hosts.map((h) => ({ host: h.host, primaries: h.primaries, mirrors: h.mirrors })),
    singleHostFailures: a.singleHostFailures.map((s) => ({
      host: s.host,
      maxPrimariesPerHost: s.maxPrimariesPerHost,
      minPrimariesPerHost: s.minPrimariesPerHost,
      takenOverBy: s.takenOverBy,
      contentsLost: s.contentsLost,
    })),
    doubleHostFailures: a.doubleHostFailures.map((d) => ({ hosts: d.hosts, contentsLost: d.contentsLost })),
    summary: a.summary,
    warnings: a.layout.warnings,
  };
}

/** "0-3, 7, 9-11": ascending content ids as ranges. */
export function ranges(ids: readonly number[]): string {
  if (ids.length === 0) return "-";
  const out: string[] = [];
  let start = ids[0];
  let prev = ids[0];
  for (let i = 1; i <= ids.length; i++) {
    const v = ids[i];
    if (i < ids.length && v === prev + 1) {
      prev = v;
      continue;
    }
    out.push(start === prev ? `${start}` : prev === start + 1 ? `${start}, ${prev}` : `${start}-${prev}`);
    if (i < ids.length) {
      start = v;
      prev = v;
    }
  }
  return out.join(", ");
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join("  ").trimEnd());
}

const contentsCount = (n: number): string => `${n} content${n === 1 ? "" : "s"}`;

const hostLabel = (h: HostName): string => (typeof h === "number" ? `host ${h}` : h);

/** How many rows of the double-failure table the text form prints before it refers to --json. */
export const DOUBLE_FAILURE_ROWS_SHOWN = 40;

export function placementText(a: PlacementAnalysis, title: string): string {
  const s = a.summary;
  const lines: string[] = [title, ""];
  lines.push(
    ...table([
      ["host", "primaries (contents)", "mirrors (contents)"],
      ...a.layout.hosts.map((h) => [hostLabel(h.host), ranges(h.primaries), ranges(h.mirrors)]),
    ]),
  );
  for (const w of a.layout.warnings) lines.push(`warning: ${w}`);
  lines.push("", "One host down (all contents in preferred roles before; FTS promotes every mirror that survives):");
  lines.push(
    ...table([
      ["host down", "max primaries/host", "failover goes to", "contents lost"],
      ...a.singleHostFailures.map((f) => [
        hostLabel(f.host),
        `${f.maxPrimariesPerHost}`,
        f.takenOverBy.length === 0 ? "-" : f.takenOverBy.map((t) => `${hostLabel(t.host)} (+${t.contents.length})`).join(", "),
        f.contentsLost.length === 0 ? "0" : `${f.contentsLost.length}: ${ranges(f.contentsLost)}`,
      ]),
    ]),
  );
  lines.push("", "Two hosts down (contents in double fault: both instances on the failed hosts):");
  const losing = a.doubleHostFailures.filter((d) => d.contentsLost.length > 0);
  const shown: DoubleHostFailure[] = losing.slice(0, DOUBLE_FAILURE_ROWS_SHOWN);
  if (shown.length > 0) {
    lines.push(
      ...table([
        ["hosts down", "contents lost"],
        ...shown.map((d) => [`${hostLabel(d.hosts[0])} + ${hostLabel(d.hosts[1])}`, `${d.contentsLost.length}: ${ranges(d.contentsLost)}`]),
      ]),
    );
  }
  if (losing.length > shown.length) lines.push(`... ${losing.length - shown.length} more pairs lose contents (--json lists every pair)`);
  lines.push(`${s.hostPairsLosingContents} of ${s.hostPairs} pairs of hosts lose at least one content.`);
  lines.push(
    "",
    `Summary: ${s.hosts} hosts, ${s.contents} contents, ${s.primariesPerHost} primaries per host; ` +
      `one host down: at most ${s.worstMaxPrimariesPerHost} primaries on a host, ${contentsCount(s.worstSingleHostLoss)} lost; ` +
      `two hosts down: at most ${contentsCount(s.worstDoubleHostLoss)} lost.`,
  );
  return lines.join("\n");
}

export type CompareSide = { readonly analysis: PlacementAnalysis } | { readonly refused: string };

export function compareText(hosts: number, perHost: number, group: CompareSide, spread: CompareSide): string {
  const cell = (side: CompareSide, f: (a: PlacementAnalysis) => string): string => ("refused" in side ? "refused" : f(side.analysis));
  const measures: readonly (readonly [string, (a: PlacementAnalysis) => string])[] = [
    ["one host down: max primaries on a host", (a) => `${a.summary.worstMaxPrimariesPerHost}`],
    ["one host down: hosts taking over", (a) => `${a.singleHostFailures.reduce((m, f) => Math.max(m, f.takenOverBy.length), 0)}`],
    ["one host down: contents lost", (a) => `${a.summary.worstSingleHostLoss}`],
    ["two hosts down: most contents lost", (a) => `${a.summary.worstDoubleHostLoss}`],
    ["two hosts down: pairs losing contents", (a) => `${a.summary.hostPairsLosingContents} of ${a.summary.hostPairs}`],
    ["two hosts down: contents lost, all pairs", (a) => `${a.doubleHostFailures.reduce((k, d) => k + d.contentsLost.length, 0)}`],
  ];
  const rows: string[][] = [
    ["", "group", "spread"],
    ["primaries per host", `${perHost}`, `${perHost}`],
    ...measures.map(([label, f]) => [label, cell(group, f), cell(spread, f)]),
  ];
  const lines = [`Group and spread mirroring on ${hosts} hosts with ${perHost} primaries each (${hosts * perHost} contents)`, "", ...table(rows)];
  for (const [name, side] of [["group", group], ["spread", spread]] as const) {
    if ("refused" in side) lines.push(`${name}: refused: ${side.refused}`);
  }
  return lines.join("\n");
}

export type CompareSideJson = PlacementJson | { readonly refused: string };

export function compareJson(group: CompareSide, spread: CompareSide): { readonly group: CompareSideJson; readonly spread: CompareSideJson } {
  const side = (s: CompareSide): CompareSideJson => ("refused" in s ? { refused: s.refused } : placementJson(s.analysis));
  return { group: side(group), spread: side(spread) };
}

// ---------------------------------------------------------------------------------------
// history

export interface HistoryJson {
  readonly verdict: "consistent" | "inconsistent";
  readonly rules: { readonly name: string; readonly syncRepReload: string; readonly off: readonly string[] };
  readonly historyRows: number;
  readonly contents: readonly {
    readonly content: number;
    readonly verdict: "consistent" | "inconsistent";
    readonly row: number | null;
    readonly reason: string;
    readonly rowsUsed: number;
    readonly catalogBefore?: readonly { readonly dbid: number; readonly role: string; readonly status: string; readonly mode: string }[];
    readonly allowedNext?: readonly string[];
    readonly witness?: readonly string[];
    readonly witnessFaults?: number;
    readonly witnessFile?: string;
  }[];
  readonly skippedRows: number;
  /** Present when the history was too long to keep witnesses (docs/cluster.md). */
  readonly witnessesDropped?: true;
  /** The first SKIPPED_ROWS_KEPT of the skipped rows. */
  readonly skipped: readonly { readonly row: number; readonly line: number; readonly dbid: number; readonly desc: string; readonly reason: string }[];
}

export function historyJson(r: HistoryCheckResult, witnessFiles: ReadonlyMap<number, string> = new Map()): HistoryJson {
  return {
    verdict: r.verdict,
    rules: { name: r.rules.name, syncRepReload: r.rules.syncRepReload, off: r.rules.off },
    historyRows: r.historyRows,
    contents: r.contents.map((c) => ({
      content: c.content,
      verdict: c.verdict,
      row: c.row,
      reason: c.reason,
      rowsUsed: c.rowsUsed,
      ...(c.catalogBefore === null ? {} : { catalogBefore: c.catalogBefore }),
      ...(c.allowedNext === null ? {} : { allowedNext: c.allowedNext }),
      ...(c.witness === null ? {} : { witness: c.witness.lines, witnessFaults: c.witness.faults }),
      ...(witnessFiles.has(c.content) ? { witnessFile: witnessFiles.get(c.content) } : {}),
    })),
    skippedRows: r.skippedRows,
    ...(r.witnessesDropped ? { witnessesDropped: true } : {}),
    skipped: r.skipped.map((s) => ({ row: s.row, line: s.line, dbid: s.dbid, desc: s.desc, reason: s.reason })),
  };
}

/** Contents listed one per line up to this many; beyond, consistent ones are summarised. */
export const CONTENT_LINES_SHOWN = 20;

export function historyText(r: HistoryCheckResult, witnessFiles: ReadonlyMap<number, string> = new Map()): string {
  const bad = r.contents.filter((c) => c.verdict === "inconsistent");
  const lines: string[] = [
    `mirrorcheck history: ${r.configFile} (${r.contents.length} contents), ${r.historyFile} (${r.historyRows} rows, ${r.skippedRows} skipped)`,
    `rules: ${r.rules.name} (syncRepReload=${r.rules.syncRepReload}${r.rules.off.length > 0 ? ` off=${r.rules.off.join(",")}` : ""}); one-content model, faults unbounded`,
    "",
  ];
  const detailed = r.contents.length <= CONTENT_LINES_SHOWN ? r.contents : bad;
  for (const c of detailed) {
    if (c.verdict === "consistent") {
      const file = witnessFiles.get(c.content);
      lines.push(`content ${c.content}: consistent: ${c.reason}${file === undefined ? "" : ` (witness ${file})`}`);
      continue;
    }
    lines.push(`content ${c.content}: INCONSISTENT at ${c.row === null ? "the end of the history" : `row ${c.row}`}: ${c.reason}`);
    if (c.catalogBefore !== null && c.catalogBefore.length > 0) {
      lines.push(`    catalog before: ${c.catalogBefore.map((x) => `dbid ${x.dbid} (${x.role},${x.status},${x.mode})`).join(", ")}`);
    }
    if (c.allowedNext !== null) {
      lines.push(`    the protocol allowed next:${c.allowedNext.length === 0 ? " no observable step" : ""}`);
      for (const a of c.allowedNext) lines.push(`      - ${a}`);
    }
  }
  if (detailed !== r.contents) {
    const good = r.contents.filter((c) => c.verdict === "consistent").map((c) => c.content);
    if (good.length > 0) lines.push(`contents ${ranges(good)}: consistent${witnessFiles.size > 0 ? " (witnesses written)" : ""}`);
  }
  if (r.witnessesDropped) lines.push("", "(no witnesses: the history is too long to keep them; the verdicts are complete)");
  if (r.skipped.length > 0) {
    lines.push("", "skipped rows:");
    for (const s of r.skipped) lines.push(`  row ${s.row} (dbid ${s.dbid}): ${s.reason}: ${JSON.stringify(s.desc)}`);
    if (r.skippedRows > r.skipped.length) lines.push(`  … and ${r.skippedRows - r.skipped.length} more skipped rows, not listed`);
  }
  lines.push(
    "",
    r.verdict === "consistent"
      ? `CONSISTENT: every content's rows are a run of the model.`
      : `INCONSISTENT: ${bad.length} of ${r.contents.length} content${r.contents.length === 1 ? "" : "s"} have rows no protocol step explains.`,
  );
  return lines.join("\n");
}
