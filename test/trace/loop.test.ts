// Lassos in trace files (TRACE-FORMAT.md `loop`): parsing, replay of the cycle's return, of
// P along the cycle and of its fairness, the writers (trace file and ITF), and the CLI. The
// two lassos are built by hand with the model's own step function, and their fairness
// account is computed here independently of trace/lasso.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FairnessEntry, Violation } from "../../checker/index.js";
import {
  enabledActions,
  fairInstances,
  findAction,
  formatAction,
  initialState,
  resolveConfig,
  step,
  type Action,
  type BoundAction,
  type Config,
  type ConfigInput,
  type State,
} from "../../model/index.js";
import { counterexampleItf, counterexampleTrace } from "../../report/index.js";
import { fromItf, itfDifference, parseTrace, replayExitCode, replayTrace, TraceFormatError } from "../../trace/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "dist/cli/main.js");

/** `default` with resendLostPromote off: a PROMOTE lost to an FTS restart is never resent. */
const LOST_PROMOTE = `config contents=2 txns=2 faults=2 off=resendLostPromote
FtsProbeTimeout content=0
FtsRestart
expect instance dbid=4 role=m alive=true
loop
FtsProbe content=0
FtsProbe content=1
expect violated ContentsServe content=0
`;

/**
 * `default` with incrementalRecoveryRewinds off: txn 1 is on dbid 2 only when FTS fails over
 * to dbid 4; gprecoverseg brings dbid 2 back as a mirror without rewinding it, so its WAL (1)
 * is no prefix of the new primary's (-): it never streams, and every later gprecoverseg
 * changes nothing.
 */
const NO_REWIND = `config contents=2 txns=2 faults=2 off=incrementalRecoveryRewinds
ClientCommit content=0
FtsProbeTimeout content=0
FtsSendPromote content=0
RecoverIncremental content=0
expect wal dbid=2 1
expect wal dbid=4 -
loop
FtsProbe content=0
FtsProbe content=1
RecoverIncremental content=0
expect violated MirrorsResync content=0
`;

const act = (type: string, arg?: Record<string, number>): Action => ({ type, ...arg }) as Action;

/** A lasso Violation built with the model's step function; the fairness account by enabledActions. */
function handLasso(
  input: ConfigInput,
  stem: readonly Action[],
  cycle: readonly Action[],
  property: string,
  subject: string,
): { cfg: Config; v: Violation<State, BoundAction> } {
  const cfg = resolveConfig(input);
  const trace: { action: BoundAction | null; state: State }[] = [{ action: null, state: initialState(cfg) }];
  for (const a of [...stem, ...cycle]) {
    const b = findAction(cfg, a);
    const before = trace[trace.length - 1].state;
    if (b === undefined || b.guard(before) !== undefined) throw new Error(`${formatAction(a)} not enabled`);
    trace.push({ action: b, state: step(before, b) });
  }
  const loopStart = stem.length;
  const states = cycle.length === 0 ? [trace[loopStart].state] : trace.slice(loopStart, -1).map((s) => s.state);
  const fairness: FairnessEntry[] = fairInstances(cfg).map((b) => {
    const instance = formatAction(b.action);
    const k = cycle.findIndex((a) => formatAction(a) === instance);
    if (k >= 0) return { instance, taken: loopStart + k + 1, disabledAt: null };
    const j = states.findIndex((s) => !enabledActions(cfg, s).includes(b));
    return { instance, taken: null, disabledAt: j < 0 ? null : loopStart + j };
  });
  return {
    cfg,
    v: {
      property,
      kind: "liveness",
      message: `hand-built lasso for ${property} ${subject}`,
      length: stem.length + cycle.length,
      trace,
      lasso: { subject, stemLength: stem.length, cycleLength: cycle.length, loopStart, fairness },
    },
  };
}

const DEFAULT = { contents: 2, txns: 2, faults: 2 };
const lostPromoteLasso = (): { cfg: Config; v: Violation<State, BoundAction> } =>
  handLasso(
    { ...DEFAULT, off: ["resendLostPromote"] },
    [act("FtsProbeTimeout", { content: 0 }), act("FtsRestart")],
    [act("FtsProbe", { content: 0 }), act("FtsProbe", { content: 1 })],
    "ContentsServe",
    "content=0",
  );
