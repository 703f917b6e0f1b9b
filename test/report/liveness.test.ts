// Liveness counterexamples (lassos) in the text report, the JSON report and explain. The
// lassos are trace files replayed into the Violation the checker would give
// (violationFromReplay); test/trace/loop.test.ts checks that their fairness accounts equal
// ones computed by hand with enabledActions.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCheck, type CheckReport } from "../../api/index.js";
import type { LivenessReport } from "../../checker/index.js";
import { checkJson, checkText, explainReplay, explainText, type LassoViolation } from "../../report/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";
import { LOST_PROMOTE, NO_REWIND, replayedLasso } from "./lassoFixtures.js";

function lasso(text: string): LassoViolation {
  return replayedLasso(text).violation;
}

const VERDICTS: LivenessReport = {
  notCheckedReason: null,
  transitions: 1000,
  edgeBytes: 4000,
  elapsedMs: 3,
  properties: [
    { name: "CommitsAreAnswered", verdict: "holds", violators: [] },
    { name: "ContentsServe", verdict: "violated", violators: ["content=0", "content=1"] },
    { name: "MirrorsResync", verdict: "violated", violators: ["content=0"] },
    { name: "PreferredRolesReturn", verdict: "holds", violators: [] },
  ],
};

/** A check report (of a small real run) carrying the given lassos and liveness verdicts. */
function reportWith(violations: readonly LassoViolation[], liveness: LivenessReport | null): CheckReport {
  const base = runCheck({ config: "tiny", options: { liveness: false } });
  const config = replayTrace(parseTrace(LOST_PROMOTE)).config;
  return {
    ...base,
    name: "default+",
    canonical: null,
    expectation: null,
    config,
    minimised: [],
    result: { ...base.result, verdict: violations.length > 0 ? "violation" : "pass", violations, liveness },
  };
}

