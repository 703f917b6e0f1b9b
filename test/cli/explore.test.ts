// `mirrorcheck explore` as users and CI run it: the built binary with commands on stdin, its
// transcript, its exit codes, and the trace files it saves replayed by `mirrorcheck replay`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function mirrorcheck(args: string[], input = "", cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", input, cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The actions of a trace file check wrote (its action lines). */
function traceActions(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => /^[A-Z]/.test(l));
}

/** The output of the command `cmd` in a transcript: the lines after `> cmd` up to the next `> `. */
function outputOf(transcript: string, cmd: string, occurrence = 0): string {
  const parts = transcript.split(/^> /m);
  const found = parts.filter((p) => p.startsWith(cmd + "\n"));
  expect(found.length, `no "> ${cmd}" in the transcript`).toBeGreaterThan(occurrence);
  return found[occurrence].slice(cmd.length + 1);
}

describe("mirrorcheck explore", () => {
  let dir = "";
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does)`);
    dir = mkdtempSync(join(tmpdir(), "explore-"));
  });

  it("a scripted session: actions, why, the counterexample's steps, find, back two, another branch, save, replay", () => {
    const cex = join(dir, "bug.trace");
    expect(mirrorcheck(["check", "--config", "bug-promoteRequiresInSync", "--trace-out", cex, "--no-progress", "--workers", "1"]).code).toBe(1);
    const steps = traceActions(cex);
    expect(steps).toHaveLength(5);
    const saved = join(dir, "branch.trace");
    const script = [
      "# a comment, and a blank line, are skipped",
      "",
      "actions",
      "why FtsSendPromote content=0",
      steps[0],
      steps[1],
      "find NoLostAckedCommit",
      "follow",
      "back 2",
      "path",
      "SegmentCrash dbid=4",
      "diff",
      `save ${saved}`,
      "quit",
      "state",
    ].join("\n");
    const r = mirrorcheck(["explore", "--config", "bug-promoteRequiresInSync"], script + "\n");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("> actions\n")).toBe(true);
    expect(outputOf(r.stdout, "actions")).toMatch(/^ 5 {2}FtsProbeTimeout content=0 {2}\[FTS row E3: probe failed and the pair was in sync/m);
    expect(outputOf(r.stdout, "why FtsSendPromote content=0")).toContain("✗ FTS owes content 0 a PROMOTE");
    expect(outputOf(r.stdout, steps[1])).toMatch(/^step 2: FtsSendPromote content=0\n/);
    // From two steps in, the rest of the shortest counterexample: three steps.
    const found = outputOf(r.stdout, "find NoLostAckedCommit");
    expect(found).toMatch(/^3 steps from here to a state violating NoLostAckedCommit \(\d[\d,]* states searched\):\n {2}3 {2}/);
    expect(outputOf(r.stdout, "follow")).toContain("now VIOLATED: NoLostAckedCommit: content 0: txn 1 was acked");
    expect(outputOf(r.stdout, "back 2")).toBe("at step 3 (ClientCommit content=0); 2 more steps ahead on the path (goto 5)\n");
    expect(outputOf(r.stdout, "SegmentCrash dbid=4")).toMatch(/^step 4: SegmentCrash dbid=4\n/);
    expect(outputOf(r.stdout, "diff")).toContain("dbid 4 alive");
    // quit ends the script: the state command after it never runs.
    expect(r.stdout).not.toContain("> state");
    const text = readFileSync(saved, "utf8");
    expect(text).toContain("config name=bug-promoteRequiresInSync\n");
    expect(traceActions(saved)).toEqual([steps[0], steps[1], steps[2], "SegmentCrash dbid=4"]);
    const replay = mirrorcheck(["replay", saved]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain("OK  4 actions replayed");
  });

  it("from a trace with --at, goto forward along it, and what-if --on inSyncOnlyWhenCaughtUp on as-implemented's counterexample", () => {
    const cex = join(dir, "ai.trace");
    expect(mirrorcheck(["check", "--config", "as-implemented", "--trace-out", cex, "--no-progress", "--workers", "1"]).code).toBe(1);
    const n = traceActions(cex).length;
    const r = mirrorcheck(["explore", cex, "--at", "2"], ["path", "check", `goto ${n}`, "check", "what-if --on inSyncOnlyWhenCaughtUp"].join("\n"));
    expect(r.code).toBe(0);
    expect(outputOf(r.stdout, "path")).toMatch(/^\* +2 /m);
    expect(outputOf(r.stdout, "check", 0)).toMatch(/^InSyncImpliesSyncRep +holds$/m);
    expect(outputOf(r.stdout, "check", 1)).toMatch(/^InSyncImpliesSyncRep +VIOLATED +content 0: catalog mode is s/m);
    const w = outputOf(r.stdout, "what-if --on inSyncOnlyWhenCaughtUp");
    expect(w).toContain("every step still applies.");
    expect(w).toContain("InSyncImpliesSyncRep now holds (it was violated: content 0: catalog mode is s");
  });

  it("rejected commands print one error line each, the script goes on, and the exit code is 2", () => {
    const r = mirrorcheck(["explore", "--config", "bug-promoteRequiresInSync"], ["frobnicate", "FtsSendPromote content=0", "goto 3", "state"].join("\n"));
    expect(r.code).toBe(2);
    expect(outputOf(r.stdout, "frobnicate")).toBe('error: unknown command "frobnicate" (type help)\n');
    const e = outputOf(r.stdout, "FtsSendPromote content=0");
    expect(e).toMatch(/^error: FtsSendPromote content=0 is not enabled: FTS owes the content no PROMOTE; enabled: 1 ClientCommit content=0, .*5 FtsProbeTimeout content=0,/);
    expect(e.split("\n")).toHaveLength(2); // one line, then the end
    expect(outputOf(r.stdout, "goto 3")).toBe("error: no step 3: the path has steps 0..0\n");
    expect(outputOf(r.stdout, "state")).toContain("gp_segment_configuration:");
  });

  it("a bad start is one line on stderr and exit 2: --at out of range, a missing file, a malformed trace, --at without a trace", () => {
    const cex = join(dir, "start.trace");
    mirrorcheck(["check", "--config", "bug-promoteRequiresInSync", "--trace-out", cex, "--no-progress", "--workers", "1"]);
    const cases: [string[], string][] = [
      [["explore", cex, "--at", "99"], `mirrorcheck: --at 99 is out of range: ${cex} has steps 0..5\n`],
      [["explore", join(dir, "missing.trace")], `mirrorcheck: cannot read ${join(dir, "missing.trace")}: no such file\n`],
      [["explore", "--at", "1"], "mirrorcheck: --at needs a trace file: mirrorcheck explore FILE --at N\n"],
      [["explore", cex, "--config", "tiny"], "mirrorcheck: --config cannot go with a trace file: its config line names the configuration\n"],
    ];
    for (const [args, stderr] of cases) {
      const r = mirrorcheck(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toBe(stderr);
      expect(r.stdout).toBe("");
    }
    const bad = mirrorcheck(["explore", join(dir, "..", "..", "..", "dev", "null")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^mirrorcheck: [^\n]+\n$/);
  });
});

describe("README's explore example", () => {
  it("is a real transcript: its commands, run in a fresh directory, print its lines in its order", () => {
    const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
    const section = readme.slice(readme.indexOf("## Exploring a state: `mirrorcheck explore`"));
    const block = section.slice(section.indexOf("    $ npx mirrorcheck explore"), section.indexOf("\n\n", section.indexOf("    $ npx mirrorcheck explore")));
    const lines = block.split("\n").map((l) => l.slice(4));
    const commands = lines.filter((l) => l.startsWith("> ")).map((l) => l.slice(2));
    expect(commands.length).toBeGreaterThan(3);
    const r = mirrorcheck(["explore", "--config", "bug-promoteRequiresInSync"], commands.join("\n") + "\n", mkdtempSync(join(tmpdir(), "explore-readme-")));
    expect(r.code).toBe(0);
    const out = r.stdout.split("\n");
    let at = 0;
    for (const expected of lines.slice(1).filter((l) => l !== "...")) {
      const found = out.indexOf(expected, at);
      expect(found, `README line not in the transcript (in order): ${expected}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});