const noRewindLasso = (): { cfg: Config; v: Violation<State, BoundAction> } =>
  handLasso(
    { ...DEFAULT, off: ["incrementalRecoveryRewinds"] },
    [act("ClientCommit", { content: 0 }), act("FtsProbeTimeout", { content: 0 }), act("FtsSendPromote", { content: 0 }), act("RecoverIncremental", { content: 0 })],
    [act("FtsProbe", { content: 0 }), act("FtsProbe", { content: 1 }), act("RecoverIncremental", { content: 0 })],
    "MirrorsResync",
    "content=0",
  );

/** Replays trace text; the failed expectations' "actual" texts. */
function replayText(text: string) {
  const r = replayTrace(parseTrace(text, "t.trace"));
  const failed = r.items.flatMap((i) => (i.kind === "expect" && !i.ok ? [`${i.line}: ${i.actual}`] : []));
  return { r, failed, code: replayExitCode(r) };
}

describe("parsing loop and liveness expectations", () => {
  it("keeps the loop where it stands and reads the subject of a liveness expectation", () => {
    const t = parseTrace(LOST_PROMOTE, "lp.trace");
    expect(t.entries.map((e) => e.kind)).toEqual(["action", "action", "expect", "loop", "action", "action", "expect"]);
    expect(t.entries[3]).toEqual({ kind: "loop", line: 5, text: "loop" });
    const last = t.entries[6];
    expect(last.kind === "expect" ? last.expect : null).toEqual({ kind: "violated", property: "ContentsServe", subject: { key: "content", id: 0 } });
    const txn = parseTrace("config name=default\nexpect holds CommitsAreAnswered txn=2\n");
    expect(txn.entries[0].kind === "expect" ? txn.entries[0].expect : null).toEqual({
      kind: "holds",
      property: "CommitsAreAnswered",
      subject: { key: "txn", id: 2 },
    });
  });

  const malformed: [string, string][] = [
    ["config name=default\nloop\nFtsProbe content=0\nloop\n", "lp.trace:4: a second loop line (the first is line 2); a trace has at most one cycle"],
    ["config name=default\nloop now\n", 'lp.trace:2: loop takes no argument, got "now"'],
    ["config name=default\nexpect violated ContentsServe\n", "lp.trace:2: ContentsServe is a liveness property: name its subject, content=N"],
    ["config name=default\nexpect violated ContentsServe txn=1\n", 'lp.trace:2: unknown key "txn" (expected one of: content)'],
    ["config name=default\nexpect violated CommitsAreAnswered txn=3\n", "lp.trace:2: txn 3 out of range (txns are 1..2)"],
    ["config name=default\nexpect violated MirrorsResync content=2\n", "lp.trace:2: content 2 out of range (contents are 0..1)"],
    ["config name=default\nexpect violated NoLostAckedCommit content=0\n", 'lp.trace:2: NoLostAckedCommit is not a liveness property: it takes no subject, got "content=0"'],
  ];
  for (const [text, message] of malformed) {
    it(`refuses: ${message}`, () => {
      expect(() => parseTrace(text, "lp.trace")).toThrow(TraceFormatError);
      expect(() => parseTrace(text, "lp.trace")).toThrow(message);
    });
  }
});

