// The configuration helpers every what-if shares: parseSafeguard (one message for an unknown
// name, wherever it was typed) and withRules (the same configuration under other rules).
import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, parseSafeguard, resolveConfig, SAFEGUARDS, withRules } from "../../model/index.js";

describe("parseSafeguard", () => {
  it("returns the safeguard a name spells", () => {
    for (const g of SAFEGUARDS) expect(parseSafeguard(g, "--on")).toBe(g);
  });

  it("refuses an unknown name in one line naming the option and the known names", () => {
    expect(() => parseSafeguard("bogus", "--on")).toThrow(ConfigError);
    expect(() => parseSafeguard("bogus", "--on")).toThrow(`unknown safeguard "bogus" for --on; known: ${SAFEGUARDS.join(", ")}`);
    expect(() => parseSafeguard("bogus")).toThrow(`unknown safeguard "bogus"; known: ${SAFEGUARDS.join(", ")}`);
  });
});

describe("withRules", () => {
  const hosts = resolveConfig({ contents: 6, txns: 2, faults: 2, hosts: { count: 3, placement: "spread" }, syncRepReload: "deferred", off: ["inSyncOnlyWhenCaughtUp"] });

  it("switches safeguards on and off and changes the reload, and nothing else", () => {
    const other = withRules(hosts, { on: ["inSyncOnlyWhenCaughtUp"], off: ["promoteRequiresInSync"], syncRepReload: "immediate" });
    expect(describeConfig(other)).toBe("contents=6 txns=2 faults=2 hosts=3 placement=spread off=promoteRequiresInSync");
    expect(other.placement).toBe(hosts.placement);
    // The input is untouched: a what-if never changes the session's own configuration.
    expect(describeConfig(hosts)).toBe("contents=6 txns=2 faults=2 syncRepReload=deferred hosts=3 placement=spread off=inSyncOnlyWhenCaughtUp");
  });

  it("equals resolving the changed input from scratch", () => {
    const other = withRules(hosts, { on: ["inSyncOnlyWhenCaughtUp"] });
    const fresh = resolveConfig({ contents: 6, txns: 2, faults: 2, hosts: { count: 3, placement: "spread" }, syncRepReload: "deferred" });
    expect(other).toEqual(fresh);
  });

  it("keeps the reload when the change does not name one", () => {
    expect(withRules(hosts, { off: ["commitWaitsForMirror"] }).syncRepReload).toBe("deferred");
  });
});
