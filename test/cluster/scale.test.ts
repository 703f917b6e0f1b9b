// history on long inputs: the file is read in chunks and row by row (never whole), each
// content keeps constant state once witnesses are dropped, and the verdicts stay those of the
// witness-keeping check. The memory test runs the built library in a child process under a
// heap cap that a check holding the rows could not meet.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkHistory,
  checkHistoryRows,
  fileChunks,
  historyFileSource,
  historyRows,
  parseCsvRecords,
  parseHistory,
  parseSegmentConfiguration,
  rulesOf,
  streamCsvRecords,
  WITNESS_ROW_LIMIT,
  type HistoryCheckResult,
} from "../../cluster/index.js";
import { resolveConfig } from "../../model/index.js";
import { generatedCluster, historyCsv, roundRobinHosts } from "./helpers.js";

const AS_IMPLEMENTED = rulesOf("as-implemented");

/** A 2-content configuration: content 0 is dbids 2 and 4, content 1 dbids 3 and 5. */
const CONFIG = `dbid,content,role,preferred_role,mode,status,port,hostname,address,datadir
1,-1,p,p,n,u,5432,cdw,cdw,/d
2,0,p,p,s,u,6000,sdw1,sdw1,/d
3,1,p,p,s,u,6000,sdw2,sdw2,/d
4,0,m,m,s,u,7000,sdw2,sdw2,/d
5,1,m,m,s,u,7000,sdw1,sdw1,/d
`;

const upd = (dbid: number, content: number, v: string): string => {
  const [r, s, m] = v.split(",");
  return `t,${dbid},"FTS: update role, status, and mode for dbid ${dbid} with contentid ${content} to ${r}, ${s}, and ${m}"`;
};

/** One mirror-down-and-back cycle of content c (4 rows), back in (u,s,u,s). */
function cycle(c: number): string[] {
  const p = 2 + c;
  const m = 4 + c;
  return [upd(p, c, "p,u,n"), upd(m, c, "m,d,n"), upd(p, c, "p,u,s"), upd(m, c, "m,u,s")];
}

/** The text of a history of `cycles` cycles per content, in chunks made as they are asked for. */
function* historyChunks(cycles: number, counter?: { chunks: number }): Generator<string> {
  yield "time,dbid,desc\n";
  for (let i = 0; i < cycles; i++) {
    if (counter !== undefined) counter.chunks++;
    yield [...cycle(0), ...cycle(1)].join("\n") + "\n";
  }
}

/** Everything but the witnesses, which only the witness-keeping check writes. */
function verdicts(r: HistoryCheckResult): unknown {
  return { ...r, contents: r.contents.map((c) => ({ ...c, witness: null })), witnessesDropped: null };
}