describe("replaying a lasso", () => {
  for (const [name, text, build] of [
    ["lost PROMOTE (ContentsServe content=0)", LOST_PROMOTE, lostPromoteLasso],
    ["no rewind (MirrorsResync content=0)", NO_REWIND, noRewindLasso],
  ] as const) {
    it(`${name}: green, and the same fairness account as computed by hand`, () => {
      const { r, failed, code } = replayText(text);
      expect(failed).toEqual([]);
      expect(code).toBe(0);
      const { v } = build();
      expect(r.final).toEqual(v.trace[v.trace.length - 1].state);
      expect(r.lasso?.loopStart).toBe(v.lasso?.loopStart);
      expect(r.lasso?.cycleLength).toBe(v.lasso?.cycleLength);
      expect(r.lasso?.difference).toBeNull();
      expect(r.lasso?.fairness).toEqual(v.lasso?.fairness);
      expect(r.lasso?.property).toMatchObject({ property: v.property, subject: "content=0", holdsAt: null });
      expect(r.items.some((i) => i.kind === "expect" && i.ok && i.text.startsWith("the cycle returns to the state at loop"))).toBe(true);
    });
  }

  it("the hand-built accounts say what the cycle takes and where the rest is disabled", () => {
    const lp = lostPromoteLasso().v.lasso!;
    expect(lp.fairness.filter((e) => e.taken !== null)).toEqual([
      { instance: "FtsProbe content=0", taken: 3, disabledAt: null },
      { instance: "FtsProbe content=1", taken: 4, disabledAt: null },
    ]);
    expect(lp.fairness.filter((e) => e.taken === null).every((e) => e.disabledAt === 2)).toBe(true);
    const nr = noRewindLasso().v.lasso!;
    expect(nr.fairness.find((e) => e.instance === "RecoverIncremental content=0")).toEqual({
      instance: "RecoverIncremental content=0",
      taken: 7,
      disabledAt: null,
    });
    expect(nr.fairness.find((e) => e.instance === "WalStream content=0")?.disabledAt).toBe(4);
  });

  it("a cycle that does not return to the loop state fails (exit 1) naming the first field that differs", () => {
    const text = NO_REWIND.replace("RecoverIncremental content=0\nexpect violated", "LinkCut content=1\nexpect violated");
    const { r, failed, code } = replayText(text);
    expect(code).toBe(1);
    expect(r.lasso?.difference).toBe('contents[1].link is "up" at the loop, "down" after the last action');
    expect(failed[0]).toBe('11: contents[1].link is "up" at the loop, "down" after the last action');
  });

  it("P true in a state of the cycle fails (exit 1), naming that state", () => {
    const text = "config name=default\nloop\nFtsProbe content=0\nFtsProbe content=1\nexpect violated ContentsServe content=0\n";
    const { failed, code } = replayText(text);
    expect(code).toBe(1);
    expect(failed).toEqual(["5: ContentsServe content=0 holds in the loop state (the initial state), in the cycle"]);
    // The same lasso satisfies GF P: `expect holds` at its end passes.
    expect(replayText(text.replace("violated", "holds")).code).toBe(0);
  });

  it("an unfair cycle fails (exit 1), naming the fair instance enabled throughout and never taken", () => {
    const text = LOST_PROMOTE.replace("FtsProbe content=1\n", "");
    const { r, failed, code } = replayText(text);
    expect(code).toBe(1);
    expect(failed).toEqual(["7: the cycle is not fair: FtsProbe content=1 is enabled in every state of the cycle and never taken"]);
    expect(r.lasso?.fairness.find((e) => e.instance === "FtsProbe content=1")).toEqual({
      instance: "FtsProbe content=1",
      taken: null,
      disabledAt: null,
    });
  });

  it("an empty cycle stutters in the loop state: it takes nothing, so an enabled fair instance starves it", () => {
    const stutter = LOST_PROMOTE.replace("FtsProbe content=0\nFtsProbe content=1\n", "");
    const { r, failed, code } = replayText(stutter);
    expect(code).toBe(1);
    expect(r.lasso?.cycleLength).toBe(0);
    expect(failed).toEqual([
      "6: the cycle is not fair: FtsProbe content=0 is enabled in every state of the cycle and never taken (and FtsProbe content=1)",
    ]);
    expect(replayText("config name=default\nloop\nexpect holds ContentsServe content=0\n").code).toBe(0);
  });

  it("before the cycle's end a liveness expectation reads P in the current state", () => {
    const text = LOST_PROMOTE.replace("FtsRestart\n", "FtsRestart\nexpect violated ContentsServe content=0\nexpect holds ContentsServe content=1\n");
    expect(replayText(text).failed).toEqual([]);
  });
});

