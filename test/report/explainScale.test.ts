// explain on long traces: linear in the trace length (the core search reuses the replay's
// states and stops a trial where it rejoins the trace), bounded when it cannot be, and the
// same core as the plain greedy search.
import { describe, expect, it } from "vitest";
import { findAction, initialState, stepFast, type Action, type Config, type State } from "../../model/index.js";
import { SAFETY_PROPERTIES } from "../../properties/index.js";
import { explainReplay, explainText } from "../../report/index.js";
import { defaultCoreBudget, minimalCore } from "../../report/explainCore.js";
import { parseTrace, replayTrace } from "../../trace/index.js";

// The as-implemented loss of an acknowledged commit (8 steps), with probes of the healthy
// contents 1 and 2 (each changes nothing) spread evenly before and between its steps.
const CORE = [
  "FtsProbeTimeout content=0",
  "FtsSendPromote content=0",
  "RecoverIncremental content=0",
  "WalSenderCaughtUp content=0",
  "ClientCommit content=0",
  "CommitAck txn=1",
  "FtsProbe content=0",
  "FtsProbeTimeout content=0",
];
function longTrace(n: number): string {
  const lines = ["config contents=3 txns=2 faults=2 syncRepReload=deferred off=inSyncOnlyWhenCaughtUp"];
  const per = n / CORE.length - 1;
  for (const c of CORE) {
    for (let i = 0; i < per; i++) lines.push(`FtsProbe content=${1 + (i % 2)}`);
    lines.push(c);
  }
  lines.push("expect violated NoLostAckedCommit");
  return lines.join("\n") + "\n";
}

function explainMs(n: number): { ms: number; needed: readonly number[] } {
  const r = replayTrace(parseTrace(longTrace(n), "long.trace"));
  const t0 = performance.now();
  const e = explainReplay(r, "NoLostAckedCommit");
  return { ms: performance.now() - t0, needed: e.violation?.neededSteps ?? [] };
}

/** The plain greedy search the fast one must agree with: every trial replayed from the start. */
function greedyCore(cfg: Config, actions: readonly Action[], violates: (s: State) => boolean): number[] {
  const replay = (ks: readonly number[]): State | null => {
    let s = initialState(cfg);
    for (const k of ks) {
      const b = findAction(cfg, actions[k]);
      if (b === undefined || b.guard(s) !== undefined) return null;
      s = stepFast(s, b);
    }
    return s;
  };
  let kept = actions.map((_, k) => k);
  for (let changed = true; changed; ) {
    changed = false;
    for (let j = kept.length - 1; j >= 0; j--) {
      const trial = [...kept.slice(0, j), ...kept.slice(j + 1)];
      const end = replay(trial);
      if (end !== null && violates(end)) {
        kept = trial;
        changed = true;
      }
    }
  }
  return kept;
}

function setUp(text: string, property: string) {
  const r = replayTrace(parseTrace(text, "t.trace"));
  const actions = r.items.flatMap((i) => (i.kind === "step" ? [i.action] : []));
  const states = [r.initial, ...r.items.flatMap((i) => (i.kind === "step" ? [i.after] : []))];
  const prop = SAFETY_PROPERTIES.find((p) => p.name === property);
  if (prop === undefined) throw new Error(property);
  const violates = (s: State): boolean => prop.check(r.config, s) !== undefined;
  return { cfg: r.config, actions, states, violates };
}

