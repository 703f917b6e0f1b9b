// What-ifs at the library level: how overrides change a trace's configuration, and the
// alternatives a stopped replay names.
import { describe, expect, it } from "vitest";
import { ConfigError, enabledActions, formatAction, initialState, resolveConfig } from "../../model/index.js";
import { applyOverrides, parseTrace, replayTrace } from "../../trace/index.js";

const trace = parseTrace("config name=as-implemented\nFtsProbe content=0\n", "t.trace");

describe("applyOverrides", () => {
  it("--on removes a safeguard from the config's off list, --off adds one, --sync-rep-reload replaces the mode", () => {
    expect(trace.config.off).toEqual(["inSyncOnlyWhenCaughtUp"]);
    expect(trace.config.syncRepReload).toBe("deferred");
    const { trace: t, applied } = applyOverrides(trace, {
      on: ["inSyncOnlyWhenCaughtUp"],
      off: ["promoteRequiresInSync"],
      syncRepReload: "immediate",
    });
    expect(t.config.off).toEqual(["promoteRequiresInSync"]);
    expect(t.config.syncRepReload).toBe("immediate");
    expect(t.config.contents).toBe(trace.config.contents);
    expect(applied).toEqual([
      { option: "--on", value: "inSyncOnlyWhenCaughtUp", was: "off", unchanged: false },
      { option: "--off", value: "promoteRequiresInSync", was: "on", unchanged: false },
      { option: "--sync-rep-reload", value: "immediate", was: "deferred", unchanged: false },
    ]);
  });

  it("an override the trace already has is accepted and marked unchanged", () => {
    const { trace: t, applied } = applyOverrides(trace, { on: ["commitWaitsForMirror"], off: ["inSyncOnlyWhenCaughtUp"], syncRepReload: "deferred" });
    expect(t.config.off).toEqual(["inSyncOnlyWhenCaughtUp"]);
    expect(applied.map((a) => a.unchanged)).toEqual([true, true, true]);
  });

  it("an unknown safeguard, an unknown reload mode, or one safeguard both on and off is a ConfigError", () => {
    expect(() => applyOverrides(trace, { off: ["nope"] })).toThrow(ConfigError);
    expect(() => applyOverrides(trace, { syncRepReload: "later" })).toThrow(/--sync-rep-reload must be one of immediate, deferred/);
    expect(() => applyOverrides(trace, { on: ["resendLostPromote"], off: ["resendLostPromote"] })).toThrow(/both --on and --off/);
  });
});

describe("a step that is not enabled", () => {
  it("names its unmet clause and every action enabled there, in the model's order", () => {
    const t = parseTrace("config contents=2 txns=1 faults=1\nCommitAck txn=1\n", "t.trace");
    const r = replayTrace(t);
    expect(r.status).toBe("not-enabled");
    const cfg = resolveConfig(t.config);
    const enabled = enabledActions(cfg, initialState(cfg)).map((b) => formatAction(b.action));
    expect(enabled).toHaveLength(12);
    expect(r.error?.message).toBe(`CommitAck txn=1 is not enabled: the txn is not waiting. Enabled here: ${enabled.join(", ")}.`);
    expect(r.error?.message).toContain("Enabled here: ClientCommit content=0, ClientCommit content=1, FtsProbe content=0, ");
  });
});