describe("reading a history as a stream", () => {
  it("pulls input only as far as the rows taken: the reader holds one record, not the file", () => {
    const counter = { chunks: 0 };
    const rows = historyRows(historyChunks(1_000_000, counter), "hist.csv");
    for (let k = 0; k < 24; k++) rows.next();
    // 24 rows are 3 chunks of 8 rows; the reader may look one chunk ahead for a record's end.
    expect(counter.chunks).toBeLessThanOrEqual(4);
  });

  it("gives the same records and errors in chunks of any size as read whole", () => {
    const text = '\ufeffa,b,c\r\n1,"x, ""y""\nz",é€\n\n2,,"😀"\r\n3,"q",r\rs\n4,5,';
    const whole = parseCsvRecords(text, "f.csv");
    expect(whole.map((r) => r.line)).toEqual([1, 2, 5, 6, 7]);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const pieces = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      expect([...streamCsvRecords(pieces, "f.csv")], `chunks of ${size}`).toEqual(whole);
    }
    for (const bad of ['a,b\n1,"open\n2,3\n', 'a,b\n1,"x"y\n', 'a,b\n1,x"y\n']) {
      const message = (f: () => unknown): string => {
        try {
          f();
          return "no error";
        } catch (e) {
          return (e as Error).message;
        }
      };
      const expected = message(() => parseCsvRecords(bad, "f.csv"));
      for (const size of [1, 2, 3]) {
        const pieces = Array.from({ length: Math.ceil(bad.length / size) }, (_, i) => bad.slice(i * size, (i + 1) * size));
        expect(message(() => [...streamCsvRecords(pieces, "f.csv")])).toBe(expected);
      }
    }
  });

  it("reads a file in chunks of a few bytes, characters cut between chunks included, as read whole", () => {
    const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-scale-"));
    try {
      const file = join(dir, "hist.csv");
      const text = ["time,dbid,desc", ...cycle(0), "tïme,7,\"€ unknown 😀 row\"", ...cycle(1)].join("\n") + "\n";
      writeFileSync(file, "\ufeff" + text);
      expect([...fileChunks(file, 3)].join("")).toBe("\ufeff" + text);
      const cfg = parseSegmentConfiguration(CONFIG, "conf.csv");
      const streamed = checkHistoryRows(cfg, historyFileSource(file, "hist.csv", 5), AS_IMPLEMENTED);
      expect(streamed).toEqual(checkHistory(cfg, parseHistory(text, "hist.csv"), AS_IMPLEMENTED));
      expect(streamed.verdict).toBe("consistent");
      expect(streamed.skipped.map((s) => [s.row, s.desc])).toEqual([[5, "€ unknown 😀 row"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("checking without witnesses", () => {
  const cfg = parseSegmentConfiguration(CONFIG, "conf.csv");

  it("gives the verdicts, rows, reasons and allowed steps of the witness-keeping check, on random runs and with an impossible row", () => {
    const runConfig = resolveConfig({ contents: 1, txns: 1, faults: 1, syncRepReload: "deferred", off: ["inSyncOnlyWhenCaughtUp"] });
    const cluster = generatedCluster(runConfig, roundRobinHosts(12, 4), 3, { min: 30, max: 90 });
    const c12 = parseSegmentConfiguration(cluster.config, "conf.csv");
    const at = Math.floor(cluster.lines.length / 3);
    const bad = { time: "t", dbid: 2 + 5, desc: "FTS: update role, status, and mode for dbid 7 with contentid 5 to p, d, and n" };
    for (const lines of [cluster.lines, [...cluster.lines.slice(0, at), bad, ...cluster.lines.slice(at)]]) {
      const history = parseHistory(historyCsv(lines), "hist.csv");
      const kept = checkHistory(c12, history, AS_IMPLEMENTED);
      const dropped = checkHistoryRows(c12, { file: "hist.csv", rows: () => history.rows }, AS_IMPLEMENTED, { witnessRowLimit: 0 });
      expect(dropped.witnessesDropped).toBe(true);
      expect(dropped.contents.every((c) => c.witness === null)).toBe(true);
      expect(verdicts(dropped)).toEqual(verdicts(kept));
    }
  });

  it("drops the witnesses past the limit and goes on; a caller can refuse instead", () => {
    const history = parseHistory([...historyChunks(10)].join(""), "hist.csv");
    const source = { file: "hist.csv", rows: () => history.rows };
    const r = checkHistoryRows(cfg, source, AS_IMPLEMENTED, { witnessRowLimit: 50 });
    expect(r.witnessesDropped).toBe(true);
    // Each mirror-down-and-back cycle: a fault, and the probes and the restart around it.
    expect(r.contents.map((c) => c.reason)).toEqual([
      "40 history rows explained by a run of 60 steps with 10 faults",
      "40 history rows explained by a run of 60 steps with 10 faults",
    ]);
    expect(() =>
      checkHistoryRows(cfg, source, AS_IMPLEMENTED, {
        witnessRowLimit: 50,
        onWitnessLimit: (rows) => {
          throw new Error(`refused at row ${rows}`);
        },
      }),
    ).toThrow("refused at row 51");
    const kept = checkHistoryRows(cfg, source, AS_IMPLEMENTED, { witnessRowLimit: 80 });
    expect(kept.witnessesDropped).toBe(false);
    expect(kept.contents.map((c) => [c.reason, c.witness?.steps, c.witness?.faults])).toEqual([
      [r.contents[0].reason, 60, 10],
      [r.contents[1].reason, 60, 10],
    ]);
  });

  it("reads rows of a dbid that a later gprecoverseg -F row renames as the new dbid's (the rows are read a second time)", () => {
    // dbid 9 was content 0's mirror before gprecoverseg -F rebuilt it as dbid 4.
    const text = [
      "time,dbid,desc",
      upd(2, 0, "p,u,n"),
      upd(9, 0, "m,d,n"),
      "t,4,gprecoverseg: segment config for resync: inserted segment configuration for full recovery or original dbid 9",
      upd(2, 0, "p,u,s"),
      upd(4, 0, "m,u,s"),
    ].join("\n");
    let readings = 0;
    const history = parseHistory(text, "hist.csv");
    const r = checkHistoryRows(cfg, { file: "hist.csv", rows: () => (readings++, history.rows) }, AS_IMPLEMENTED);
    expect(readings).toBe(2);
    expect(r.skippedRows).toBe(0);
    expect(r.contents[0].verdict).toBe("consistent");
    expect(r.contents[0].rowsUsed).toBe(5);
    // Without a renaming, one reading.
    const plain = parseHistory([...historyChunks(2)].join(""), "hist.csv");
    readings = 0;
    checkHistoryRows(cfg, { file: "hist.csv", rows: () => (readings++, plain.rows) }, AS_IMPLEMENTED);
    expect(readings).toBe(1);
  });

  it("200,000 rows in a child process whose heap is capped at 48 MB (the rows alone take more)", () => {
    const lib = new URL("../../dist/cluster/index.js", import.meta.url).href;
    const script = `
      import { checkHistoryRows, historyRows, parseSegmentConfiguration, rulesOf } from ${JSON.stringify(lib)};
      const upd = ${upd.toString()};
      const cycle = ${cycle.toString()};
      function* chunks() {
        yield "time,dbid,desc\\n";
        for (let i = 0; i < 25000; i++) yield [...cycle(0), ...cycle(1)].join("\\n") + "\\n";
      }
      const cfg = parseSegmentConfiguration(${JSON.stringify(CONFIG)}, "conf.csv");
      const r = checkHistoryRows(cfg, { file: "hist.csv", rows: () => historyRows(chunks(), "hist.csv") }, rulesOf("as-implemented"), { witnessRowLimit: 0 });
      console.log(JSON.stringify({ rows: r.historyRows, verdict: r.verdict, reasons: r.contents.map((c) => c.reason) }));
    `;
    const child = spawnSync(process.execPath, ["--max-old-space-size=48", "--input-type=module", "-e", script], {
      encoding: "utf8",
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
    });
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual({
      rows: 200_000,
      verdict: "consistent",
      reasons: [
        "100000 history rows explained by a run of 150000 steps with 25000 faults",
        "100000 history rows explained by a run of 150000 steps with 25000 faults",
      ],
    });
  });

  it("the CLI: past WITNESS_ROW_LIMIT rows, --witness-dir is refused in one line (exit 2); without it the check completes without witnesses", () => {
    const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-scale-"));
    try {
      const conf = join(dir, "conf.csv");
      const hist = join(dir, "hist.csv");
      writeFileSync(conf, CONFIG);
      writeFileSync(hist, [...historyChunks(WITNESS_ROW_LIMIT / 8 + 1)].join(""));
      const bin = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
      const run = (...extra: string[]) =>
        spawnSync(process.execPath, [bin, "history", "--config", conf, "--history", hist, ...extra], { encoding: "utf8" });
      const refused = run("--witness-dir", join(dir, "w"));
      expect(refused.status).toBe(2);
      expect(refused.stderr.trim().split("\n")).toHaveLength(1);
      expect(refused.stderr).toContain(`--witness-dir: ${hist} has more than 200,000 rows`);
      const plain = run("--json");
      expect(plain.status).toBe(0);
      const json = JSON.parse(plain.stdout) as { historyRows: number; witnessesDropped?: boolean; contents: { witness?: unknown }[] };
      expect(json.historyRows).toBe(WITNESS_ROW_LIMIT + 8);
      expect(json.witnessesDropped).toBe(true);
      expect(json.contents.every((c) => c.witness === undefined)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