describe("explain on long traces", () => {
  it("2,000 steps: the 8-step core, in well under a few seconds", () => {
    const { ms, needed } = explainMs(2000);
    expect(needed).toEqual([250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
    expect(ms).toBeLessThan(3000);
  });

  it("is linear: twice the steps take less than three times as long", () => {
    // Best of three of each, after a warm-up: the machine is shared.
    explainMs(2000);
    const best = (n: number): number => Math.min(...[0, 1, 2].map(() => explainMs(n).ms));
    const t1 = best(2000);
    const t2 = best(4000);
    expect(t2, `2,000 steps ${t1.toFixed(0)} ms, 4,000 steps ${t2.toFixed(0)} ms`).toBeLessThan(3 * t1 + 50);
  });

  it("replays few steps: a step that changes nothing costs none, the core's steps only the core after them", () => {
    const { cfg, actions, states, violates } = setUp(longTrace(4000), "NoLostAckedCommit");
    const core = minimalCore(cfg, actions, states, violates);
    expect(core.minimal).toBe(true);
    expect(core.kept.length).toBe(8);
    // The plain greedy search replays about n²/2 = 8,000,000 steps here.
    expect(core.work).toBeLessThan(200);
  });

  it("keeps the same core as the plain greedy search, on a trace whose irrelevant steps change the state", () => {
    // Steps 5 and 6 (a commit on content 1 and its streaming) change the state for good: trials
    // of the steps before them replay to the end instead of rejoining.
    const text = `config contents=2 txns=2 faults=2 off=promoteRequiresInSync
FtsProbe content=1
FtsProbeTimeout content=0
FtsProbe content=1
FtsSendPromote content=0
ClientCommit content=1
WalStream content=1
ClientCommit content=0
FtsProbe content=0
CommitAck txn=2
FtsProbe content=1
FtsProbeTimeout content=0
`;
    const { cfg, actions, states, violates } = setUp(text, "NoLostAckedCommit");
    const fast = minimalCore(cfg, actions, states, violates);
    expect(fast.kept).toEqual(greedyCore(cfg, actions, violates));
    // Step 5 stays: without it the commit on content 0 would be txn 1, and `CommitAck txn=2` not enabled.
    expect(fast.kept.map((k) => k + 1)).toEqual([2, 4, 5, 7, 9, 11]);
    expect(fast.minimal).toBe(true);
  });

  it("stops at its budget, keeps what it did not try, and says the core is not minimised fully", () => {
    const { cfg, actions, states, violates } = setUp(longTrace(400), "NoLostAckedCommit");
    // The probes go for free; each trial of a core step replays (part of) the core after it,
    // so a budget of 3 runs out among the core's steps, in the first pass.
    const core = minimalCore(cfg, actions, states, violates, { budget: 3 });
    expect(core.minimal).toBe(false);
    expect(core.work).toBe(3);
    expect(core.untried).toBeGreaterThan(0);
    // Untried steps are kept as they are, at the start; the tried part is already minimised.
    expect(core.kept.slice(0, core.untried)).toEqual(Array.from({ length: core.untried }, (_, k) => k));
    expect(core.kept.slice(core.untried).every((k) => (k + 1) % 50 === 0)).toBe(true);

    const r = replayTrace(parseTrace(longTrace(400), "long.trace"));
    const e = explainReplay(r, "NoLostAckedCommit", { coreBudget: 3 });
    expect(e.violation?.minimal).toBe(false);
    expect(e.violation?.untriedSteps).toBe(core.untried);
    expect(explainText("long.trace", r, e)).toContain(
      `before trying to leave out steps 1–${core.untried} (kept untried). The core was not minimised fully`,
    );
  });

  it("the default budget grows linearly with the trace", () => {
    expect(defaultCoreBudget(20_000) - defaultCoreBudget(10_000)).toBe(defaultCoreBudget(10_000) - defaultCoreBudget(0));
  });

  it("lists long runs of irrelevant steps as ranges, and reports progress when asked", () => {
    const r = replayTrace(parseTrace(longTrace(400), "long.trace"));
    const phases = new Set<string>();
    const e = explainReplay(r, "NoLostAckedCommit", { onProgress: (p) => phases.add(p.phase), progressEveryMs: 0 });
    expect([...phases].sort()).toEqual(["core", "steps"]);
    expect(explainText("long.trace", r, e)).toContain("Steps 1–49, 51–99, 101–149,");
  });
});
