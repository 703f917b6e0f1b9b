// The history check: every scenario of the repository's scenarios/ as a cluster's CSV pair
// is consistent and its witnesses replay green; impossible histories are refused at the
// exact row with the reason; unknown rows are skipped and counted; the model's txns do not
// change any verdict.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  advance,
  checkHistory,
  closeLayer,
  historyGraph,
  parseHistory,
  parseSegmentConfiguration,
  rulesOf,
  startLayer,
  type HistoryCheckResult,
  type HistoryGraph,
  type Layer,
  type Letter,
} from "../../cluster/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";
import { SCENARIO_FIXTURES_DIR, SCENARIOS_DIR, scenarioFixture, scenarioNames, writeScenarioFixtures } from "./scenarioFixtures.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/cluster/", import.meta.url));
const AS_IMPLEMENTED = rulesOf("as-implemented");
const DEFAULT = rulesOf("default");

function check(dir: string, rules = AS_IMPLEMENTED): HistoryCheckResult {
  const cfgFile = join(FIXTURES, dir, "gp_segment_configuration.csv");
  const histFile = join(FIXTURES, dir, "gp_configuration_history.csv");
  return checkHistory(
    parseSegmentConfiguration(readFileSync(cfgFile, "utf8"), "gp_segment_configuration.csv"),
    parseHistory(readFileSync(histFile, "utf8"), "gp_configuration_history.csv"),
    rules,
  );
}

function checkText(config: string, history: string, rules = AS_IMPLEMENTED): HistoryCheckResult {
  return checkHistory(parseSegmentConfiguration(config, "conf.csv"), parseHistory(history, "hist.csv"), rules);
}

/** Replays every witness of a result with the trace library: each must apply and hold every expectation. */
function expectWitnessesReplay(r: HistoryCheckResult): void {
  for (const c of r.contents) {
    if (c.witness === null) continue;
    expect(c.witness.replayable).toBe(true);
    const result = replayTrace(parseTrace(c.witness.text, c.witness.fileName));
    expect(result.status, `content ${c.content}: ${c.witness.text}`).toBe("ok");
  }
}

// MIRRORCHECK_WRITE_FIXTURES=1 npx vitest run test/cluster/history.test.ts rewrites the
// fixtures from scenarios/ (after a scenario or the model changed); the test below then
// passes, and git diff shows what the change did to the histories.
if (process.env.MIRRORCHECK_WRITE_FIXTURES === "1") writeScenarioFixtures();

const names = scenarioNames();

// Under the model's default rules, FTS writes s only once the mirror holds all the
// primary's WAL (inSyncOnlyWhenCaughtUp): the histories of Greenplum's window are then
// impossible, at the row where the probe that turned sync rep on wrote s.
const INCONSISTENT_UNDER_DEFAULT: Readonly<Record<string, { row: number; reason: RegExp }>> = {
  "in-sync-window-as-implemented": {
    row: 3,
    reason: /^no protocol step from dbid 2 \(m,d,n\), dbid 4 \(p,u,n\) writes dbid 4 \(p,u,s\): with safeguard inSyncOnlyWhenCaughtUp on/,
  },
};

