// The command as users and CI run it: the built binary, its exit codes, its JSON, and
// one-line errors without stack traces. `npm test` builds dist/ before vitest runs.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("mirrorcheck CLI", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does)`);
  });

  it("the built bin is executable, so `npx mirrorcheck` runs it on a fresh clone", () => {
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
  });

  it("check --json prints exactly one JSON object with the documented fields, exit 0", () => {
    const r = mirrorcheck("check", "--config", "tiny", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      config: { name: "tiny", contents: 1, txns: 2, faults: 1, mirroring: "enabled", syncRepReload: "immediate", off: [] },
      result: "pass",
      distinctStates: 913,
      depth: 17,
      violations: [],
      witnesses: {
        MirrorPromoted: { reached: true, depth: 2 },
        AckedAfterFailover: { reached: true, depth: 4 },
        AckedWhileMirrorDown: { reached: true, depth: 5 },
        BackToPreferredRoles: { reached: true, depth: 12 },
        DoubleFault: { reached: false, depth: null, required: false },
      },
      fingerprint: { kind: "hash64" },
    });
    // 64-bit fingerprints: the chance that two of the 913 states collided is n²/2^65.
    expect(j.fingerprint.collisionProbability).toBeCloseTo(913 ** 2 / 2 ** 65, 20);
    // The references count 2,884 generated states (PROTOCOL.md section 8: self-loops included).
    expect(j.generatedStates).toBe(2884);
    expect(Object.keys(j.actions)).toHaveLength(21);
    expect(j.actions.HostCrash).toBe(0);
    expect(typeof j.elapsedMs).toBe("number");
  });

  it("a bug configuration exits 1 with its counterexample in trace syntax", () => {
    const r = mirrorcheck("check", "--config", "bug-commitWaitsForMirror", "--json", "--no-progress");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.result).toBe("violation");
    expect(j.violations).toEqual([
      {
        property: "InSyncMirrorHasAllAcked",
        kind: "invariant",
        message: "content 0: catalog mode is s but acked txn 1 is missing from the WAL of catalog mirror dbid 4 (-)",
        length: 2,
        trace: ["ClientCommit content=0", "CommitAck txn=1"],
        minimisedLength: 2,
        minimisedFaults: 0,
        rootCause: {
          step: 2,
          action: "CommitAck txn=1",
          properties: ["InSyncMirrorHasAllAcked"],
          rules: [
            {
              kind: "safeguard",
              name: "commitWaitsForMirror",
              steps: [
                {
                  step: 2,
                  action: "CommitAck txn=1",
                  effect: "not-enabled",
                  detail: "not enabled: sync rep is in force and the mirror has not flushed the commit record",
                },
              ],
            },
          ],
          text: "The protocol first broke at step 2 (CommitAck txn=1): InSyncMirrorHasAllAcked. Allowed by: safeguard commitWaitsForMirror off (step 2).",
        },
      },
    ]);
  });

  it("the text report shows the per-step change table and the violation message", () => {
    const r = mirrorcheck("check", "--config", "bug-rebalanceRequiresInSync");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("VIOLATION  NoDoubleFaultUnderOneFault: shortest counterexample in 3 actions");
    expect(r.stdout).toMatch(/1\s+FtsProbeTimeout content=0\s+faults spent\s+0 → 1/);
    expect(r.stdout).toMatch(/content 0 catalog primary\s+dbid 2 → dbid 4/);
    expect(r.stdout).toMatch(/2\s+FtsSendPromote content=0\s+content 0 walsender\s+STREAMING → not streaming\n/);
    // Rebalance in mode n: the stop is its only change, since the probe it requests ends in E4.
    expect(r.stdout).toMatch(/3\s+Rebalance content=0\s+dbid 4 alive\s+true → false\n\n/);
    expect(r.stdout).toContain(
      "NoDoubleFaultUnderOneFault violated: content 0: double fault after 1 fault(s): catalog primary dbid 4 is down and the mode is n",
    );
  });

  it("options override a named configuration", () => {
    const r = mirrorcheck("check", "--contents", "1", "--txns", "1", "--faults", "0", "--json");
    const j = JSON.parse(r.stdout);
    expect(j.config).toMatchObject({ name: "default+", contents: 1, txns: 1, faults: 0 });
    expect(j.expected).toBeNull();
    // With no fault budget no witness is expected, and none is reachable.
    expect(Object.values(j.witnesses).every((w) => !(w as { reached: boolean }).reached)).toBe(true);
    expect(r.code).toBe(0);
  });

  it("--off and --all: every violated property of a custom bug variant", () => {
    const r = mirrorcheck("check", "--config", "tiny", "--off", "commitWaitsForMirror", "--all", "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.config.off).toEqual(["commitWaitsForMirror"]);
    expect(j.violations.map((v: { property: string }) => v.property)).toEqual(["NoLostAckedCommit", "InSyncMirrorHasAllAcked"]);
  });

  it("a bound that cuts the run short gives incomplete, exit 3", () => {
    const r = mirrorcheck("check", "--max-states", "100", "--json");
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.result).toBe("incomplete");
    expect(j.incompleteReason).toBe("max-states 100 reached");
    const d = mirrorcheck("check", "--config", "tiny", "--max-depth", "3");
    expect(d.code).toBe(3);
    expect(d.stdout).toContain("INCOMPLETE  max-depth 3 reached");
  });

  it("--strategy dfs explores the same states", () => {
    const r = mirrorcheck("check", "--config", "tiny", "--strategy", "dfs", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.strategy).toBe("dfs");
    expect(j.distinctStates).toBe(913);
    expect(j.generatedStates).toBe(2884);
  });

  it("bad input: one line on stderr, exit 2, no stack trace", () => {
    const cases: [string[], string][] = [
      [["check", "--config", "nope"], 'unknown configuration "nope"'],
      [["check", "--contents", "9"], "contents must be an integer from 1 to 8, got 9"],
      [["check", "--txns", "7"], "txns must be an integer from 0 to 6, got 7"],
      [["check", "--faults", "-1"], "faults must be an integer from 0 to 4, got -1"],
      [["check", "--contents", "two"], "expected an integer"],
      [["check", "--hosts", "3"], "impossible placement"],
      [["check", "--contents", "4", "--hosts", "2", "--placement", "spread"], "spread mirroring needs more hosts"],
      [["check", "--off", "noSuchRule"], 'unknown safeguard "noSuchRule"'],
      [["check", "--strategy", "random"], "Allowed choices are bfs, dfs"],
      [["check", "--max-states", "0"], "expected a positive integer"],
      [["check", "--mirroring", "sometimes"], "Allowed choices are enabled, disabled, addLater"],
      [["check", "--unknown-flag"], "unknown option '--unknown-flag'"],
      [["frobnicate"], "unknown command 'frobnicate'"],
    ];
    for (const [args, message] of cases) {
      const r = mirrorcheck(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toContain(message);
      expect(r.stderr.trimEnd().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    }
  });

  it("list shows configurations, properties, witnesses, actions and safeguards", () => {
    const r = mirrorcheck("list");
    expect(r.code).toBe(0);
    for (const name of ["as-implemented", "NoLostAckedCommit", "BackToPreferredRoles", "RecoverIncremental", "inSyncOnlyWhenCaughtUp"]) {
      expect(r.stdout).toContain(name);
    }
    expect(r.stdout).toMatch(/\ndefault +contents=2 txns=2 faults=2\n +expected: pass \(126,308 states, depth 28\)\n/);
  });
});