describe("writing a lasso", () => {
  for (const build of [lostPromoteLasso, noRewindLasso]) {
    it(`${build().v.property}: the trace file has loop at loopStart and the final expectation, and replays green`, () => {
      const { cfg, v } = build();
      const text = counterexampleTrace("bug", cfg, v);
      const lines = text.trimEnd().split("\n").filter((l) => !l.startsWith("#"));
      expect(lines.indexOf("loop")).toBe(1 + v.lasso!.loopStart);
      expect(lines.at(-1)).toBe(`expect violated ${v.property} content=0`);
      const { failed, code } = replayText(text);
      expect(failed).toEqual([]);
      expect(code).toBe(0);
    });

    it(`${build().v.property}: ITF carries the loop index and replays green`, () => {
      const { cfg, v } = build();
      const json = counterexampleItf("bug", cfg, v) as { loop: number; "#meta": Record<string, string> };
      expect(json.loop).toBe(v.lasso!.loopStart);
      expect(json["#meta"]["mirrorcheck::violated"]).toBe(`${v.property} content=0`);
      const itf = fromItf(JSON.stringify(json), "cex.itf.json");
      expect(itf.loop).toBe(v.lasso!.loopStart);
      const trace = { ...itf.trace, entries: [...itf.trace.entries, itf.violatedExpectation!] };
      const r = replayTrace(trace, { checkState: (k, s) => itfDifference(itf.states[k], s) });
      expect(r.items.filter((i) => i.kind === "expect" && !i.ok)).toEqual([]);
      expect(r.status).toBe("ok");
      expect(r.lasso?.loopStart).toBe(v.lasso!.loopStart);
      expect(r.lasso?.fairness).toEqual(v.lasso!.fairness);
    });
  }

  it("an ITF loop index outside the states is malformed", () => {
    const { cfg, v } = lostPromoteLasso();
    const json = { ...(counterexampleItf("bug", cfg, v) as object), loop: 9 };
    expect(() => fromItf(JSON.stringify(json), "x.itf.json")).toThrow('x.itf.json: "loop" must be the index of a state (0..4), got 9');
  });
});

describe("mirrorcheck replay of a lasso file (built CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-loop-"));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("replays green (exit 0), and its --itf output replays green too", () => {
    const file = join(dir, "no-rewind.trace");
    writeFileSync(file, NO_REWIND);
    const itf = join(dir, "no-rewind.itf.json");
    const r = run("replay", file, "--itf", itf);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("the cycle returns to the state at loop (line 8)");
    expect(r.stdout).toMatch(/\n +8 +loop +the cycle starts in this state \(after step 4\)\n5 +9 +FtsProbe content=0 /);
    expect(r.stdout).toMatch(/\nOK {2}7 actions replayed, 4 expectations held\n$/);
    expect(r.code).toBe(0);
    const again = run("replay", itf);
    expect(again.stdout).toMatch(/\nOK {2}7 actions replayed/);
    expect(again.code).toBe(0);
  });

  it("an unfair cycle exits 1 naming the starved instance; a second loop line exits 2 in one line", () => {
    const unfair = join(dir, "unfair.trace");
    writeFileSync(unfair, LOST_PROMOTE.replace("FtsProbe content=1\n", ""));
    const r = run("replay", unfair);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `FAILED  ${unfair}:7: expect violated ContentsServe content=0: unfair cycle ✗ — actual: the cycle is not fair: FtsProbe content=1 is enabled in every state of the cycle and never taken`,
    );
    const twice = join(dir, "twice.trace");
    writeFileSync(twice, LOST_PROMOTE.replace("FtsProbe content=1\n", "loop\nFtsProbe content=1\n"));
    const m = run("replay", twice);
    expect(m.code).toBe(2);
    expect(m.stderr.trim()).toBe(`mirrorcheck: ${twice}:7: a second loop line (the first is line 5); a trace has at most one cycle`);
    expect(m.stderr.trim().split("\n")).toHaveLength(1);
  });
});