describe("the scenarios of scenarios/ as cluster histories", () => {
  it("has a fixture for every scenario and no other, equal to what the scenario's run writes (MIRRORCHECK_WRITE_FIXTURES=1 rewrites them)", () => {
    expect(names.length).toBeGreaterThanOrEqual(16);
    expect(readdirSync(SCENARIO_FIXTURES_DIR).sort()).toEqual(names);
    for (const name of names) {
      const expected = scenarioFixture(name, readFileSync(join(SCENARIOS_DIR, `${name}.trace`), "utf8"));
      const dir = join(SCENARIO_FIXTURES_DIR, name);
      expect(readFileSync(join(dir, "gp_segment_configuration.csv"), "utf8"), name).toBe(expected.config);
      expect(readFileSync(join(dir, "gp_configuration_history.csv"), "utf8"), name).toBe(expected.history);
    }
  });

  for (const name of names) {
    it(`${name}: consistent under Greenplum's rules, and every witness replays green`, () => {
      const r = check(join("scenarios", name));
      expect(r.contents.filter((c) => c.verdict !== "consistent")).toEqual([]);
      expect(r.verdict).toBe("consistent");
      expect(r.skipped).toEqual([]);
      expectWitnessesReplay(r);
    });
  }

  it("under the model's default rules, every scenario but Greenplum's in-sync window is consistent", () => {
    for (const name of names) {
      const r = check(join("scenarios", name), DEFAULT);
      const refused = INCONSISTENT_UNDER_DEFAULT[name];
      expect(r.verdict, name).toBe(refused === undefined ? "consistent" : "inconsistent");
      expectWitnessesReplay(r);
      if (refused === undefined) continue;
      const first = r.contents.find((c) => c.verdict !== "consistent");
      expect(first?.row, name).toBe(refused.row);
      expect(first?.reason, name).toMatch(refused.reason);
    }
  });

  it("the witness of a failover and rebalance shows each history row as an expectation", () => {
    const c = check(join("scenarios", "incremental-recovery-and-rebalance")).contents[0];
    expect(c.verdict).toBe("consistent");
    expect(c.witness?.lines[0]).toBe("config contents=1 txns=0 faults=1 syncRepReload=deferred off=inSyncOnlyWhenCaughtUp");
    expect(c.witness?.lines.filter((l) => l.startsWith("expect catalog"))).toEqual([
      "expect catalog content=0 primary=3 mirrorUp=false mode=n   # history rows 1, 2: dbid 2 → (m,d,n) and dbid 3 → (p,u,n)",
      "expect catalog content=0 primary=3 mirrorUp=true mode=n   # history row 3: dbid 2 → (m,u,n)",
      "expect catalog content=0 primary=3 mirrorUp=true mode=s   # history rows 4, 5: dbid 2 → (m,u,s) and dbid 3 → (p,u,s)",
      "expect catalog content=0 primary=2 mirrorUp=false mode=n   # history rows 6, 7: dbid 2 → (p,u,n) and dbid 3 → (m,d,n)",
      "expect catalog content=0 primary=2 mirrorUp=true mode=n   # history row 8: dbid 3 → (m,u,n)",
      "expect catalog content=0 primary=2 mirrorUp=true mode=s   # history rows 9, 10: dbid 2 → (p,u,s) and dbid 3 → (m,u,s)",
    ]);
    // The failback is explained by gprecoverseg -r itself: its stop and its probe are one step.
    const rebalance = c.witness?.lines.indexOf("Rebalance content=0") ?? -1;
    expect(rebalance).toBeGreaterThan(0);
    expect(c.witness?.lines[rebalance + 1]).toMatch(/^expect catalog content=0 primary=2 mirrorUp=false mode=n /);
  });

  it("the liveness lassos' runs are ordinary histories: the lost PROMOTE leaves the flip rows and nothing after", () => {
    const r = check(join("scenarios", "lost-promote-never-resent"));
    expect(r.contents.map((c) => [c.content, c.verdict, c.rowsUsed])).toEqual([
      [0, "consistent", 2],
      [1, "consistent", 0],
    ]);
  });
});

describe("impossible histories", () => {
  it("a mirror promoted while the catalog said n: refused at the first row of the flip", () => {
    const r = check(join("impossible", "promoted-while-not-in-sync"));
    expect(r.verdict).toBe("inconsistent");
    expect(r.contents.map((c) => [c.content, c.verdict, c.row])).toEqual([
      [0, "consistent", null],
      [1, "inconsistent", 8],
      [2, "consistent", null],
      [3, "consistent", null],
    ]);
    const c1 = r.contents[1];
    expect(c1.reason).toBe(
      "no protocol step from dbid 3 (p,u,n), dbid 7 (m,d,n) writes dbid 3 (m,d,n): FTS promotes a mirror only when the catalog says the pair is in sync (row E3 needs mode s), and the catalog said n",
    );
    expect(c1.catalogBefore).toEqual([
      { dbid: 3, role: "p", status: "u", mode: "n" },
      { dbid: 7, role: "m", status: "d", mode: "n" },
    ]);
    expect(c1.allowedNext).toEqual([
      "dbid 3 → (p,u,s) and dbid 7 → (m,u,s) [FtsProbe (row D1)]",
      "dbid 7 → (m,u,n) [FtsProbe (row D2)]",
      "a double fault: the probe fails and the mode is n, nothing is written [FtsProbeTimeout (row E4)]",
    ]);
    // The unknown row is reported and skipped, not fatal.
    expect(r.skipped).toEqual([
      { row: 5, line: 6, dbid: 1, desc: "FTS: probe result processing is complete", reason: "unknown row text" },
    ]);
    expectWitnessesReplay(r);
  });

  it("a primary row marked d without a flip: refused at that row", () => {
    const r = check(join("impossible", "primary-marked-down"));
    expect(r.contents.map((c) => [c.verdict, c.row])).toEqual([
      ["consistent", null],
      ["inconsistent", 6],
      ["consistent", null],
    ]);
    expect(r.contents[1].reason).toBe(
      "no protocol step from dbid 3 (p,u,s), dbid 6 (m,u,s) writes dbid 3 (p,d,n): FTS never marks the catalog primary down; a primary's row becomes d only when a flip makes it the mirror (row E3)",
    );
    expect(r.skipped.map((s) => [s.row, s.reason])).toEqual([
      [8, "gprecoverseg updated this dbid's mode and status; the text does not give the new values, so the row is not used"],
    ]);
  });

  it("a double fault reported while the catalog says in sync", () => {
    const c = check(join("impossible", "double-fault-in-sync")).contents[1];
    expect([c.verdict, c.row]).toEqual(["inconsistent", 1]);
    expect(c.reason).toMatch(/in mode s a failed probe flips the catalog \(row E3\)/);
  });
});