describe("text report of a lasso", () => {
  const text = checkText(reportWith([lasso(LOST_PROMOTE)], VERDICTS), { traceFiles: ["cex.trace"] });
  const lines = text.split("\n");

  it("headline names the property, its subject and the lasso's shape", () => {
    expect(lines[1]).toMatch(/^VIOLATION {2}ContentsServe content=0 \(a fair cycle: stem 2 \+ cycle 2 actions\) \(/);
  });

  it("prints the stem as a table of changes, then the cycle under its own heading", () => {
    const head = lines.indexOf("cycle (repeats forever), from the loop state (the state after step 2):");
    expect(head).toBeGreaterThan(0);
    const stem = lines.slice(0, head).join("\n");
    expect(stem).toContain("Liveness counterexample to ContentsServe content=0 (for every content c: always eventually");
    expect(stem).toMatch(/\n1 +FtsProbeTimeout content=0 +faults spent +0 → 1\n/);
    expect(stem).toMatch(/\n2 +FtsRestart +faults spent +1 → 2\n +content 0 FTS owes +PROMOTE → nothing\n/);
    expect(stem).not.toContain("FtsProbe content=1");
    const cycle = lines.slice(head).join("\n");
    expect(cycle).toMatch(/\n3 +FtsProbe content=0 +\(no change\)\n4 +FtsProbe content=1 +\(no change\)\n/);
    expect(cycle).not.toContain("(initial state)");
    expect(cycle).toContain("↺ back to the loop state (the state after step 2), and round again");
  });

  it("then the property's explanation, the fairness account grouped by state, and the replay command", () => {
    expect(text).toContain("ContentsServe content=0 violated: content 0 never serves again");
    expect(text).toContain("  taken at step 3: FtsProbe content=0\n  taken at step 4: FtsProbe content=1\n");
    const start = lines.findIndex((l) => l.startsWith("  disabled in the loop state (after step 2): CommitAck txn=1, CommitAck txn=2,"));
    expect(start).toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > start && l.startsWith("Replay it:"));
    expect(lines[end]).toBe("Replay it: mirrorcheck replay cex.trace");
    const block = lines.slice(start, end);
    // Wrapped for a terminal: every line short, continuation lines indented.
    expect(block.length).toBeGreaterThan(2);
    expect(block.every((l) => l.length <= 100)).toBe(true);
    expect(block.slice(1).every((l) => l.startsWith("      "))).toBe(true);
    // All 28 fair instances the cycle does not take, each once (30 fair instances in default).
    const listed = block.join(" ").replace(/^.*?: /, "").split(",").map((s) => s.trim());
    expect(listed).toHaveLength(28);
    expect(listed).toContain("RecoverIncremental content=0");
    expect(listed).not.toContain("FtsProbe content=0");
  });

  it("one summary line per liveness property; one line with the reason when not checked", () => {
    expect(lines).toContain("liveness: CommitsAreAnswered holds");
    expect(lines).toContain("liveness: ContentsServe violated (content=0, content=1)");
    expect(lines).toContain("liveness: MirrorsResync violated (content=0)");
    const notChecked = checkText(reportWith([], { ...VERDICTS, notCheckedReason: "the run was cut short by --max-states" }));
    expect(notChecked).toContain(
      "liveness not checked (CommitsAreAnswered, ContentsServe, MirrorsResync, PreferredRolesReturn): the run was cut short by --max-states",
    );
    expect(notChecked).not.toContain("liveness: ContentsServe violated");
    expect(checkText(reportWith([], null))).not.toContain("liveness:");
  });

  it("an empty cycle stutters, and a starved instance is shown as such", () => {
    const stutter = checkText(reportWith([lasso(LOST_PROMOTE.replace("FtsProbe content=0\nFtsProbe content=1\n", ""))], VERDICTS));
    expect(stutter).toContain("cycle: stutters for ever in this state (the state after step 2, the loop state)");
    expect(stutter).not.toContain("cycle (repeats forever)");
    expect(stutter).toContain("  NEITHER taken nor ever disabled (the cycle is not fair): FtsProbe content=0, FtsProbe content=1");
  });

  it("two counterexamples name their own trace files in the replay hint", () => {
    const two = checkText(reportWith([lasso(LOST_PROMOTE), lasso(NO_REWIND)], VERDICTS));
    expect(two).toContain("--trace-out cex.trace, then mirrorcheck replay cex.ContentsServe.trace");
    expect(two).toContain("--trace-out cex.trace, then mirrorcheck replay cex.MirrorsResync.trace");
    expect(two.split("\n")[1]).toMatch(/^VIOLATION {2}2 properties violated: ContentsServe content=0 \(.*\), MirrorsResync content=0 \(a fair cycle: stem 4 \+ cycle 3 actions\)/);
  });
});

describe("JSON report of a lasso", () => {
  it("a liveness violation carries its lasso: subject, lengths, loopStart, trace and fairness", () => {
    const json = checkJson(reportWith([lasso(NO_REWIND)], VERDICTS));
    const v = json.violations[0];
    expect(v).toMatchObject({
      property: "MirrorsResync",
      kind: "liveness",
      subject: "content=0",
      stemLength: 4,
      cycleLength: 3,
      loopStart: 4,
      length: 7,
      trace: [
        "ClientCommit content=0",
        "FtsProbeTimeout content=0",
        "FtsSendPromote content=0",
        "RecoverIncremental content=0",
        "FtsProbe content=0",
        "FtsProbe content=1",
        "RecoverIncremental content=0",
      ],
    });
    expect(v.minimisedLength).toBeUndefined();
    expect(v.fairness).toHaveLength(30);
    expect(v.fairness?.find((e) => e.instance === "RecoverIncremental content=0")).toEqual({
      instance: "RecoverIncremental content=0",
      taken: 7,
      disabledAt: null,
    });
    expect(v.fairness?.find((e) => e.instance === "WalStream content=0")).toEqual({ instance: "WalStream content=0", taken: null, disabledAt: 4 });
    // Exactly one of taken/disabledAt per entry: a correct lasso starves nothing.
    expect(v.fairness?.every((e) => (e.taken === null) !== (e.disabledAt === null))).toBe(true);
    expect(JSON.parse(JSON.stringify(json)).violations[0].loopStart).toBe(4);
  });

  it("top-level liveness: every property's verdict and violators, or why it was not checked", () => {
    expect(checkJson(reportWith([], VERDICTS)).liveness).toEqual({
      checked: true,
      notCheckedReason: null,
      properties: {
        CommitsAreAnswered: { verdict: "holds", violators: [] },
        ContentsServe: { verdict: "violated", violators: ["content=0", "content=1"] },
        MirrorsResync: { verdict: "violated", violators: ["content=0"] },
        PreferredRolesReturn: { verdict: "holds", violators: [] },
      },
    });
    const cut = checkJson(reportWith([], { ...VERDICTS, notCheckedReason: "DFS does not explore the whole graph" })).liveness;
    expect(cut?.checked).toBe(false);
    expect(cut?.notCheckedReason).toBe("DFS does not explore the whole graph");
    expect(Object.values(cut?.properties ?? {}).every((p) => p.verdict === "not-checked" && p.violators.length === 0)).toBe(true);
    expect(checkJson(reportWith([], null)).liveness).toBeNull();
  });
});

