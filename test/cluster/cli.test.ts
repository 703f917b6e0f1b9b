// `mirrorcheck placement` and `mirrorcheck history` as users run them: the built binary, its
// exit codes (0, 1, 2), its JSON shapes, one-line errors, and witnesses that replay green.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generatedLayout } from "../../cluster/index.js";
import { resolveConfig } from "../../model/index.js";
import { generatedCluster } from "./helpers.js";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../fixtures/cluster/", import.meta.url));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = (dir: string, file: "gp_segment_configuration.csv" | "gp_configuration_history.csv"): string => join(FIXTURES, dir, file);
const tmp = mkdtempSync(join(tmpdir(), "mirrorcheck-cluster-"));

describe("mirrorcheck placement", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does)`);
  });

  it("--json prints the documented shape, exit 0", () => {
    const r = mirrorcheck("placement", "--hosts", "4", "--primaries-per-host", "2", "--mirroring", "group", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.hosts).toEqual([
      { host: 0, primaries: [0, 1], mirrors: [6, 7] },
      { host: 1, primaries: [2, 3], mirrors: [0, 1] },
      { host: 2, primaries: [4, 5], mirrors: [2, 3] },
      { host: 3, primaries: [6, 7], mirrors: [4, 5] },
    ]);
    expect(j.singleHostFailures[0]).toMatchObject({ host: 0, maxPrimariesPerHost: 4, contentsLost: [] });
    expect(j.doubleHostFailures.map((d: { hosts: number[]; contentsLost: number[] }) => [d.hosts, d.contentsLost])).toEqual([
      [[0, 1], [0, 1]],
      [[0, 2], []],
      [[0, 3], [6, 7]],
      [[1, 2], [2, 3]],
      [[1, 3], []],
      [[2, 3], [4, 5]],
    ]);
  });

  it("prints the tables as text", () => {
    const r = mirrorcheck("placement", "--hosts", "5", "--primaries-per-host", "4", "--mirroring", "spread");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("host 0  0-3                   7, 10, 13, 16");
    expect(r.stdout).toContain("one host down: at most 5 primaries on a host, 0 contents lost; two hosts down: at most 2 contents lost.");
  });

  it("--compare puts group and spread side by side, and says which side Greenplum refuses", () => {
    const r = mirrorcheck("placement", "--hosts", "5", "--primaries-per-host", "4", "--compare");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/one host down: max primaries on a host\s+8\s+5/);
    expect(r.stdout).toMatch(/two hosts down: most contents lost\s+4\s+2/);
    const j = JSON.parse(mirrorcheck("placement", "--hosts", "3", "--primaries-per-host", "4", "--compare", "--json").stdout);
    expect(j.group.summary.worstMaxPrimariesPerHost).toBe(8);
    expect(j.spread).toEqual({
      refused: "impossible placement: spread mirroring needs more hosts than primaries per host (3 hosts, 4 primaries per host)",
    });
  });

  it("refuses impossible layouts and bad sizes with one line, exit 2", () => {
    for (const [args, message] of [
      [["--hosts", "4", "--primaries-per-host", "4", "--mirroring", "spread"], "mirrorcheck: impossible placement: spread mirroring needs more hosts than primaries per host (4 hosts, 4 primaries per host)\n"],
      [["--hosts", "1", "--primaries-per-host", "2"], "mirrorcheck: impossible placement: group mirroring needs at least 2 hosts, got 1\n"],
      [["--hosts", "0", "--primaries-per-host", "2"], "mirrorcheck: --hosts must be an integer from 1 to 1000, got 0\n"],
      [["--hosts", "4", "--primaries-per-host", "x"], 'mirrorcheck: option \'--primaries-per-host <N>\' argument \'x\' is invalid. expected an integer, got "x"\n'],
      [["--hosts", "4"], "mirrorcheck: give --hosts H and --primaries-per-host N, or --from FILE\n"],
      [["--hosts", "4", "--primaries-per-host", "2", "--mirroring", "ring"], "mirrorcheck: option '--mirroring <kind>' argument 'ring' is invalid. Allowed choices are group, spread.\n"],
    ] as const) {
      const r = mirrorcheck("placement", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toBe(message);
      expect(r.stdout).toBe("");
    }
  });

  it("--from analyses a real cluster; a layout that loses a content to one host failure exits 1", () => {
    const ok = mirrorcheck("placement", "--from", fixture("impossible/promoted-while-not-in-sync", "gp_segment_configuration.csv"), "--json");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).hosts).toEqual([
      { host: "sdw1", primaries: [0, 1], mirrors: [2, 3] },
      { host: "sdw2", primaries: [2, 3], mirrors: [0, 1] },
    ]);
    const file = join(tmp, "same-host.csv");
    writeFileSync(file, "dbid,content,role,preferred_role,mode,status,hostname\n2,0,p,p,s,u,sdw1\n3,0,m,m,s,u,sdw1\n4,1,p,p,s,u,sdw2\n5,1,m,m,s,u,sdw1\n");
    const bad = mirrorcheck("placement", "--from", file);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("warning: content 0: primary and mirror on the same host");
  });

  it("bad files are one line naming file, line and problem, exit 2", () => {
    const file = join(tmp, "bad.csv");
    writeFileSync(file, "dbid,content,role,preferred_role,mode,status,hostname\n2,0,p,p,s,u,sdw1\n3,zero,m,m,s,u,sdw2\n");
    expect(mirrorcheck("placement", "--from", file)).toMatchObject({ code: 2, stderr: `mirrorcheck: ${file}:3: content must be an integer, got "zero"\n` });
    expect(mirrorcheck("placement", "--from", join(tmp, "missing.csv"))).toMatchObject({
      code: 2,
      stderr: `mirrorcheck: cannot read ${join(tmp, "missing.csv")}: no such file\n`,
    });
    expect(mirrorcheck("placement", "--from", file, "--hosts", "3").code).toBe(2);
  });
});

describe("mirrorcheck history", () => {
  it("consistent: exit 0, the documented JSON, witness files that replay green", () => {
    const dir = join(tmp, "witnesses");
    const r = mirrorcheck(
      "history",
      "--config", fixture("scenarios/incremental-recovery-and-rebalance", "gp_segment_configuration.csv"),
      "--history", fixture("scenarios/incremental-recovery-and-rebalance", "gp_configuration_history.csv"),
      "--witness-dir", dir,
      "--json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ verdict: "consistent", skippedRows: 0 });
    expect(j.contents.map((c: { content: number; verdict: string; row: number | null }) => [c.content, c.verdict, c.row])).toEqual([
      [0, "consistent", null],
      [1, "consistent", null],
      [2, "consistent", null],
    ]);
    // 12 steps: a failover, its recovery, then gprecoverseg -r, whose stop and requested probe are one step.
    expect(j.contents[0].reason).toBe("10 history rows explained by a run of 12 steps with 1 fault");
    expect(j.contents[0].witness[0]).toBe("config contents=1 txns=0 faults=1 syncRepReload=deferred off=inSyncOnlyWhenCaughtUp");
    expect(j.contents[0].witnessFile).toBe(join(dir, "content-0.trace"));
    expect(readdirSync(dir).sort()).toEqual(["content-0.trace", "content-1.trace", "content-2.trace"]);
    const replay = mirrorcheck("replay", join(dir, "content-0.trace"));
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain("OK  12 actions replayed, 6 expectations held");
  });

  it("inconsistent: exit 1, the offending row, the catalog before it and what was allowed", () => {
    const r = mirrorcheck(
      "history",
      "--config", fixture("impossible/primary-marked-down", "gp_segment_configuration.csv"),
      "--history", fixture("impossible/primary-marked-down", "gp_configuration_history.csv"),
      "--json",
    );
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe("inconsistent");
    expect(j.skippedRows).toBe(1);
    expect(j.contents[1]).toMatchObject({
      content: 1,
      verdict: "inconsistent",
      row: 6,
      catalogBefore: [
        { dbid: 3, role: "p", status: "u", mode: "s" },
        { dbid: 6, role: "m", status: "u", mode: "s" },
      ],
    });
    expect(j.contents[1].reason).toMatch(/FTS never marks the catalog primary down/);
    expect(j.contents[1].allowedNext).toHaveLength(3);
    const text = mirrorcheck(
      "history",
      "--config", fixture("impossible/promoted-while-not-in-sync", "gp_segment_configuration.csv"),
      "--history", fixture("impossible/promoted-while-not-in-sync", "gp_configuration_history.csv"),
    );
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("content 1: INCONSISTENT at row 8: ");
    expect(text.stdout).toContain("    catalog before: dbid 3 (p,u,n), dbid 7 (m,d,n)");
    expect(text.stdout).toContain('  row 5 (dbid 1): unknown row text: "FTS: probe result processing is complete"');
  });

  it("--rules takes another canonical configuration's rules", () => {
    const args = ["history", "--config", fixture("gpaddmirrors", "gp_segment_configuration.csv"), "--history", fixture("gpaddmirrors", "gp_configuration_history.csv")];
    expect(mirrorcheck(...args).code).toBe(0);
    expect(mirrorcheck(...args, "--rules", "default").code).toBe(1);
    expect(mirrorcheck(...args, "--rules", "nonsense")).toMatchObject({ code: 2 });
    expect(mirrorcheck(...args, "--off", "noSuchSafeguard").stderr).toMatch(/^mirrorcheck: unknown safeguard "noSuchSafeguard" for --off/);
  });

  it("unreadable input: exit 2 with one line", () => {
    const hist = join(tmp, "history-bad.csv");
    writeFileSync(hist, "time,desc\nt,x\n");
    const cfg = fixture("gpaddmirrors", "gp_segment_configuration.csv");
    expect(mirrorcheck("history", "--config", cfg, "--history", hist)).toMatchObject({
      code: 2,
      stderr: `mirrorcheck: ${hist}:1: missing column "dbid" (the header has: time, desc)\n`,
    });
    writeFileSync(hist, 'time,dbid,desc\nt,2,"unterminated\n');
    expect(mirrorcheck("history", "--config", cfg, "--history", hist)).toMatchObject({
      code: 2,
      stderr: `mirrorcheck: ${hist}:2: unterminated quoted field (a " is never closed)\n`,
    });
    expect(mirrorcheck("history", "--config", cfg).code).toBe(2);
  });

  it("a 400-content cluster: placement --from and history through the binary", () => {
    const layout = generatedLayout(50, 8, "spread");
    const hosts = Array.from({ length: 400 }, (_, c) => [`sdw${layout.primaryHost[c] + 1}`, `sdw${layout.mirrorHost[c] + 1}`] as const);
    const runConfig = resolveConfig({ contents: 1, txns: 1, faults: 1, syncRepReload: "deferred", off: ["inSyncOnlyWhenCaughtUp"] });
    const cluster = generatedCluster(runConfig, hosts, 11, { min: 10, max: 60 });
    const cfg = join(tmp, "big-config.csv");
    const hist = join(tmp, "big-history.csv");
    writeFileSync(cfg, cluster.config);
    writeFileSync(hist, cluster.history);
    const p = mirrorcheck("placement", "--from", cfg, "--json");
    expect(p.code).toBe(0);
    const pj = JSON.parse(p.stdout);
    expect(pj.hosts).toHaveLength(50);
    expect(pj.doubleHostFailures).toHaveLength(1225);
    const h = mirrorcheck("history", "--config", cfg, "--history", hist, "--json", "--witness-dir", join(tmp, "big-witnesses"));
    expect(h.code).toBe(0);
    const hj = JSON.parse(h.stdout);
    expect(hj.verdict).toBe("consistent");
    expect(hj.contents).toHaveLength(400);
    expect(readdirSync(join(tmp, "big-witnesses"))).toHaveLength(400);
  });
});