describe("double-fault rows and management rows", () => {
  it("a double fault and the lone primary's return are consistent, and the witness shows both", () => {
    const r = check("double-fault-and-back");
    expect(r.verdict).toBe("consistent");
    const w = r.contents[0].witness;
    expect(w?.lines).toContain("expect instance dbid=2 alive=true   # history row 4: out of double fault, dbid 2 is up");
    expect(w?.lines.some((l) => l.includes("# history row 3: double fault detected (row E4)"))).toBe(true);
    expectWitnessesReplay(r);
  });

  const CONFIG = readFileSync(join(FIXTURES, "double-fault-and-back", "gp_segment_configuration.csv"), "utf8");
  const A = [
    'T1,2,"FTS: update role, status, and mode for dbid 2 with contentid 0 to p, u, and n"',
    'T1,4,"FTS: update role, status, and mode for dbid 4 with contentid 0 to m, d, and n"',
  ];

  it("out of double fault needs a double fault first, and names the catalog primary", () => {
    const noDf = checkText(CONFIG, ["time,dbid,desc", ...A, 'T2,2,"FTS: content id 0 is out of double fault, dbid 2 is up"'].join("\n"));
    expect([noDf.contents[0].row, noDf.contents[0].reason]).toEqual([
      3,
      "FTS reports content 0 out of double fault, but no double fault was reported since its catalog last changed (FTS writes this row only for a content it saw in double fault)",
    ]);
    const wrongDbid = checkText(
      CONFIG,
      ["time,dbid,desc", ...A, "T2,2,FTS: double fault detected for content id 0", 'T3,4,"FTS: content id 0 is out of double fault, dbid 4 is up"'].join("\n"),
    );
    expect([wrongDbid.contents[0].row, wrongDbid.contents[0].reason]).toEqual([
      4,
      "FTS reports dbid 4 up as the lone primary, but the catalog primary of content 0 is dbid 2",
    ]);
  });

  it("gpaddmirrors' rows start the content mirrorless; Greenplum's direct d → s is consistent only without inSyncOnlyWhenCaughtUp", () => {
    const r = check("gpaddmirrors");
    expect(r.verdict).toBe("consistent");
    expect(r.contents[0].witness?.lines.slice(0, 2)).toEqual([
      "config contents=1 txns=0 faults=0 mirroring=addLater syncRepReload=deferred off=inSyncOnlyWhenCaughtUp",
      "AddMirror content=0",
    ]);
    expectWitnessesReplay(r);
    const strict = check("gpaddmirrors", DEFAULT);
    expect(strict.contents.map((c) => c.row)).toEqual([3, 5]);
    expect(strict.contents[0].reason).toMatch(/with safeguard inSyncOnlyWhenCaughtUp on, FTS writes s only if sync rep was already on/);
  });

  it("a full recovery row needs the catalog mirror down", () => {
    const rows = ["time,dbid,desc", "T1,4,gprecoverseg: segment config for resync: inserted segment configuration for full recovery or original dbid 4"];
    const c = checkText(CONFIG, rows.join("\n")).contents[0];
    expect([c.row, c.reason]).toEqual([
      1,
      "gprecoverseg -F rebuilt dbid 4, but the catalog shows it (m,u,s): recovery targets only a mirror marked down",
    ]);
  });
});

