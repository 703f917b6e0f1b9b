// The explorer's session logic without a terminal: one command line in, its text and
// verdict out. The CLI test (explore.test.ts) drives the same through stdin.
import { describe, expect, it } from "vitest";
import { configInput } from "../../api/index.js";
import { ExploreSession, type SessionStart } from "../../cli/explore/session.js";
import { namedConfigLine } from "../../cli/explore/saveText.js";
import { completeLine } from "../../cli/explore/frontend.js";
import { resolveConfig, type Action } from "../../model/index.js";
import { parseTrace, replayTraceText } from "../../trace/index.js";

function start(name: string, actions: Action[] = [], at = actions.length, off: string[] = []): SessionStart {
  const cfg = resolveConfig(configInput(name, { off: off as never }));
  return { name, cfg, actions, at };
}

function session(name: string, actions: Action[] = [], at = actions.length): { s: ExploreSession; saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return { s: new ExploreSession(start(name, actions, at), (p, t) => saved.set(p, t)), saved };
}

function ok(s: ExploreSession, line: string): string {
  const r = s.execute(line);
  expect(r.ok, `${line}: ${r.output}`).toBe(true);
  return r.output;
}

function rejected(s: ExploreSession, line: string): string {
  const r = s.execute(line);
  expect(r.ok, `${line} was accepted: ${r.output}`).toBe(false);
  expect(r.output).toMatch(/^error: [^\n]+$/);
  return r.output;
}

const CEX: Action[] = [
  { type: "FtsProbeTimeout", content: 0 },
  { type: "FtsSendPromote", content: 0 },
  { type: "ClientCommit", content: 0 },
  { type: "CommitAck", txn: 1 },
  { type: "FtsProbeTimeout", content: 0 },
];

