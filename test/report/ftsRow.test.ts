// ftsDecision: the one account of a probe step that explain, the HTML report and explore share.
import { describe, expect, it } from "vitest";
import { FTS_ROWS } from "../../model/index.js";
import { ftsDecision } from "../../report/index.js";
import { apply, build, catalog, config } from "../model/builders.js";

describe("ftsDecision", () => {
  const cfg = config({ contents: 1, txns: 1, faults: 1, off: ["promoteRequiresInSync"] });
  const probeTimeout = { type: "FtsProbeTimeout", content: 0 } as const;

  it("is null for an action that is not a probe", () => {
    const s = build(cfg);
    expect(ftsDecision(cfg, s, { type: "ClientCommit", content: 0 }, null)).toBeNull();
  });

  it("row E3 in mode s: the table's words, nothing unsafe", () => {
    const s = build(cfg);
    const d = ftsDecision(cfg, s, probeTimeout, apply(cfg, s, probeTimeout));
    expect(d).toEqual({ row: "E3", meaning: FTS_ROWS.E3, handlerEnablesSyncRep: false, unsafePromotion: false, proposal: null });
  });

  it("row E3 in mode n: says what happened and that only the off safeguard allows it", () => {
    const s = build(cfg, catalog(0, { mode: "n" }));
    const d = ftsDecision(cfg, s, probeTimeout, null);
    expect(d?.row).toBe("E3");
    expect(d?.unsafePromotion).toBe(true);
    expect(d?.meaning).toMatch(/^probe failed and the catalog mode was n \(not in sync\): .*only the off safeguard promoteRequiresInSync allows$/);
  });
});
