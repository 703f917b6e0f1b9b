// The root cause of a safety counterexample: the first step a property breaks, and the rules
// of the configuration (a safeguard off, the deferred reload) that allowed the path up to it.
import { describe, expect, it } from "vitest";
import { runCheck } from "../../api/index.js";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { SAFEGUARDS, findAction, initialState, resolveConfig, step, type Action, type State } from "../../model/index.js";
import { checkJson, checkText, replayJson, replayText, rootCause, rootCauseOfReplay, rootCauseOfTrace, rootCauseText } from "../../report/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";
import { AS_IMPLEMENTED_NO_LOST_ACKED } from "./rootCauseFixtures.js";

function replay(text: string) {
  return replayTrace(parseTrace(text, "t.trace"));
}

describe("root cause", () => {
  it("as-implemented's lost acked commit: first broke at step 7, allowed by inSyncOnlyWhenCaughtUp off and the deferred reload", () => {
    const r = replay(AS_IMPLEMENTED_NO_LOST_ACKED);
    expect(r.status).toBe("ok");
    const rc = rootCauseOfReplay(r);
    expect(rc).not.toBeNull();
    if (rc === null) return;
    expect(rc.step).toBe(7);
    expect(rc.action).toBe("FtsProbe content=0");
    expect(rc.properties).toEqual(["InSyncMirrorHasAllAcked", "InSyncImpliesSyncRep"]);
    expect(rc.rules.map((x) => `${x.kind}:${x.name}:${x.steps.map((s) => s.step).join(",")}`)).toEqual([
      "safeguard:inSyncOnlyWhenCaughtUp:7",
      "syncRepReload:deferred:7",
    ]);
    // With the safeguard on, the probe reads row D2 and leaves the catalog at mode n.
    expect(rc.rules[0].steps[0]).toMatchObject({ effect: "different-state", detail: "content 0 catalog mode would be n instead of s" });
    expect(rootCauseText(rc)).toBe(
      "The protocol first broke at step 7 (FtsProbe content=0): InSyncMirrorHasAllAcked, InSyncImpliesSyncRep. " +
        "Allowed by: safeguard inSyncOnlyWhenCaughtUp off (step 7), syncRepReload=deferred (step 7: sync rep on but not yet in force on dbid 4).",
    );
  });

  it("names the unmet clause when a step is not enabled with the safeguard on", () => {
    const r = replay(
      ["config contents=2 txns=2 faults=2 off=commitWaitsForMirror", "ClientCommit content=0", "CommitAck txn=1"].join("\n"),
    );
    const rc = rootCauseOfReplay(r);
    expect(rc?.step).toBe(2);
    expect(rc?.rules).toHaveLength(1);
    expect(rc?.rules[0].steps[0]).toMatchObject({ step: 2, action: "CommitAck txn=1", effect: "not-enabled" });
    expect(rc?.rules[0].steps[0].detail).toMatch(/^not enabled: /);
  });

  it("a step that relied on a setting not yet in force makes the deferred reload responsible", () => {
    // dbid 2 runs with sync rep on but not yet in force, in mode n: its commit is acked without the mirror,
    // and FTS (promoteRequiresInSync off) promotes that mirror.
    const cfg = resolveConfig({ contents: 1, txns: 1, faults: 1, syncRepReload: "deferred", off: ["promoteRequiresInSync"] });
    const s0 = initialState(cfg);
    const c0 = s0.contents[0];
    const start = {
      ...s0,
      contents: [
        {
          ...c0,
          catalog: { ...c0.catalog, mode: "n" as const },
          instances: [{ ...c0.instances[0], syncRep: true, syncRepEffective: false }, c0.instances[1]] as const,
        },
      ],
    };
    const actions: Action[] = [
      { type: "ClientCommit", content: 0 },
      { type: "CommitAck", txn: 1 },
      { type: "FtsProbeTimeout", content: 0 },
    ];
    const states: State[] = [start];
    for (const a of actions) {
      const b = findAction(cfg, a);
      expect(b?.guard(states[states.length - 1])).toBeUndefined();
      if (b !== undefined) states.push(step(states[states.length - 1], b));
    }
    const rc = rootCause(cfg, actions, states);
    expect(rc === null ? "" : rootCauseText(rc)).toBe(
      "The protocol first broke at step 3 (FtsProbeTimeout content=0): NoLostAckedCommit. " +
        "Allowed by: safeguard promoteRequiresInSync off (step 3), syncRepReload=deferred (step 2: sync rep on but not yet in force on dbid 2).",
    );
    // With the setting in force, the ack waits for the mirror: not enabled.
    expect(rc?.rules[1].steps).toHaveLength(1);
  });

  it("a path that breaks nothing has no root cause", () => {
    const r = replay(["config contents=1 txns=1 faults=1", "ClientCommit content=0", "WalStream content=0", "CommitAck txn=1"].join("\n"));
    expect(r.status).toBe("ok");
    expect(rootCauseOfReplay(r)).toBeNull();
  });

  // Every configuration whose first counterexample is a safety one names the rule that makes it differ from the correct protocol.
  const failing = CANONICAL_CONFIGS.filter((c) => c.expected.result === "violation");
  for (const c of failing) {
    it(`${c.name}: the first counterexample's root cause names the configuration's own rules`, () => {
      const report = runCheck({ config: c.name, options: { liveness: false, workers: 1 } });
      const v = report.result.violations.find((x) => x.kind === "invariant");
      const off = SAFEGUARDS.filter((g) => !report.config.safeguards[g]);
      if (v === undefined) {
        // Liveness-only variants (resendLostPromote, incrementalRecoveryRewinds) have no safety path.
        expect(off.every((g) => g === "resendLostPromote" || g === "incrementalRecoveryRewinds")).toBe(true);
        return;
      }
      const rc = rootCauseOfTrace(report.config, v.trace);
      expect(rc).not.toBeNull();
      if (rc === null) return;
      // The crux is at or before the reported violation, and breaks a property there.
      expect(rc.step).toBeLessThanOrEqual(v.length);
      expect(rc.properties.length).toBeGreaterThan(0);
      const named = rc.rules.map((x) => (x.kind === "safeguard" ? x.name : `syncRepReload=${x.name}`));
      const expected = [...off, ...(report.config.syncRepReload === "deferred" ? ["syncRepReload=deferred"] : [])];
      expect(named).toEqual(expected);
      for (const rule of rc.rules) for (const s of rule.steps) expect(s.step).toBeLessThanOrEqual(rc.step);
    });
  }
});

