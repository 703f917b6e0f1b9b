// Placement by Greenplum's group and spread rules, and the failure tables, against cases
// computed by hand (4 hosts × 2 primaries, 5 hosts × 4 primaries); refusals; real layouts.
import { describe, expect, it } from "vitest";
import {
  analysePlacement,
  generatedLayout,
  layoutFromConfiguration,
  parseSegmentConfiguration,
  placementJson,
  type PlacementAnalysis,
} from "../../cluster/index.js";
import { PlacementError } from "../../model/index.js";

function analyse(h: number, n: number, kind: "group" | "spread"): PlacementAnalysis {
  return analysePlacement(generatedLayout(h, n, kind));
}

const hostsOf = (a: PlacementAnalysis): [number | string, number[], number[]][] =>
  a.layout.hosts.map((h) => [h.host, [...h.primaries], [...h.mirrors]]);
const singles = (a: PlacementAnalysis): [number | string, number, number[]][] =>
  a.singleHostFailures.map((f) => [f.host, f.maxPrimariesPerHost, [...f.contentsLost]]);
const doubles = (a: PlacementAnalysis): [string, number[]][] =>
  a.doubleHostFailures.map((d) => [`${d.hosts[0]}+${d.hosts[1]}`, [...d.contentsLost]]);

describe("4 hosts × 2 primaries", () => {
  it("group: host i's mirrors all on host i+1; one host down doubles the next host's primaries; adjacent pairs lose 2", () => {
    const a = analyse(4, 2, "group");
    expect(hostsOf(a)).toEqual([
      [0, [0, 1], [6, 7]],
      [1, [2, 3], [0, 1]],
      [2, [4, 5], [2, 3]],
      [3, [6, 7], [4, 5]],
    ]);
    expect(singles(a)).toEqual([
      [0, 4, []],
      [1, 4, []],
      [2, 4, []],
      [3, 4, []],
    ]);
    expect(a.singleHostFailures[0].takenOverBy).toEqual([{ host: 1, contents: [0, 1] }]);
    expect(doubles(a)).toEqual([
      ["0+1", [0, 1]],
      ["0+2", []],
      ["0+3", [6, 7]],
      ["1+2", [2, 3]],
      ["1+3", []],
      ["2+3", [4, 5]],
    ]);
  });

  it("spread: the k-th primary of host i mirrored on host i+k+1; failovers go to 2 hosts; any pair loses at most 2", () => {
    const a = analyse(4, 2, "spread");
    expect(hostsOf(a)).toEqual([
      [0, [0, 1], [5, 6]],
      [1, [2, 3], [0, 7]],
      [2, [4, 5], [1, 2]],
      [3, [6, 7], [3, 4]],
    ]);
    expect(singles(a)).toEqual([
      [0, 3, []],
      [1, 3, []],
      [2, 3, []],
      [3, 3, []],
    ]);
    expect(a.singleHostFailures[0].takenOverBy).toEqual([
      { host: 1, contents: [0] },
      { host: 2, contents: [1] },
    ]);
    expect(doubles(a)).toEqual([
      ["0+1", [0]],
      ["0+2", [1, 5]],
      ["0+3", [6]],
      ["1+2", [2]],
      ["1+3", [3, 7]],
      ["2+3", [4]],
    ]);
  });
});

describe("5 hosts × 4 primaries", () => {
  it("group: 8 primaries on the next host after a failure; each adjacent pair loses the 4 contents of the first", () => {
    const a = analyse(5, 4, "group");
    expect(hostsOf(a)[0]).toEqual([0, [0, 1, 2, 3], [16, 17, 18, 19]]);
    expect(singles(a).map(([, max, lost]) => [max, lost.length])).toEqual(Array(5).fill([8, 0]));
    expect(doubles(a)).toEqual([
      ["0+1", [0, 1, 2, 3]],
      ["0+2", []],
      ["0+3", []],
      ["0+4", [16, 17, 18, 19]],
      ["1+2", [4, 5, 6, 7]],
      ["1+3", []],
      ["1+4", []],
      ["2+3", [8, 9, 10, 11]],
      ["2+4", []],
      ["3+4", [12, 13, 14, 15]],
    ]);
    expect(a.summary).toMatchObject({ worstMaxPrimariesPerHost: 8, worstSingleHostLoss: 0, worstDoubleHostLoss: 4, hostPairsLosingContents: 5, hostPairs: 10 });
  });

  it("spread: one extra primary on each of 4 hosts after a failure; every pair loses exactly 2 contents", () => {
    const a = analyse(5, 4, "spread");
    expect(hostsOf(a)).toEqual([
      [0, [0, 1, 2, 3], [7, 10, 13, 16]],
      [1, [4, 5, 6, 7], [0, 11, 14, 17]],
      [2, [8, 9, 10, 11], [1, 4, 15, 18]],
      [3, [12, 13, 14, 15], [2, 5, 8, 19]],
      [4, [16, 17, 18, 19], [3, 6, 9, 12]],
    ]);
    expect(singles(a).map(([, max, lost]) => [max, lost.length])).toEqual(Array(5).fill([5, 0]));
    expect(a.singleHostFailures[2].takenOverBy).toEqual([
      { host: 0, contents: [10] },
      { host: 1, contents: [11] },
      { host: 3, contents: [8] },
      { host: 4, contents: [9] },
    ]);
    expect(doubles(a)).toEqual([
      ["0+1", [0, 7]],
      ["0+2", [1, 10]],
      ["0+3", [2, 13]],
      ["0+4", [3, 16]],
      ["1+2", [4, 11]],
      ["1+3", [5, 14]],
      ["1+4", [6, 17]],
      ["2+3", [8, 15]],
      ["2+4", [9, 18]],
      ["3+4", [12, 19]],
    ]);
  });
});

