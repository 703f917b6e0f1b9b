// `mirrorcheck list` fits 100 columns, and `list --json` carries all of it as data.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { ACTION_TYPES, SAFEGUARDS } from "../../model/index.js";
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES, WITNESSES } from "../../properties/index.js";
import { renderWrappedTable, wrapWords } from "../../report/index.js";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("mirrorcheck list", () => {
  it("every line is at most 100 characters, and every description is there in full (wrapped)", () => {
    const r = mirrorcheck("list");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    // Joined back at the wraps, the text holds each description whole.
    const flat = r.stdout.replace(/\n +/g, " ");
    for (const d of [...CANONICAL_CONFIGS, ...SAFETY_PROPERTIES, ...LIVENESS_PROPERTIES, ...WITNESSES].map((x) => x.description)) {
      expect(flat).toContain(d);
    }
    expect(flat).toContain("expected: violation: NoLostAckedCommit 8; OnePrimaryPerContent 7; InSyncMirrorHasAllAcked 7; InSyncImpliesSyncRep 5 (with --all: 291,698 states, depth 26)");
  });

  it("--json has every configuration with its parameters and expected figures, and the properties, witnesses, actions and safeguards", () => {
    const r = mirrorcheck("list", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.configurations).toHaveLength(CANONICAL_CONFIGS.length);
    const asImplemented = j.configurations.find((c: { name: string }) => c.name === "as-implemented");
    expect(asImplemented).toMatchObject({
      parameters: { contents: 2, txns: 2, faults: 2, syncRepReload: "deferred", off: ["inSyncOnlyWhenCaughtUp"] },
      parametersText: "contents=2 txns=2 faults=2 syncRepReload=deferred off=inSyncOnlyWhenCaughtUp",
      expected: { result: "violation", distinctStates: 291698, depth: 26, violations: { NoLostAckedCommit: 8 } },
    });
    expect(j.safetyProperties.map((p: { name: string }) => p.name)).toEqual(SAFETY_PROPERTIES.map((p) => p.name));
    expect(j.livenessProperties.map((p: { subject: string }) => p.subject)).toEqual(LIVENESS_PROPERTIES.map((p) => p.subject));
    expect(j.witnesses.map((w: { name: string }) => w.name)).toEqual(WITNESSES.map((w) => w.name));
    expect(j.actions).toHaveLength(ACTION_TYPES.length);
    expect(j.actions.find((a: { name: string }) => a.name === "SegmentCrash")).toMatchObject({ fault: true, argument: "dbid" });
    expect(j.actions.find((a: { name: string }) => a.name === "FtsRestart")).toMatchObject({ argument: null });
    expect(j.safeguards.map((g: { name: string }) => g.name)).toEqual([...SAFEGUARDS]);
  });
});

describe("renderWrappedTable", () => {
  it("wraps the last column at spaces under its own indent, and starts each paragraph on a new line", () => {
    const t = renderWrappedTable(["a", "text"], [["x", "one two three four\nfive"]], 14);
    // Columns: "x" padded to 1, two spaces: the text starts at 3 with room for max(20, 11) = 20.
    expect(t).toBe(["a  text", "-  ------------------", "x  one two three four", "   five"].join("\n"));
    expect(wrapWords("aa bb cc dd", 5)).toEqual(["aa bb", "cc dd"]);
    expect(wrapWords("averylongword x", 4)).toEqual(["averylongword", "x"]);
  });
});
