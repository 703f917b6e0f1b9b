// A generated 400-content cluster (50 hosts × 8 primaries, spread): its placement tables, and
// a random failover history per content that the check must find consistent, then the same
// history with one impossible row that it must find at exactly that row. Correctness, not time.
import { describe, expect, it } from "vitest";
import {
  analysePlacement,
  checkHistory,
  generatedLayout,
  layoutFromConfiguration,
  parseHistory,
  parseSegmentConfiguration,
  rulesOf,
} from "../../cluster/index.js";
import { resolveConfig } from "../../model/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";
import { generatedCluster, historyCsv } from "./helpers.js";

const H = 50;
const N = 8;
const K = H * N;
const layout = generatedLayout(H, N, "spread");
const hosts = Array.from({ length: K }, (_, c) => [`sdw${layout.primaryHost[c] + 1}`, `sdw${layout.mirrorHost[c] + 1}`] as const);
// Runs with 2 txns, so that commits are in the runs although the check's model has none.
const runConfig = resolveConfig({ contents: 1, txns: 2, faults: 1, syncRepReload: "deferred", off: ["inSyncOnlyWhenCaughtUp"] });
const cluster = generatedCluster(runConfig, hosts, 5, { min: 20, max: 80 });

describe("a 400-content cluster", () => {
  it("placement: spread over 50 hosts sends a failed host's 8 primaries to 8 hosts; a pair of hosts loses at most 1 content (H > 2N+1)", () => {
    const a = analysePlacement(layout);
    expect(a.summary).toEqual({
      hosts: 50,
      contents: 400,
      primariesPerHost: 8,
      worstMaxPrimariesPerHost: 9,
      worstSingleHostLoss: 0,
      worstDoubleHostLoss: 1,
      hostPairsLosingContents: 400,
      hostPairs: 1225,
    });
    for (const f of a.singleHostFailures) expect(f.takenOverBy.map((t) => t.contents.length)).toEqual(Array(8).fill(1));
    // Every content is lost by exactly one pair of hosts: its primary's and its mirror's.
    expect(a.doubleHostFailures.reduce((n, d) => n + d.contentsLost.length, 0)).toBe(400);
    // The same layout read back from the cluster's configuration file.
    const fromFile = analysePlacement(layoutFromConfiguration(parseSegmentConfiguration(cluster.config, "conf.csv")));
    expect(fromFile.layout.mirroring).toBe("spread");
    expect(fromFile.layout.hosts.map((h) => [h.primaries, h.mirrors])).toEqual(layout.hosts.map((h) => [h.primaries, h.mirrors]));
    expect(fromFile.summary).toEqual(a.summary);
  });

  const cfg = parseSegmentConfiguration(cluster.config, "conf.csv");

  it("history: every content's random run is consistent, and its witness replays green", () => {
    expect(cluster.lines.length).toBeGreaterThan(2000);
    const r = checkHistory(cfg, parseHistory(cluster.history, "hist.csv"), rulesOf("as-implemented"));
    expect(r.contents.filter((c) => c.verdict !== "consistent").map((c) => [c.content, c.row, c.reason])).toEqual([]);
    expect(r.skipped).toEqual([]);
    expect(r.contents.reduce((n, c) => n + c.rowsUsed, 0)).toBe(cluster.lines.length);
    let replayed = 0;
    for (const c of r.contents) {
      if (c.witness === null || !c.witness.replayable || c.content % 4 !== 0) continue;
      expect(replayTrace(parseTrace(c.witness.text, c.witness.fileName)).status, `content ${c.content}`).toBe("ok");
      replayed++;
    }
    expect(replayed).toBeGreaterThan(20);
  });

  it("history: one impossible row in the middle is found at exactly its row, and only its content is inconsistent", () => {
    const at = Math.floor(cluster.lines.length / 2);
    const bad = { time: cluster.lines[at].time, dbid: 125, desc: "FTS: update role, status, and mode for dbid 125 with contentid 123 to p, d, and n" };
    const lines = [...cluster.lines.slice(0, at), bad, ...cluster.lines.slice(at)];
    const r = checkHistory(cfg, parseHistory(historyCsv(lines), "hist.csv"), rulesOf("as-implemented"));
    expect(r.verdict).toBe("inconsistent");
    expect(r.contents.filter((c) => c.verdict === "inconsistent").map((c) => [c.content, c.row])).toEqual([[123, at + 1]]);
    expect(r.contents[123].reason).toMatch(/writes dbid 125 \(p,d,n\): FTS never marks the catalog primary down/);
  });
});

describe("random runs under other rules, with and without gpaddmirrors, are consistent under those rules", () => {
  for (const name of ["default", "deferred-reload", "bug-promoteRequiresInSync", "bug-markDownBeforeSyncRepOff"]) {
    for (const mirroring of ["enabled", "addLater"] as const) {
      it(`${name}, mirroring ${mirroring}`, () => {
        const rules = rulesOf(name);
        const run = resolveConfig({ contents: 1, txns: 1, faults: 1, mirroring, syncRepReload: rules.syncRepReload, off: rules.off });
        const k = 60;
        const c = generatedCluster(run, Array.from({ length: k }, (_, i) => [`sdw${(i % 6) + 1}`, `sdw${((i + 1) % 6) + 1}`] as const), 3, { min: 10, max: 60 });
        const r = checkHistory(parseSegmentConfiguration(c.config, "conf.csv"), parseHistory(c.history, "hist.csv"), rules);
        expect(r.contents.filter((x) => x.verdict !== "consistent").map((x) => [x.content, x.row, x.reason])).toEqual([]);
        if (mirroring === "addLater") expect(c.lines.some((l) => l.desc.startsWith("gpaddmirrors:"))).toBe(true);
        for (const x of r.contents.slice(0, 15)) {
          if (x.witness !== null && x.witness.replayable) {
            expect(replayTrace(parseTrace(x.witness.text, x.witness.fileName)).status, x.witness.text).toBe("ok");
          }
        }
      });
    }
  }
});