describe("explore session", () => {
  it("takes actions by number and by trace text, and refuses a disabled one naming the clause and the alternatives", () => {
    const { s } = session("bug-promoteRequiresInSync");
    expect(ok(s, "actions")).toMatch(/^ 5 {2}FtsProbeTimeout content=0 {2}\[FTS row E3: /m);
    expect(ok(s, "5")).toMatch(/^step 1: FtsProbeTimeout content=0/);
    expect(ok(s, "FtsSendPromote content=0")).toContain("dbid 4 role: m → p");
    const e = rejected(s, "take FtsSendPromote content=0");
    expect(e).toContain("FtsSendPromote content=0 is not enabled: FTS owes the content no PROMOTE");
    expect(e).toContain("enabled: 1 ClientCommit content=0");
    expect(s.position).toBe(2);
    expect(rejected(s, "take 99")).toContain("the enabled actions are numbered 1..");
    expect(rejected(s, "FtsProbe content=7")).toContain("FtsProbe is one of: FtsProbe content=0, FtsProbe content=1");
    expect(rejected(s, "frobnicate")).toBe('error: unknown command "frobnicate" (type help)');
  });

  it("why lists every guard clause with whether it holds, for enabled and disabled actions", () => {
    const { s } = session("bug-promoteRequiresInSync");
    expect(ok(s, "why FtsSendPromote content=0")).toBe(
      ["FtsSendPromote content=0 is NOT enabled:", "  ✗ FTS owes content 0 a PROMOTE", "  first unmet clause: FTS owes the content no PROMOTE"].join("\n"),
    );
    const w = ok(s, "why 3");
    expect(w).toMatch(/^FtsProbe content=0 is enabled:\n {2}✓ content 0 has a mirror\n {2}✓ FTS owes content 0 no message\n {2}FTS row D1: /);
  });

  it("back keeps the steps ahead for goto; a different step drops them, the same step keeps them", () => {
    const { s } = session("bug-promoteRequiresInSync", CEX, 5);
    ok(s, "back 2");
    expect(s.position).toBe(3);
    expect(ok(s, "path")).toMatch(/^ {3}5 {5}FtsProbeTimeout content=0 {2}ahead$/m);
    ok(s, "goto 5");
    expect(s.position).toBe(5);
    ok(s, "goto 3");
    ok(s, "CommitAck txn=1"); // the same step as the path's next: the rest stays ahead
    expect(ok(s, "goto 5")).toBe("at step 5 (FtsProbeTimeout content=0)");
    ok(s, "goto 3");
    ok(s, "SegmentCrash dbid=2");
    expect(rejected(s, "goto 5")).toBe("error: no step 5: the path has steps 0..4");
    expect(rejected(s, "back 9")).toBe("error: cannot go back 9 steps: you stand after step 4");
  });

  it("find gives the shortest path from here (the BFS of check from the initial state), and follow takes it", () => {
    const { s } = session("bug-promoteRequiresInSync");
    const f = ok(s, "find NoLostAckedCommit");
    // check's counterexample has 5 actions: find from the initial state is the same search.
    expect(f).toMatch(/^5 steps from here to a state violating NoLostAckedCommit \(\d[\d,]* states searched\):/);
    const taken = ok(s, "follow");
    expect(taken).toContain("now VIOLATED: NoLostAckedCommit: content 0: txn 1 was acked but is missing");
    expect(s.position).toBe(5);
    expect(ok(s, "find NoLostAckedCommit")).toMatch(/^this state already is a state violating NoLostAckedCommit: /);
    expect(rejected(s, "follow")).toContain("nothing to follow");
    expect(rejected(s, "find Nope")).toContain('unknown property "Nope"; find takes one of: NoLostAckedCommit,');
  });

  it("find says when no path exists, with the states searched; a witness's path condition is honoured", () => {
    const { s } = session("tiny");
    // tiny passes, with 913 reachable states (cli.test.ts): the search covers them all.
    expect(ok(s, "find NoLostAckedCommit")).toBe("no path from here reaches a state violating NoLostAckedCommit (913 states searched)");
    // BackToPreferredRoles needs MirrorPromoted earlier on the path: check reaches it at depth 12.
    expect(ok(s, "find BackToPreferredRoles")).toMatch(/^12 steps from here to a state where witness BackToPreferredRoles holds/);
  });

  it("check gives every safety property's and witness's verdict here", () => {
    const { s } = session("bug-promoteRequiresInSync", CEX);
    const c = ok(s, "check");
    expect(c).toMatch(/^NoLostAckedCommit +VIOLATED +content 0: txn 1 was acked/m);
    expect(c).toMatch(/^OnePrimaryPerContent +holds$/m);
    expect(c).toMatch(/^AckedAfterFailover \(witness\) +reached here$/m);
    expect(c).toMatch(/^MirrorPromoted \(witness\) +not here$/m);
  });

  it("what-if names the first step no longer enabled, or the verdicts that change; --switch keeps the rules", () => {
    const reload: Action[] = [
      { type: "SegmentCrash", dbid: 3 }, // contents=1: the mirror is dbid 3
      { type: "FtsProbe", content: 0 },
      { type: "FtsSendSyncRepOff", content: 0 },
      { type: "ConfigReload", dbid: 2 },
    ];
    const { s } = session("deferred-reload", reload);
    expect(ok(s, "what-if --sync-rep-reload immediate")).toContain("step 4 (ConfigReload dbid=2) is no longer enabled: ");
    const { s: bug } = session("bug-promoteRequiresInSync", CEX);
    const w = ok(bug, "what-if --on promoteRequiresInSync");
    expect(w).toContain("every step still applies.");
    expect(w).toContain("NoLostAckedCommit now holds (it was violated: ");
    expect(bug.config.safeguards.promoteRequiresInSync).toBe(false); // not switched
    ok(bug, "what-if --on promoteRequiresInSync --switch");
    expect(bug.config.safeguards.promoteRequiresInSync).toBe(true);
    expect(ok(bug, "check")).toMatch(/^NoLostAckedCommit +holds$/m);
    expect(rejected(bug, "what-if")).toContain("what-if needs a change");
    expect(rejected(bug, "what-if --off nope")).toContain('unknown safeguard "nope" for --off');
  });

  it("save writes a trace that replays to the same state, expecting the violations of the final state", () => {
    const { s, saved } = session("bug-promoteRequiresInSync", CEX);
    expect(ok(s, "save cex.trace")).toContain("saved 5 steps to cex.trace");
    const text = saved.get("cex.trace") ?? "";
    expect(text).toContain("\nconfig name=bug-promoteRequiresInSync\n");
    expect(text).toMatch(/\nexpect violated NoLostAckedCommit\n$/);
    const r = replayTraceText(text).result;
    expect(r.status).toBe("ok");
    expect(r.final).toEqual(s.state);
  });

  it("the saved config line names the configuration and reproduces it exactly", () => {
    const cases: [string, Parameters<typeof configInput>[1]][] = [
      ["default", {}],
      ["hosts-spread-6", { hosts: 3 }],
      ["hosts-spread-6", { faults: 1, off: ["commitWaitsForMirror"] }],
      ["bug-promoteRequiresInSync", { syncRepReload: "deferred" }],
      ["as-implemented", { contents: 1 }],
    ];
    for (const [name, o] of cases) {
      const cfg = resolveConfig(configInput(name, o));
      const line = namedConfigLine(name, cfg);
      expect(line.startsWith(`config name=${name}`), line).toBe(true);
      expect(resolveConfig(parseTrace(line + "\n").config)).toEqual(cfg);
    }
    // A safeguard the named configuration has off, switched on: only the full line says it.
    const on = { ...resolveConfig(configInput("bug-promoteRequiresInSync", {})) };
    const cfg = { ...on, safeguards: { ...on.safeguards, promoteRequiresInSync: true } };
    const line = namedConfigLine("bug-promoteRequiresInSync", cfg);
    expect(line).toBe("config contents=2 txns=2 faults=2");
    expect(resolveConfig(parseTrace(line + "\n").config)).toEqual(cfg);
  });

  it("refuses an --at outside the path", () => {
    expect(() => new ExploreSession(start("bug-promoteRequiresInSync", CEX, 6), () => undefined)).toThrow("--at 6 is out of range: the trace has steps 0..5");
  });
});

describe("explore completion", () => {
  it("completes command names and action texts, after take and why too, enabled actions first", () => {
    const { s } = session("bug-promoteRequiresInSync", CEX.slice(0, 1));
    expect(completeLine(s, "fol")).toEqual([["follow"], "fol"]);
    const [hits] = completeLine(s, "take FtsSend");
    // FtsSendPromote content=0 is enabled after the timeout; content=1's is not, and comes after it.
    expect(hits).toEqual(["take FtsSendPromote content=0", "take FtsSendSyncRepOff content=0", "take FtsSendSyncRepOff content=1", "take FtsSendPromote content=1"]);
    expect(completeLine(s, "why FtsRe")[0]).toEqual(["why FtsRestart"]);
  });
});
