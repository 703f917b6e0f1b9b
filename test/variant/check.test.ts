// Checking, tracing and explaining under a proposal through the library API (docs/variants.md).
// The fixtures under test/fixtures/variants import "mirrorcheck": dist/ must be built.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCheck } from "../../api/index.js";
import { loadVariant, type VariantRef } from "../../model/index.js";
import { checkText, checkJson, counterexampleItf, counterexampleTrace, explainReplay, explainText } from "../../report/index.js";
import { parseTrace, replayTraceText, traceVariantPath } from "../../trace/index.js";
import { inlineVariant } from "./helpers.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/variants/", import.meta.url));
const fixture = (name: string): Promise<VariantRef> => loadVariant(FIXTURES + name);

describe("check under a proposal", () => {
  it("a proposal whose rules call the built-in ones gives exactly the default figures", () => {
    const same = inlineVariant({
      name: "same",
      description: "the built-in rules",
      rules: {
        FtsProbe: { guard: (s, c) => c.builtin(s), effect: (d, c) => c.builtin(d) },
        RecoverIncremental: { guard: (s, c) => c.builtin(s), effect: (d, c) => c.builtin(d) },
      },
    });
    const r = runCheck({ variant: same, options: { liveness: false } });
    expect([r.result.distinctStates, r.result.generatedStates, r.result.depth, r.result.verdict]).toEqual([126_308, 738_115, 28, "pass"]);
    // Not compared with default's expected outcome, and the report says why.
    expect(r.expectation).toBeNull();
    expect(r.notCompared).toBe('Not compared with the expected outcome of "default": proposal same (inline/same.mjs) changes the rules.');
    const text = checkText(r);
    expect(text.split("\n")[0]).toBe("mirrorcheck check default, variant same (inline/same.mjs): contents=2 txns=2 faults=2 (BFS)");
    expect(text).not.toContain("As expected");
    expect(checkJson(r).config.variant).toEqual({ name: "same", file: "inline/same.mjs" });
  });

  it("FtsProbe plus one clause (no probe while the link is down) removes states, and FtsProbe transitions", async () => {
    const v = await fixture("probe-plus-clause.mjs");
    const plain = runCheck({ config: "tiny", options: { liveness: false } }).result;
    const r = runCheck({ config: "tiny", variant: v, options: { liveness: false } }).result;
    expect(r.verdict).toBe("pass");
    expect(r.distinctStates).toBeLessThan(plain.distinctStates);
    expect(r.actions.FtsProbe).toBeLessThan(plain.actions.FtsProbe);
    // Pinned: default with the extra clause.
    const d = runCheck({ variant: v, options: { liveness: false } }).result;
    expect([d.distinctStates, d.generatedStates, d.depth]).toEqual([115_854, 655_233, 28]);
  });

  it("a new family is counted, and a proposal's property is checked with a counterexample that replays", async () => {
    const v = await fixture("new-family.mjs");
    const r = runCheck({ variant: v, options: { liveness: false, all: true } });
    expect(r.result.actions.FtsResendPromote).toBeGreaterThan(0);
    const cex = r.result.violations.find((x) => x.property === "PrimaryStaysPreferred");
    expect(cex?.message).toBe("content 0's catalog primary is its preferred mirror");
    expect(r.result.witnesses.find((w) => w.name === "SomeTxnAcked")?.reached).toBe(true);
    expect(checkText(r)).toContain("Counterexample to PrimaryStaysPreferred (the catalog primary of every content is its preferred primary (proposal resendPromote))");
    const text = counterexampleTrace(r.name, r.config, cex!, { variantPath: "x/new-family.mjs" });
    expect(text).toContain("config contents=2 txns=2 faults=2 variant=x/new-family.mjs\n");
    expect(traceVariantPath(text)).toBe("x/new-family.mjs");
    const replayed = replayTraceText(text, "cex.trace", { variant: v });
    expect(replayed.result.status).toBe("ok");
    // ITF: the proposal's name in the metadata, and the same replay.
    const itf = JSON.stringify(counterexampleItf(r.name, r.config, cex!, { variantPath: "new-family.mjs" }));
    expect(JSON.parse(itf)["#meta"]["mirrorcheck::variant"]).toBe("resendPromote");
    expect(traceVariantPath(itf)).toBe("new-family.mjs");
    expect(replayTraceText(itf, "cex.itf.json", { variant: v }).result.status).toBe("ok");
  });

  it("a trace that names a proposal needs it loaded", () => {
    expect(() => parseTrace("config name=tiny variant=p.mjs\n", "t.trace")).toThrow(
      "t.trace:1: the trace runs under proposal variant=p.mjs: load it with loadVariant and pass it (mirrorcheck replay does)",
    );
  });

  it("a new family's step replays and is explained: the proposal's guard as its clause", async () => {
    const v = await fixture("new-family.mjs");
    const text = [
      "config name=default variant=new-family.mjs",
      "FtsProbeTimeout content=0",
      "FtsRestart",
      "expect enabled FtsResendPromote content=0",
      "FtsResendPromote content=0",
      "FtsSendPromote content=0",
      "expect violated PrimaryStaysPreferred",
    ].join("\n");
    const { result } = replayTraceText(text, "resend.trace", { variant: v });
    expect(result.status).toBe("ok");
    const e = explainReplay(result, "PrimaryStaysPreferred");
    const resend = e.steps.find((s) => s.action === "FtsResendPromote content=0");
    expect(resend?.clauses).toEqual([{ clause: "proposal resendPromote: its guard holds", holds: true }]);
    expect(e.violation?.property).toBe("PrimaryStaysPreferred");
    expect(e.violation?.neededSteps).toEqual([1]);
    expect(explainText("resend.trace", result, e).split("\n")[0]).toBe("mirrorcheck explain resend.trace (variant resendPromote, " + FIXTURES + "new-family.mjs)");
  });
});
