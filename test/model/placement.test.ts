/** PROTOCOL.md section 7 (hosts and placement) and section 1 (parameters, validated by resolveConfig). */
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  PlacementError,
  SAFEGUARDS,
  computePlacement,
  dbidOf,
  describeConfig,
  instanceOfDbid,
  resolveConfig,
  type ConfigInput,
} from "../../model/index.js";

describe("computePlacement", () => {
  it("group, K=6, H=3: host i's primaries mirrored on host i+1 mod 3", () => {
    const p = computePlacement(6, 3, "group");
    expect(p.kind).toBe("group");
    expect(p.hostCount).toBe(3);
    expect(p.primariesPerHost).toBe(2);
    // [host of instance 0, host of instance 1] per content.
    expect(p.hostOf).toEqual([
      [0, 1],
      [0, 1],
      [1, 2],
      [1, 2],
      [2, 0],
      [2, 0],
    ]);
    expect(p.instancesOn).toEqual([
      [[0, 0], [1, 0], [4, 1], [5, 1]],
      [[2, 0], [3, 0], [0, 1], [1, 1]],
      [[4, 0], [5, 0], [2, 1], [3, 1]],
    ]);
  });

  it("spread, K=6, H=3: the k-th primary of host i mirrored on host i+k+1 mod 3", () => {
    const p = computePlacement(6, 3, "spread");
    expect(p.primariesPerHost).toBe(2);
    expect(p.hostOf).toEqual([
      [0, 1], // host 0, k=0 -> 1
      [0, 2], // host 0, k=1 -> 2
      [1, 2], // host 1, k=0 -> 2
      [1, 0], // host 1, k=1 -> 0
      [2, 0], // host 2, k=0 -> 0
      [2, 1], // host 2, k=1 -> 1
    ]);
    expect(p.instancesOn).toEqual([
      [[0, 0], [1, 0], [3, 1], [4, 1]],
      [[2, 0], [3, 0], [0, 1], [5, 1]],
      [[4, 0], [5, 0], [1, 1], [2, 1]],
    ]);
  });

  it("group, K=4, H=2", () => {
    const p = computePlacement(4, 2, "group");
    expect(p.primariesPerHost).toBe(2);
    expect(p.hostOf).toEqual([
      [0, 1],
      [0, 1],
      [1, 0],
      [1, 0],
    ]);
    expect(p.instancesOn).toEqual([
      [[0, 0], [1, 0], [2, 1], [3, 1]],
      [[2, 0], [3, 0], [0, 1], [1, 1]],
    ]);
  });

  it("group, K=2, H=2 (hosts-group): host 0 holds dbids 2 and 5", () => {
    const p = computePlacement(2, 2, "group");
    expect(p.instancesOn[0]).toEqual([[0, 0], [1, 1]]);
    expect(p.instancesOn[1]).toEqual([[1, 0], [0, 1]]);
  });

  it("never puts a primary and its mirror on the same host; every instance is on exactly one host", () => {
    for (let k = 1; k <= 8; k++) {
      for (let h = 1; h <= k; h++) {
        if (k % h !== 0) continue;
        for (const kind of ["group", "spread"] as const) {
          if (kind === "group" && h < 2) continue;
          if (kind === "spread" && h <= k / h) continue;
          const p = computePlacement(k, h, kind);
          for (const [a, b] of p.hostOf) expect(a).not.toBe(b);
          const listed = p.instancesOn.flat().map(([c, i]) => `${c}/${i}`).sort();
          const all = Array.from({ length: k }, (_, c) => [`${c}/0`, `${c}/1`]).flat().sort();
          expect(listed).toEqual(all);
          p.instancesOn.forEach((on, host) => {
            for (const [c, i] of on) expect(p.hostOf[c][i]).toBe(host);
          });
        }
      }
    }
  });

  describe("refusals", () => {
    it("K not a multiple of H", () => {
      expect(() => computePlacement(5, 2, "group")).toThrow(PlacementError);
      expect(() => computePlacement(5, 2, "group")).toThrow(/multiple of hosts/);
      expect(() => computePlacement(6, 4, "spread")).toThrow(/multiple of hosts/);
    });

    it("group with H=1", () => {
      expect(() => computePlacement(2, 1, "group")).toThrow(PlacementError);
      expect(() => computePlacement(2, 1, "group")).toThrow(/at least 2 hosts/);
    });

    it("spread with H <= N", () => {
      // K=4, H=2: N=2, H=2 is not > N.
      expect(() => computePlacement(4, 2, "spread")).toThrow(PlacementError);
      expect(() => computePlacement(4, 2, "spread")).toThrow(/more hosts than primaries per host \(2 hosts, 2 primaries per host\)/);
      // K=8, H=2: N=4.
      expect(() => computePlacement(8, 2, "spread")).toThrow(/2 hosts, 4 primaries per host/);
      // H=1: N=K.
      expect(() => computePlacement(1, 1, "spread")).toThrow(PlacementError);
      // Boundary accepted: K=3, H=3 (N=1), K=6, H=3 (N=2).
      expect(() => computePlacement(3, 3, "spread")).not.toThrow();
    });

    it("a non-positive host count", () => {
      expect(() => computePlacement(2, 0, "group")).toThrow(PlacementError);
    });

    it("resolveConfig refuses an impossible placement", () => {
      expect(() => resolveConfig({ contents: 3, txns: 0, faults: 0, hosts: { count: 2, placement: "group" } })).toThrow(
        /multiple of hosts/,
      );
      expect(() => resolveConfig({ contents: 2, txns: 0, faults: 0, hosts: { count: 1, placement: "group" } })).toThrow(
        /at least 2 hosts/,
      );
      expect(() => resolveConfig({ contents: 4, txns: 0, faults: 0, hosts: { count: 2, placement: "spread" } })).toThrow(
        /more hosts than primaries per host/,
      );
    });
  });
});