describe("reading rows", () => {
  const CONFIG = readFileSync(join(FIXTURES, "double-fault-and-back", "gp_segment_configuration.csv"), "utf8");
  const flip = (t1: string, t2: string): string[] => [
    `${t1},2,"FTS: update role, status, and mode for dbid 2 with contentid 0 to m, d, and n"`,
    `${t2},4,"FTS: update role, status, and mode for dbid 4 with contentid 0 to p, u, and n"`,
  ];
  const final = CONFIG.replace("2,0,p,p,s,u", "2,0,m,p,n,d").replace("4,0,m,m,s,u", "4,0,p,m,n,u");

  it("groups the two rows of a flip whether their times are equal or microseconds apart, in either order", () => {
    for (const rows of [flip("t", "t"), flip("2024-01-01 00:00:00.1+00", "2024-01-01 00:00:00.100031+00"), flip("t", "t").reverse()]) {
      const r = checkText(final, ["time,dbid,desc", ...rows].join("\n"));
      expect(r.contents[0].verdict).toBe("consistent");
      expect(r.contents[0].witness?.faults).toBe(1);
    }
  });

  it("a row that repeats the catalog is no change; rows of other contents may come between", () => {
    const rows = [
      ...flip("t1", "t1").slice(0, 1),
      '"t1",3,"FTS: update role, status, and mode for dbid 3 with contentid 1 to p, u, and s"',
      ...flip("t1", "t1").slice(1),
    ];
    const r = checkText(final, ["time,dbid,desc", ...rows].join("\r\n"));
    expect(r.verdict).toBe("consistent");
    expect(r.contents.map((c) => c.rowsUsed)).toEqual([2, 1]);
  });

  it("a change that no row completes is reported, as is an end state the configuration does not show", () => {
    const half = checkText(final, ["time,dbid,desc", flip("t", "t")[0]].join("\n")).contents[0];
    expect([half.row, half.reason]).toEqual([
      1,
      "row 1 begins a change of content 0's catalog that no later row completes (FTS writes both rows of a change in one transaction)",
    ]);
    const stale = checkText(CONFIG, ["time,dbid,desc", ...flip("t", "t")].join("\n")).contents[0];
    expect(stale.row).toBeNull();
    expect(stale.reason).toBe(
      "after its last history row content 0's catalog is dbid 2 (m,d,n), dbid 4 (p,u,n), but the configuration file shows dbid 2 (p,u,s), dbid 4 (m,u,s) (rows missing from the history, or files exported at different times)",
    );
  });

  it("skips unknown texts, coordinator rows and unknown dbids, and counts them", () => {
    const rows = [
      "t,1,gpinitstandby: standby added",
      't,1,"FTS: update role, status, and mode for dbid 1 with contentid -1 to p, u, and n"',
      't,42,"FTS: update role, status, and mode for dbid 42 with contentid 0 to p, u, and n"',
      "t,2,something else entirely",
      "t,9,gpexpand: segment config: removed mirror segment configuration",
    ];
    const r = checkText(CONFIG, ["time,dbid,desc", ...rows].join("\n"));
    expect(r.verdict).toBe("consistent");
    expect(r.skipped.map((s) => s.reason)).toEqual([
      'gpinitstandby row not used by the model (it has no step for "standby added")',
      "a row of the coordinator or its standby (content -1)",
      "dbid 42 is not in conf.csv",
      "unknown row text",
      'gpexpand row not used by the model (it has no step for "segment config: removed mirror segment configuration")',
    ]);
  });

  it("maps dbids through the configuration file: a row naming another content is refused", () => {
    const rows = ['t,3,"FTS: update role, status, and mode for dbid 3 with contentid 0 to p, u, and n"'];
    const r = checkText(CONFIG, ["time,dbid,desc", ...rows].join("\n"));
    expect(r.contents[1]).toMatchObject({ verdict: "inconsistent", row: 1, reason: "the row says dbid 3 has content 0, but conf.csv gives it content 1" });
  });
});

// Commits do not change which catalog sequences the model can write: the deterministic
// automata over observable letters of the models with 0 and 1 txns are explored side by
// side, and every letter is possible in one exactly when it is in the other. So the check
// runs with txns = 0 (docs/cluster.md).
describe("the history model's txns", () => {
  const LETTERS: Letter[] = [
    ...Array.from({ length: 9 }, (_, to): Letter => ({ kind: "change", to })),
    { kind: "doubleFault" },
    { kind: "addMirror" },
    { kind: "recoverFull" },
    { kind: "primaryUp", index: 0 },
    { kind: "primaryUp", index: 1 },
  ];
  const key = (l: Layer): string => [...l.keys()].sort((a, b) => a - b).join(",");
  function equivalent(a: HistoryGraph, b: HistoryGraph): number {
    const queue: [Layer, Layer][] = [[closeLayer(a, startLayer(a)), closeLayer(b, startLayer(b))]];
    const seen = new Set([key(queue[0][0]) + "|" + key(queue[0][1])]);
    for (let i = 0; i < queue.length; i++) {
      const [la, lb] = queue[i];
      for (const l of LETTERS) {
        const na = closeLayer(a, advance(a, la, l, -1));
        const nb = closeLayer(b, advance(b, lb, l, -1));
        expect(na.size === 0, JSON.stringify(l)).toBe(nb.size === 0);
        const k = key(na) + "|" + key(nb);
        if (na.size > 0 && !seen.has(k)) {
          seen.add(k);
          queue.push([na, nb]);
        }
      }
    }
    return queue.length;
  }

  for (const name of ["as-implemented", "default", "bug-promoteRequiresInSync"]) {
    for (const mirroring of ["enabled", "addLater"] as const) {
      it(`${name}, mirroring ${mirroring}: txns 0 and 1 allow exactly the same histories`, () => {
        const pairs = equivalent(historyGraph(rulesOf(name, [], 0), mirroring), historyGraph(rulesOf(name, [], 1), mirroring));
        expect(pairs).toBeGreaterThan(10);
      });
    }
  }
});