describe("refusals", () => {
  const refused = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(PlacementError);
      return (e as Error).message;
    }
    throw new Error("accepted");
  };

  it("refuses what Greenplum refuses, naming the rule", () => {
    expect(refused(() => generatedLayout(4, 4, "spread"))).toBe(
      "impossible placement: spread mirroring needs more hosts than primaries per host (4 hosts, 4 primaries per host)",
    );
    expect(refused(() => generatedLayout(3, 8, "spread"))).toMatch(/spread mirroring needs more hosts than primaries per host/);
    expect(refused(() => generatedLayout(1, 2, "group"))).toBe("impossible placement: group mirroring needs at least 2 hosts, got 1");
    expect(refused(() => generatedLayout(1, 1, "spread"))).toMatch(/needs more hosts than primaries per host \(1 hosts, 1 primaries/);
  });

  it("refuses sizes out of range", () => {
    expect(refused(() => generatedLayout(0, 2, "group"))).toBe("--hosts must be an integer from 1 to 1000, got 0");
    expect(refused(() => generatedLayout(4, 0, "group"))).toBe("--primaries-per-host must be an integer from 1 to 128, got 0");
    expect(refused(() => generatedLayout(1001, 1, "group"))).toMatch(/^--hosts must be an integer from 1 to 1000/);
  });

  it("accepts the smallest layouts Greenplum accepts", () => {
    expect(analyse(2, 1, "spread").summary.worstDoubleHostLoss).toBe(2);
    expect(analyse(2, 3, "group").summary).toMatchObject({ worstMaxPrimariesPerHost: 6, worstDoubleHostLoss: 6 });
  });
});

function configCsv(rows: readonly [number, number, "p" | "m", string][]): string {
  return [
    "dbid,content,role,preferred_role,mode,status,port,hostname",
    "1,-1,p,p,n,u,5432,cdw",
    ...rows.map(([dbid, c, pref, host]) => `${dbid},${c},${pref},${pref},s,u,6000,${host}`),
  ].join("\n");
}

describe("a real cluster's layout (--from)", () => {
  it("reproduces the generated spread layout from a configuration with hostnames, and guesses spread", () => {
    const gen = analyse(4, 2, "spread");
    const rows: [number, number, "p" | "m", string][] = [];
    gen.layout.hosts.forEach((h, i) => {
      for (const c of h.primaries) rows.push([2 + c, c, "p", `sdw${i + 1}`]);
      for (const c of h.mirrors) rows.push([10 + c, c, "m", `sdw${i + 1}`]);
    });
    const a = analysePlacement(layoutFromConfiguration(parseSegmentConfiguration(configCsv(rows), "c.csv")));
    expect(a.layout.mirroring).toBe("spread");
    expect(hostsOf(a).map(([, p, m]) => [p, m])).toEqual(hostsOf(gen).map(([, p, m]) => [p, m]));
    expect(doubles(a).map(([, lost]) => lost)).toEqual(doubles(gen).map(([, lost]) => lost));
    expect(a.layout.hosts.map((h) => h.host)).toEqual(["sdw1", "sdw2", "sdw3", "sdw4"]);
    expect(a.layout.warnings).toEqual([]);
  });

  it("orders hosts naturally, guesses group, and flags a primary and mirror on one host and a mirrorless content", () => {
    const csv = configCsv([
      [2, 0, "p", "sdw10"],
      [3, 1, "p", "sdw10"],
      [4, 2, "p", "sdw2"],
      [5, 0, "m", "sdw2"],
      [6, 1, "m", "sdw2"],
      [7, 2, "m", "sdw2"],
      [8, 3, "p", "sdw2"],
    ]);
    const a = analysePlacement(layoutFromConfiguration(parseSegmentConfiguration(csv, "c.csv")));
    expect(a.layout.mirroring).toBe("group");
    expect(hostsOf(a)).toEqual([
      ["sdw2", [2, 3], [0, 1, 2]],
      ["sdw10", [0, 1], []],
    ]);
    expect(a.layout.warnings).toEqual([
      "content 2: primary and mirror on the same host (Greenplum's tools never place them so; one host failure loses the content)",
      "content 3 without a mirror",
    ]);
    expect(singles(a)).toEqual([
      ["sdw2", 2, [2, 3]],
      ["sdw10", 4, []],
    ]);
    expect(doubles(a)).toEqual([["sdw2+sdw10", [0, 1, 2, 3]]]);
  });

  it("gives the JSON shape the issue asks for", () => {
    const j = placementJson(analyse(4, 2, "group"));
    expect(j.hosts[1]).toEqual({ host: 1, primaries: [2, 3], mirrors: [0, 1] });
    expect(j.singleHostFailures[0]).toMatchObject({ host: 0, maxPrimariesPerHost: 4, contentsLost: [] });
    expect(j.doubleHostFailures[0]).toEqual({ hosts: [0, 1], contentsLost: [0, 1] });
  });
});