describe("explain of a lasso", () => {
  it("the stem, the cycle's steps under a heading, why P stays false and the fairness account in words", () => {
    const r = replayTrace(parseTrace(NO_REWIND, "nr.trace"));
    const e = explainReplay(r, "MirrorsResync");
    expect(e.violation).toBeNull();
    expect(e.lasso).toMatchObject({ loopLine: 6, loopStart: 4, cycleLength: 3, difference: null, property: "MirrorsResync", subject: "content=0", starved: [] });
    expect(e.lasso?.why).toContain("content 0 never returns to mode s");
    expect(e.lasso?.fairness.find((f) => f.instance === "LinkHeal content=0")?.unmet).toBe("the link is up");
    const text = explainText("nr.trace", r, e);
    const heading = text.indexOf("Cycle (repeats forever), from the loop state (the state after step 4, line 6):");
    expect(heading).toBeGreaterThan(text.indexOf("Step 4 (line 5): RecoverIncremental content=0"));
    expect(heading).toBeLessThan(text.indexOf("Step 5 (line 7): FtsProbe content=0"));
    expect(text).toContain("After step 7 the cluster is back in the loop state (the state after step 4): the cycle repeats for ever.");
    expect(text).toContain("Why MirrorsResync content=0 stays false: content 0 never returns to mode s");
    expect(text).toContain("  RecoverIncremental content=0 is taken at step 7.");
    expect(text).toContain("  In the loop state (after step 4), disabled:\n    CommitAck txn=1 — the txn is not waiting\n");
    expect(text).toContain("    Rebalance content=0 — the pair is not in sync (mode n)");
    expect(text).not.toContain("The final state violates no safety property.\n");
  });

  it("an unfair cycle or one that does not return is said so", () => {
    const unfair = replayTrace(parseTrace(LOST_PROMOTE.replace("FtsProbe content=1\n", ""), "u.trace"));
    expect(explainText("u.trace", unfair, explainReplay(unfair))).toContain(
      "The cycle is NOT fair: FtsProbe content=1 is enabled in every state of the cycle and never taken",
    );
    const open = replayTrace(parseTrace(NO_REWIND.replace("RecoverIncremental content=0\nexpect", "LinkCut content=1\nexpect"), "o.trace"));
    expect(explainText("o.trace", open, explainReplay(open))).toContain(
      'The cycle does NOT return to the loop state (the state after step 4): contents[1].link is "up" at the loop, "down" after the last action.',
    );
  });

  it("mirrorcheck explain FILE of a lasso (built CLI)", () => {
    const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-explain-lasso-"));
    const file = join(dir, "lp.trace");
    writeFileSync(file, LOST_PROMOTE);
    const bin = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
    const r = spawnSync(process.execPath, [bin, "explain", file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Cycle (repeats forever), from the loop state (the state after step 2, line 4):");
    expect(r.stdout).toContain("Why ContentsServe content=0 stays false: content 0 never serves again");
    expect(r.stdout).toContain("  FtsProbe content=0 is taken at step 3.");
  });
});