describe("resolveConfig", () => {
  it("fills PROTOCOL.md's defaults", () => {
    const cfg = resolveConfig({ contents: 2, txns: 2, faults: 2 });
    expect(cfg).toEqual({
      contents: 2,
      txns: 2,
      faults: 2,
      mirroring: "enabled",
      hosts: null,
      syncRepReload: "immediate",
      safeguards: Object.fromEntries(SAFEGUARDS.map((g) => [g, true])),
      placement: null,
    });
  });

  it("turns off exactly the listed safeguards and computes the placement", () => {
    const cfg = resolveConfig({
      contents: 6,
      txns: 0,
      faults: 1,
      hosts: { count: 3, placement: "spread" },
      off: ["promoteRequiresInSync", "inSyncOnlyWhenCaughtUp"],
    });
    expect(SAFEGUARDS.filter((g) => !cfg.safeguards[g])).toEqual(["promoteRequiresInSync", "inSyncOnlyWhenCaughtUp"]);
    expect(cfg.placement).toEqual(computePlacement(6, 3, "spread"));
    expect(describeConfig(cfg)).toBe("contents=6 txns=0 faults=1 hosts=3 placement=spread off=promoteRequiresInSync,inSyncOnlyWhenCaughtUp");
  });

  it("accepts the bounds of every range", () => {
    for (const input of [
      { contents: 1, txns: 0, faults: 0 },
      { contents: 8, txns: 6, faults: 4 },
    ]) {
      expect(() => resolveConfig(input)).not.toThrow();
    }
  });

  const bad: [string, ConfigInput, RegExp][] = [
    ["contents 0", { contents: 0, txns: 1, faults: 1 }, /contents/],
    ["contents 9", { contents: 9, txns: 1, faults: 1 }, /contents must be an integer from 1 to 8, got 9/],
    ["contents 1.5", { contents: 1.5, txns: 1, faults: 1 }, /contents/],
    ["contents NaN", { contents: Number.NaN, txns: 1, faults: 1 }, /contents/],
    ["txns -1", { contents: 1, txns: -1, faults: 1 }, /txns/],
    ["txns 7", { contents: 1, txns: 7, faults: 1 }, /txns must be an integer from 0 to 6, got 7/],
    ["faults -1", { contents: 1, txns: 1, faults: -1 }, /faults/],
    ["faults 5", { contents: 1, txns: 1, faults: 5 }, /faults must be an integer from 0 to 4, got 5/],
    ["unknown safeguard", { contents: 1, txns: 1, faults: 1, off: ["noSuchRule" as never] }, /unknown safeguard "noSuchRule"/],
    ["unknown mirroring", { contents: 1, txns: 1, faults: 1, mirroring: "sometimes" as never }, /mirroring must be one of enabled, disabled, addLater, got sometimes/],
    ["unknown syncRepReload", { contents: 1, txns: 1, faults: 1, syncRepReload: "later" as never }, /syncRepReload/],
  ];
  for (const [name, input, message] of bad) {
    it(`refuses ${name} with a ConfigError`, () => {
      let caught: unknown;
      try {
        resolveConfig(input);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as Error).name).toBe("ConfigError");
      expect((caught as Error).message).toMatch(message);
    });
  }
});

describe("dbids", () => {
  it("preferred primary of content c is 2+c, preferred mirror 2+K+c, and instanceOfDbid inverts it", () => {
    const cfg = resolveConfig({ contents: 3, txns: 0, faults: 0 });
    expect([0, 1, 2].map((c) => dbidOf(cfg, c, 0))).toEqual([2, 3, 4]);
    expect([0, 1, 2].map((c) => dbidOf(cfg, c, 1))).toEqual([5, 6, 7]);
    for (let c = 0; c < 3; c++) {
      for (const i of [0, 1] as const) expect(instanceOfDbid(cfg, dbidOf(cfg, c, i))).toEqual({ content: c, index: i });
    }
    expect(instanceOfDbid(cfg, 1)).toBeNull();
    expect(instanceOfDbid(cfg, 8)).toBeNull();
  });
});
