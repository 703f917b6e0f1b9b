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

  it("a counterexample the checker finds through a new family: written, replayed and explained", () => {
    // Without faults the built-in model never has a catalog primary running as a mirror; Demote makes one.
    const demote = inlineVariant({
      name: "demote",
      description: "an administrator may restart the catalog primary as a mirror",
      newActions: [
        {
          name: "Demote",
          description: "the catalog primary restarts as a mirror",
          over: "content",
          guard: (s, { action }) => (s.contents[action.content ?? 0].instances[0].role === "p" ? undefined : "instance 0 runs as p"),
          effect: (d, { action }) => void (d.contents[action.content ?? 0].instances[0].role = "m"),
        },
      ],
      properties: [
        {
          name: "CatalogPrimaryRunsAsPrimary",
          description: "an alive catalog primary runs with role p",
          check: (s) => {
            const k = s.contents.findIndex((c) => c.instances[c.catalog.primary].alive && c.instances[c.catalog.primary].role !== "p");
            return k < 0 ? undefined : `content ${k}'s catalog primary runs as a mirror`;
          },
        },
      ],
    });
    const plain = runCheck({ overrides: { contents: 1, txns: 1, faults: 0 }, options: { liveness: false } });
    expect(plain.result.verdict).toBe("pass");
    const r = runCheck({ overrides: { contents: 1, txns: 1, faults: 0 }, variant: demote, options: { liveness: false } });
    const v = r.result.violations[0];
    expect([v.property, v.length]).toEqual(["CatalogPrimaryRunsAsPrimary", 1]);
    const text = counterexampleTrace(r.name, r.config, v);
    expect(text.split("\n").slice(2)).toEqual(["config contents=1 txns=1 faults=0 variant=inline/demote.mjs", "Demote content=0", "expect violated CatalogPrimaryRunsAsPrimary", ""]);
    const { result } = replayTraceText(text, "demote.trace", { variant: demote });
    expect(result.status).toBe("ok");
    const e = explainReplay(result);
    expect(e.steps[0].clauses).toEqual([{ clause: "proposal demote: its guard holds", holds: true }]);
    expect(e.violation).toMatchObject({ property: "CatalogPrimaryRunsAsPrimary", message: "content 0's catalog primary runs as a mirror", neededSteps: [1] });
  });
});
