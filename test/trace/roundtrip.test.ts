// check → write the counterexample (trace file and ITF) → read → replay: the same final
// state and the same violation, for every bug and finding configuration.
import { describe, expect, it } from "vitest";
import { runCheck } from "../../api/index.js";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { formatAction } from "../../model/index.js";
import { counterexampleItf, counterexampleTrace } from "../../report/index.js";
import { fromItf, itfDifference, parseTrace, replayTrace, toItf } from "../../trace/index.js";

const failing = CANONICAL_CONFIGS.filter((c) => c.expected.result === "violation");

describe("counterexample round trip", () => {
  for (const c of failing) {
    it(`${c.name}: trace file and ITF replay to the same violation`, () => {
      const report = runCheck({ config: c.name });
      const v = report.result.violations[0];
      const actions = v.trace.slice(1).map((s) => (s.action === null ? null : s.action.action)).filter((a) => a !== null);
      const finalState = v.trace[v.trace.length - 1].state;
      // A liveness counterexample is a lasso: its expectation names the subject too.
      const violated = v.lasso === undefined ? v.property : `${v.property} ${v.lasso.subject}`;

      const text = counterexampleTrace(c.name, report.config, v);
      expect(text.trimEnd().split("\n").at(-1)).toBe(`expect violated ${violated}`);
      expect(text.includes("\nloop\n")).toBe(v.lasso !== undefined);
      const replayed = replayTrace(parseTrace(text, "cex.trace"));
      expect(replayed.status).toBe("ok");
      expect(replayed.final).toEqual(finalState);
      expect(replayed.lasso?.loopStart ?? null).toBe(v.lasso?.loopStart ?? null);
      expect(replayed.items.filter((i) => i.kind === "step").map((i) => (i.kind === "step" ? formatAction(i.action) : ""))).toEqual(
        actions.map(formatAction),
      );

      const itf = fromItf(JSON.stringify(counterexampleItf(c.name, report.config, v)), "cex.itf.json");
      expect(itf.violated).toBe(violated);
      expect(itf.loop).toBe(v.lasso?.loopStart ?? null);
      const fromJson = replayTrace(itf.trace, { checkState: (k, s) => itfDifference(itf.states[k], s) });
      expect(fromJson.status).toBe("ok");
      expect(fromJson.final).toEqual(finalState);
      // One state check per step and the final `expect violated`; a lasso also checks that its cycle returns.
      expect(fromJson.items.filter((i) => i.kind === "expect")).toHaveLength(v.trace.length + (v.lasso === undefined ? 0 : 1));
    });
  }

  it("an ITF state that differs from the replay is reported with its path", () => {
    const report = runCheck({ config: "bug-commitWaitsForMirror" });
    const v = report.result.violations[0];
    const json = toItf({
      config: report.config,
      states: v.trace.map((s) => s.state),
      actions: v.trace.slice(1).flatMap((s) => (s.action ? [s.action.action] : [])),
      description: "tampered",
    }) as { states: Record<string, unknown>[] };
    json.states[1].nextTxn = { "#bigint": "7" };
    const itf = fromItf(JSON.stringify(json), "t.itf.json");
    const r = replayTrace(itf.trace, { checkState: (k, s) => itfDifference(itf.states[k], s) });
    expect(r.status).toBe("expectation-failed");
    const failed = r.items.find((i) => i.kind === "expect" && !i.ok);
    expect(failed?.kind === "expect" ? failed.actual : "").toBe('nextTxn.#bigint: file has "7", replay has "2"');
  });

  it("malformed ITF files name the problem", () => {
    expect(() => fromItf("{", "a.json")).toThrow(/^a\.json: not JSON/);
    expect(() => fromItf('{"states": []}', "a.json")).toThrow('a.json: #meta needs "mirrorcheck::config"');
    expect(() =>
      fromItf(
        JSON.stringify({
          "#meta": { "mirrorcheck::config": "config contents=1 txns=1 faults=1" },
          states: [{}, { "mbt::actionTaken": "Explode content=0" }],
        }),
        "a.json",
      ),
    ).toThrow('a.json: state 1: mbt::actionTaken: unknown action "Explode"');
  });
});