describe("root cause in the reports", () => {
  it("check text and JSON give each safety counterexample its root cause", () => {
    const report = runCheck({ config: "bug-commitWaitsForMirror", options: { liveness: false, workers: 1 } });
    const text = checkText(report);
    expect(text).toContain(
      "Root cause: The protocol first broke at step 2 (CommitAck txn=1): InSyncMirrorHasAllAcked. Allowed by: safeguard commitWaitsForMirror off (step 2).",
    );
    const json = checkJson(report);
    expect(json.violations[0].rootCause).toMatchObject({
      step: 2,
      action: "CommitAck txn=1",
      properties: ["InSyncMirrorHasAllAcked"],
      rules: [{ kind: "safeguard", name: "commitWaitsForMirror", steps: [{ step: 2, effect: "not-enabled" }] }],
    });
  });

  it("replay text and JSON give the root cause when the path breaks a property, and nothing otherwise", () => {
    const r = replay(AS_IMPLEMENTED_NO_LOST_ACKED);
    const lines = replayText("t.trace", r).split("\n");
    // Before the verdict, which stays the last line.
    expect(lines.at(-1)).toBe("OK  8 actions replayed, 1 expectations held");
    expect(lines.at(-3)).toBe(
      "Root cause: The protocol first broke at step 7 (FtsProbe content=0): InSyncMirrorHasAllAcked, InSyncImpliesSyncRep. " +
        "Allowed by: safeguard inSyncOnlyWhenCaughtUp off (step 7), syncRepReload=deferred (step 7: sync rep on but not yet in force on dbid 4).",
    );
    const j = replayJson("t.trace", "as-implemented", r);
    expect(j.rootCause?.step).toBe(7);
    expect(j.rootCause?.text).toMatch(/^The protocol first broke at step 7/);
    const ok = replay("config contents=1 txns=1 faults=0\nClientCommit content=0\n");
    expect(replayText("t.trace", ok)).not.toContain("Root cause");
    expect(replayJson("t.trace", "custom", ok).rootCause).toBeNull();
  });
});
