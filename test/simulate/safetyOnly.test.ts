/** simulate checks safety only, says so, and compares a liveness-only bug variant as a safety pass. */
import { describe, expect, it } from "vitest";
import { runSimulate } from "../../api/index.js";
import { simulateJson, simulateText } from "../../report/index.js";

describe("simulate checks safety only", () => {
  const report = runSimulate({ config: "bug-resendLostPromote", options: { seed: 3, runs: 200 } });

  it("a liveness-only bug variant is as expected when no safety property breaks", () => {
    expect(report.result.violation).toBeNull();
    expect(report.expectation).toEqual({ matches: true, differences: [] });
  });

  it("the text says so under the headline, the JSON has no liveness verdict", () => {
    const lines = simulateText(report).split("\n");
    expect(lines[2]).toMatch(/^Safety only: .*liveness needs the whole graph \(mirrorcheck check\)/);
    const json = simulateJson(report);
    expect(json.liveness?.checked).toBe(false);
    expect(json.liveness?.notCheckedReason).toMatch(/safety only/);
    expect(Object.values(json.liveness?.properties ?? {}).map((p) => p.verdict)).toEqual([
      "not-checked",
      "not-checked",
      "not-checked",
      "not-checked",
    ]);
  });
});
