// Builds realistic CSV exports (what `psql --csv` writes) of gp_segment_configuration and
// gp_configuration_history from runs of the model: the fixtures of scenarios/ are made and
// checked with it, and the large generated cluster of the performance tests too.
import {
  catalogPrimary,
  enabledActions,
  initialState,
  stepFast,
  probeDecision,
  probeFailureRow,
  type Action,
  type Config,
  type State,
} from "../../model/index.js";

/** A cluster dbid for each content's instances: dbid[c][i] (i = 0 preferred primary, 1 preferred mirror). */
export type DbidMap = readonly (readonly [number, number])[];

/** Greenplum's usual numbering: primaries 2..K+1, mirrors K+2..2K+1. */
export function standardDbids(k: number): DbidMap {
  return Array.from({ length: k }, (_, c) => [2 + c, 2 + k + c] as const);
}

/** Interleaved numbering (primary 2+2c, mirror 3+2c), as gpaddmirrors -i or gpexpand can leave it. */
export function interleavedDbids(k: number): DbidMap {
  return Array.from({ length: k }, (_, c) => [2 + 2 * c, 3 + 2 * c] as const);
}

export interface HistoryLine {
  readonly time: string;
  readonly dbid: number;
  readonly desc: string;
}

/** A clock that prints Greenplum's timestamptz format: "2024-03-11 09:15:02.184392+00". */
export class Clock {
  private micros: number;
  constructor(start = Date.UTC(2024, 2, 11, 9, 15, 0) * 1000) {
    this.micros = start;
  }
  advance(micros: number): void {
    this.micros += micros;
  }
  now(): string {
    const ms = Math.floor(this.micros / 1000);
    const d = new Date(ms);
    const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
    const frac = pad(this.micros % 1_000_000, 6);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${frac}+00`;
  }
}

interface Row {
  role: "p" | "m";
  status: "u" | "d";
  mode: "s" | "n";
}

function catalogRows(s: State, c: number): [Row, Row] {
  const cat = s.contents[c].catalog;
  const prim: Row = { role: "p", status: "u", mode: cat.mode };
  const mirr: Row = { role: "m", status: cat.mirrorUp ? "u" : "d", mode: cat.mode };
  return cat.primary === 0 ? [prim, mirr] : [mirr, prim];
}

const same = (a: Row, b: Row): boolean => a.role === b.role && a.status === b.status && a.mode === b.mode;

/**
 * The history rows a run writes, GP7 style: for each step that changes a content's catalog,
 * FTS's row for each dbid whose row changed (the catalog primary's first, each stamped
 * with its own clock reading, as GetCurrentTimestamp() does); the double-fault rows; and
 * gprecoverseg -F's and gpaddmirrors' rows for RecoverFull and AddMirror.
 */
export function historyOfRun(
  cfg: Config,
  states: readonly State[],
  actions: readonly Action[],
  dbids: DbidMap,
  clock: Clock,
  options: { doubleFaultRows?: boolean; contentId?: (c: number) => number } = {},
): HistoryLine[] {
  const out: HistoryLine[] = [];
  const cid = options.contentId ?? ((c: number): number => c);
  const inDoubleFault = new Set<number>();
  for (let k = 0; k < actions.length; k++) {
    const before = states[k];
    const after = states[k + 1];
    const a = actions[k];
    clock.advance(2_000_000 + ((k * 7919) % 900_000));
    if (a.type === "FtsRestart") inDoubleFault.clear();
    if (options.doubleFaultRows === true && (a.type === "FtsProbe" || a.type === "FtsProbeTimeout")) {
      const c = a.content;
      const content = before.contents[c];
      const row = a.type === "FtsProbe" ? probeDecision(cfg, content).row : probeFailureRow(cfg, content);
      if (row === "E4" && !inDoubleFault.has(c)) {
        inDoubleFault.add(c);
        out.push({ time: clock.now(), dbid: dbids[c][content.catalog.primary], desc: `FTS: double fault detected for content id ${cid(c)}` });
      } else if (row !== "E4" && inDoubleFault.has(c) && a.type === "FtsProbe" && catalogPrimary(content).alive) {
        inDoubleFault.delete(c);
        const d = dbids[c][content.catalog.primary];
        out.push({ time: clock.now(), dbid: d, desc: `FTS: content id ${cid(c)} is out of double fault, dbid ${d} is up` });
      }
    }
    if (a.type === "RecoverFull") {
      const c = a.content;
      const m = dbids[c][before.contents[c].catalog.primary === 0 ? 1 : 0];
      out.push({ time: clock.now(), dbid: m, desc: `gprecoverseg: segment config for resync: inserted segment configuration for full recovery or original dbid ${m}` });
      continue;
    }
    if (a.type === "AddMirror") {
      const c = a.content;
      out.push({ time: clock.now(), dbid: dbids[c][1], desc: "gpaddmirrors: segment config for resync: inserted mirror segment configuration" });
      continue;
    }
    for (let c = 0; c < before.contents.length; c++) {
      if (!after.contents[c].hasMirror || !before.contents[c].hasMirror) continue;
      const x = catalogRows(before, c);
      const y = catalogRows(after, c);
      const order: (0 | 1)[] = before.contents[c].catalog.primary === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        if (same(x[i], y[i])) continue;
        const r = y[i];
        out.push({
          time: clock.now(),
          dbid: dbids[c][i],
          desc: `FTS: update role, status, and mode for dbid ${dbids[c][i]} with contentid ${cid(c)} to ${r.role}, ${r.status}, and ${r.mode}`,
        });
        clock.advance(11 + ((k * 31) % 40)); // the next row of the same transaction, microseconds later
      }
    }
  }
  return out;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function historyCsv(lines: readonly HistoryLine[]): string {
  return ["time,dbid,desc", ...lines.map((l) => [l.time, String(l.dbid), l.desc].map(csvField).join(","))].join("\n") + "\n";
}

/**
 * gp_segment_configuration at the end of a run, as `psql --csv` prints it, with the
 * coordinator (dbid 1) and its standby; hosts[c] names the hosts of content c's two instances.
 */
export function configurationCsv(
  s: State,
  dbids: DbidMap,
  hosts: readonly (readonly [string, string])[],
  coordinator: { readonly standbyDbid: number } = { standbyDbid: 2 * s.contents.length + 2 },
): string {
  const lines = ["dbid,content,role,preferred_role,mode,status,port,hostname,address,datadir"];
  lines.push("1,-1,p,p,n,u,5432,mdw,mdw,/data/coordinator/gpseg-1");
  const rows: { dbid: number; line: string }[] = [];
  s.contents.forEach((content, c) => {
    const cat = catalogRows(s, c);
    for (const i of [0, 1] as const) {
      if (i === 1 && !content.hasMirror) continue;
      const r = i === 0 && !content.hasMirror ? { role: "p", status: "u", mode: "n" } : cat[i];
      const host = hosts[c][i];
      const port = i === 0 ? 6000 + c : 7000 + c;
      const dir = i === 0 ? `/data/primary/gpseg${c}` : `/data/mirror/gpseg${c}`;
      rows.push({
        dbid: dbids[c][i],
        line: `${dbids[c][i]},${c},${r.role},${i === 0 ? "p" : "m"},${r.mode},${r.status},${port},${host},${host},${dir}`,
      });
    }
  });
  rows.sort((a, b) => a.dbid - b.dbid);
  lines.push(...rows.map((r) => r.line));
  lines.push(`${coordinator.standbyDbid},-1,m,m,s,u,5432,smdw,smdw,/data/coordinator/gpseg-1`);
  return lines.join("\n") + "\n";
}

/** Hosts of content c for a simple layout: primaries round-robin over H hosts, each mirror on the next host. */
export function roundRobinHosts(k: number, h: number, prefix = "sdw"): [string, string][] {
  return Array.from({ length: k }, (_, c) => [`${prefix}${(c % h) + 1}`, `${prefix}${((c + 1) % h) + 1}`]);
}

/** A seeded PRNG (mulberry32), so that generated histories are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random run of the one-content model in history mode (the fault budget never runs out:
 * faults is reset after each step, as the history check does), seeded.
 */
export function randomRun(cfg: Config, rnd: () => number, steps: number): { states: State[]; actions: Action[] } {
  const states: State[] = [initialState(cfg)];
  const actions: Action[] = [];
  let s = states[0];
  for (let k = 0; k < steps; k++) {
    const enabled = enabledActions(cfg, s);
    if (enabled.length === 0) break;
    const b = enabled[Math.floor(rnd() * enabled.length)];
    const next = stepFast(s, b);
    s = { ...next, faults: 0 };
    states.push(s);
    actions.push(b.action);
  }
  return { states, actions };
}

/**
 * Scenarios whose fixture numbers dbids the interleaved way (gpaddmirrors -i or gpexpand
 * can leave a cluster so), so that the history check is also run on a numbering where
 * mirrors are not primaries + K; every other scenario uses Greenplum's usual numbering.
 */
export const INTERLEAVED_SCENARIOS: ReadonlySet<string> = new Set(["failover-keeps-acked-commits", "incremental-recovery-and-rebalance"]);

/** A generated cluster: layout by a Greenplum rule, standard dbids, a random history per content. */
export interface GeneratedCluster {
  readonly config: string;
  readonly history: string;
  readonly lines: readonly HistoryLine[];
  readonly contents: number;
}

export function generatedCluster(
  cfg: Config,
  hosts: readonly (readonly [string, string])[],
  seed: number,
  stepsPerContent: { readonly min: number; readonly max: number },
): GeneratedCluster {
  const k = hosts.length;
  const dbids = standardDbids(k);
  const finals: State[] = [];
  const all: HistoryLine[] = [];
  for (let c = 0; c < k; c++) {
    const rnd = prng(seed * 7919 + c);
    const steps = stepsPerContent.min + Math.floor(rnd() * (stepsPerContent.max - stepsPerContent.min + 1));
    const run = randomRun(cfg, rnd, steps);
    finals.push(run.states[run.states.length - 1]);
    const clock = new Clock(Date.UTC(2024, 0, 1) * 1000 + Math.floor(rnd() * 3_600_000_000));
    all.push(...historyOfRun(cfg, run.states, run.actions, [dbids[c]], clock, { doubleFaultRows: true, contentId: () => c }));
  }
  // One file in time order, as the coordinator's table holds it (a stable sort keeps each transaction's rows in order).
  const lines = all.map((l, i) => ({ l, i })).sort((a, b) => (a.l.time < b.l.time ? -1 : a.l.time > b.l.time ? 1 : a.i - b.i)).map((x) => x.l);
  const cluster: State = { contents: finals.map((s) => s.contents[0]), txns: [], nextTxn: 1, faults: 0 };
  return { config: configurationCsv(cluster, dbids, hosts), history: historyCsv(lines), lines, contents: k };
}