describe("explore --variant", () => {
  it("under a proposal (--variant): its new family is listed, explained and taken, and the saved trace names it and replays", () => {
    const proposal = fileURLToPath(new URL("../../examples/proposals/fts-resend-promote.mjs", import.meta.url));
    const saved = join(mkdtempSync(join(tmpdir(), "explore-variant-")), "proposal.trace");
    const script = ["FtsProbeTimeout content=0", "FtsRestart", "why FtsResendPromote content=0", "actions", "FtsResendPromote content=0", "FtsSendPromote content=0", `save ${saved}`].join("\n");
    const r = mirrorcheck(["explore", "--config", "bug-resendLostPromote", "--variant", proposal], script);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(outputOf(r.stdout, "why FtsResendPromote content=0")).toMatch(/^FtsResendPromote content=0 is enabled:/);
    expect(outputOf(r.stdout, "actions")).toMatch(/^\d+ +FtsResendPromote content=0$/m);
    expect(outputOf(r.stdout, "FtsSendPromote content=0")).toContain("dbid 4 role: m → p");
    // The config line names the proposal relative to the saved file's folder; replay loads it from there.
    expect(readFileSync(saved, "utf8")).toMatch(/^config name=bug-resendLostPromote variant=\S*fts-resend-promote\.mjs$/m);
    const replayed = mirrorcheck(["replay", saved], "", tmpdir());
    expect(replayed.code, replayed.stdout + replayed.stderr).toBe(0);
    // Without the proposal the family does not exist: the start is fine, taking it is rejected.
    const plain = mirrorcheck(["explore", "--config", "bug-resendLostPromote"], "FtsResendPromote content=0");
    expect(plain.code).toBe(2);
    expect(plain.stdout).toMatch(/^error: /m);
  });

  it("a proposal's rule that throws ends the session with one error line, exit 2, no stack", () => {
    const proposal = fileURLToPath(new URL("../fixtures/variants/guard-throws.mjs", import.meta.url));
    const r = mirrorcheck(["explore", "--config", "tiny", "--variant", proposal], "LinkCut content=0\nactions\nstate\n");
    expect(r.code).toBe(2);
    expect(outputOf(r.stdout, "actions").trim()).toBe(`error: proposal ${proposal}: rule FtsProbe.guard threw: boom; the session ends`);
    expect(r.stdout).not.toContain("> state");
    expect(r.stderr).toBe("");
  });
});
