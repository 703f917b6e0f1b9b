// check writes its counterexamples where users ask (trace file, ITF, HTML), and they
// replay through the same CLI to the same violation: the round trip of issue 3.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function mirrorcheck(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("check → files → replay", () => {
  const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-out-"));

  it("--trace-out writes a trace that replays to the same violation, and the report says how", () => {
    const file = join(dir, "cex.trace");
    const r = mirrorcheck("check", "--config", "bug-promoteRequiresInSync", "--trace-out", file, "--no-progress");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Replay it: mirrorcheck replay ${file}`);
    const text = readFileSync(file, "utf8");
    expect(text.trimEnd().split("\n").slice(-6)).toEqual([
      "FtsProbeTimeout content=0",
      "FtsSendPromote content=0",
      "ClientCommit content=0",
      "CommitAck txn=1",
      "FtsProbeTimeout content=0",
      "expect violated NoLostAckedCommit",
    ]);
    const replay = mirrorcheck("replay", file);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain("OK  5 actions replayed, 1 expectations held");
  });

  it("without --trace-out, the report names the command that writes and replays it", () => {
    const r = mirrorcheck("check", "--contents", "1", "--txns", "1", "--faults", "1", "--off", "commitWaitsForMirror", "--no-progress");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "Replay it: mirrorcheck check --contents 1 --txns 1 --faults 1 --off commitWaitsForMirror --trace-out cex.trace, then mirrorcheck replay cex.trace",
    );
  });

  it("--all --trace-out writes one file per violated property", () => {
    const file = join(dir, "all.trace");
    const r = mirrorcheck("check", "--config", "bug-commitWaitsForMirror", "--all", "--trace-out", file, "--no-progress");
    expect(r.code).toBe(1);
    for (const [p, n] of [
      ["NoLostAckedCommit", 3],
      ["InSyncMirrorHasAllAcked", 2],
    ] as const) {
      const path = join(dir, `all.${p}.trace`);
      expect(existsSync(path), path).toBe(true);
      const replay = mirrorcheck("replay", path);
      expect(replay.code).toBe(0);
      expect(replay.stdout).toContain(`OK  ${n} actions replayed, 1 expectations held`);
    }
  });

  it("--itf writes an ITF trace that replays, recorded states matching", () => {
    const file = join(dir, "cex.itf.json");
    expect(mirrorcheck("check", "--config", "bug-markDownBeforeSyncRepOff", "--itf", file, "--no-progress").code).toBe(1);
    const itf = JSON.parse(readFileSync(file, "utf8"));
    expect(itf["#meta"]["mirrorcheck::violated"]).toBe("InSyncImpliesSyncRep");
    expect(itf.states).toHaveLength(4);
    const replay = mirrorcheck("replay", file);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain("OK  3 actions replayed, 1 expectations held, 4 recorded states matched");
  });

  it("--html writes a self-contained report of the counterexample", () => {
    const file = join(dir, "cex.html");
    expect(mirrorcheck("check", "--config", "bug-rebalanceRequiresInSync", "--html", file, "--no-progress").code).toBe(1);
    const html = readFileSync(file, "utf8");
    expect(html).toContain("NoDoubleFaultUnderOneFault");
    expect(html).toContain("Rebalance content=0");
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("--coverage counts Greenplum situations; the JSON carries minimised lengths", () => {
    const r = mirrorcheck("check", "--config", "tiny", "--coverage", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const s = j.situations;
    // Every distinct state is in exactly one catalog pair state (one content).
    expect(s["catalog (u,s,u,s)"] + s["catalog (u,n,u,n)"] + s["catalog (u,n,d,n)"]).toBe(913);
    const bug = JSON.parse(mirrorcheck("check", "--config", "bug-commitWaitsForMirror", "--json").stdout);
    expect(bug.violations[0]).toMatchObject({ length: 2, minimisedLength: 2, minimisedFaults: 0 });
    expect(bug.situations).toBeNull();
  });

  it("an unwritable output path is one line, exit 2", () => {
    const r = mirrorcheck("check", "--config", "bug-commitWaitsForMirror", "--trace-out", join(dir, "no/such/dir/x.trace"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mirrorcheck: cannot write .*x\.trace: no such directory\n$/);
  });
});
