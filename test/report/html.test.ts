// The HTML report as a string: every step is there, the cells a step changed (and only those)
// are marked, text is escaped, and nothing points outside the file.
import { describe, expect, it } from "vitest";
import { runCheck } from "../../api/index.js";
import {
  findAction,
  initialState,
  resolveConfig,
  step,
  type Action,
  type Config,
  type State,
} from "../../model/index.js";
import {
  htmlInputFromReplay,
  htmlInputFromViolation,
  htmlReport,
  type HtmlReportInput,
  type HtmlReportStep,
} from "../../report/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";

/** Applies `actions` from the initial state, each of which must be enabled. */
function run(cfg: Config, actions: readonly Action[]): { initial: State; steps: HtmlReportStep[] } {
  const initial = initialState(cfg);
  const steps: HtmlReportStep[] = [];
  let s = initial;
  for (const action of actions) {
    const bound = findAction(cfg, action);
    if (bound === undefined || bound.guard(s) !== undefined) throw new Error(`not enabled: ${action.type}`);
    const after = step(s, bound);
    steps.push({ action, before: s, after });
    s = after;
  }
  return { initial, steps };
}

/** The HTML of one step's card. */
function card(html: string, n: number): string {
  const m = new RegExp(`<section class="step[^"]*" id="step-${n}"`).exec(html);
  expect(m, `step ${n}`).not.toBeNull();
  return html.slice(m!.index, html.indexOf("</section>", m!.index));
}

/** The data-keys of the cells marked changed in a piece of HTML. */
function changedKeys(fragment: string): string[] {
  return [...fragment.matchAll(/<td data-key="([^"]+)" class="([^"]*)"/g)]
    .filter((m) => m[2].split(" ").includes("changed"))
    .map((m) => m[1]);
}

/** The text of the cell with `key` in a piece of HTML. */
function cell(fragment: string, key: string): string {
  const m = new RegExp(`<td data-key="${key}"[^>]*>([^<]*)</td>`).exec(fragment);
  expect(m, key).not.toBeNull();
  return m![1];
}

const ONE = resolveConfig({ contents: 1, txns: 1, faults: 1 });

describe("htmlReport on a hand-made trace", () => {
  // ClientCommit writes txn 1 on dbid 2; WalStream copies it to the mirror dbid 3.
  const { initial, steps } = run(ONE, [
    { type: "ClientCommit", content: 0 },
    { type: "WalStream", content: 0 },
  ]);
  const input: HtmlReportInput = { title: "two steps", config: ONE, initial, steps };
  const html = htmlReport(input);

  it("is one HTML document with a card per state and a diagram row per step", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html.match(/<section class="step[^"]*" id="step-\d+"/g)).toHaveLength(3);
    expect(html.match(/<g class="seq-row( crux)?" data-step="\d+">/g)).toHaveLength(2);
    expect(html).toContain("ClientCommit content=0");
    expect(html).toContain("WalStream content=0");
    expect(html).toContain("commit txn 1");
    expect(html).toContain("WAL txn 1");
    expect(html).toContain("No property violation is reported");
  });

  it("marks exactly the cells each step changed", () => {
    expect(changedKeys(card(html, 0))).toEqual([]);
    expect(changedKeys(card(html, 1)).sort()).toEqual(["d2.wal", "t1.content", "t1.dbid", "t1.status"]);
    expect(changedKeys(card(html, 2))).toEqual(["d3.wal"]);
    expect(cell(card(html, 1), "d2.wal")).toBe("1");
    expect(cell(card(html, 1), "d3.wal")).toBe("-");
    expect(cell(card(html, 2), "d3.wal")).toBe("1");
    expect(card(html, 2)).toContain('title="was -"');
  });

  it("shows the catalog in gp_segment_configuration's terms", () => {
    const first = card(html, 0);
    expect(cell(first, "d2.role")).toBe("p");
    expect(cell(first, "d3.role")).toBe("m");
    expect(cell(first, "d3.preferred")).toBe("m");
    expect(cell(first, "d2.mode")).toBe("s");
    expect(cell(first, "d3.status")).toBe("u");
    expect(cell(first, "c0.walsender")).toBe("STREAMING");
  });

  it("names nothing outside the file", () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\ssrc=/);
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#/);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
    expect(html).not.toContain("<script");
  });
});

describe("htmlReport escaping", () => {
  const { initial, steps } = run(ONE, [{ type: "ClientCommit", content: 0 }]);
  const html = htmlReport({
    title: `<script>alert("t")</script> & 'q'`,
    config: ONE,
    initial,
    steps,
    violation: { property: "P<1>", message: `txn "1" <b>lost</b> & gone`, description: "a < b" },
    expectations: [{ afterStep: 1, text: "expect <x>", ok: false, actual: "y & z" }],
    replayCommand: "mirrorcheck replay 'a b'.trace && echo <ok>",
  });

  it("escapes every piece of text it is given", () => {
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>lost</b>");
    expect(html).not.toContain("<x>");
    expect(html).not.toContain("<ok>");
    expect(html).toContain("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    expect(html).toContain("txn &quot;1&quot; &lt;b&gt;lost&lt;/b&gt; &amp; gone");
    expect(html).toContain("P&lt;1&gt;");
    expect(html).toContain("expect &lt;x&gt;");
    expect(html).toContain("y &amp; z");
    expect(html).toContain("mirrorcheck replay &#39;a b&#39;.trace &amp;&amp; echo &lt;ok&gt;");
  });

  it("shows the violation and the failed expectation", () => {
    expect(html).toContain('<section class="violation" id="violation">');
    expect(html).toContain("Expectations (1 of 1 failed)");
    expect(html).toContain('class="expect-failed"');
    expect(card(html, 1)).toContain("P&lt;1&gt; is violated in this state");
  });
});

describe("htmlReport on counterexamples", () => {
  // Between them these draw crashes, probes with their rows, SYNCREP_OFF, PROMOTE, recovery,
  // rebalance and the walsender reaching STREAMING.
  for (const name of ["bug-markDownBeforeSyncRepOff", "bug-rebalanceRequiresInSync", "bug-syncRepOnBeforeInSync"]) {
    it(`draws every step of ${name}'s counterexample`, () => {
      const report = runCheck({ config: name });
      const v = report.result.violations[0];
      const input = htmlInputFromViolation(name, report.config, v, { replayCommand: "mirrorcheck replay x.trace" });
      const html = htmlReport(input);
      expect(input.title).toBe(`${name}: ${v.property}`);
      expect(input.steps).toHaveLength(v.length);
      expect(html.match(/<g class="seq-row( crux)?" data-step="\d+">/g)).toHaveLength(v.length);
      for (const st of v.trace.slice(1)) expect(html).toContain(st.action === null ? "?" : st.action.action.type);
      expect(html).toContain(`Property violated: ${v.property}`);
      expect(html).toContain("mirrorcheck replay x.trace");
      expect(html).not.toMatch(/https?:\/\//);
    });
  }

  it("draws a crash as a ✕ on the stopped instance's lane and the probe's row", () => {
    const report = runCheck({ config: "bug-markDownBeforeSyncRepOff" });
    const html = htmlReport(htmlInputFromViolation("bug-markDownBeforeSyncRepOff", report.config, report.result.violations[0]));
    // SegmentCrash dbid=4, FtsProbe content=0 (row A), FtsSendSyncRepOff content=0.
    expect(html).toMatch(/<g class="seq-row" data-step="1">.*<g class="crash">/);
    expect(html).toContain("PROBE · A");
    expect(html).toContain("FTS row A");
    expect(html).toContain("SYNCREP_OFF");
  });
});

describe("htmlInputFromReplay", () => {
  it("keeps line numbers and puts each expectation after the step it follows", () => {
    const text = [
      "config contents=1 txns=1 faults=1",
      "expect catalog content=0 primary=2 mode=s",
      "ClientCommit content=0",
      "expect txn=1 waiting",
      "WalStream content=0",
      "CommitAck txn=1",
      "expect txn=1 failed",
    ].join("\n");
    const input = htmlInputFromReplay(replayTrace(parseTrace(text)), { title: "replay", replayCommand: "mirrorcheck replay t.trace" });
    expect(input.steps.map((s) => s.line)).toEqual([3, 5, 6]);
    expect(input.expectations?.map((e) => [e.afterStep, e.ok])).toEqual([
      [0, true],
      [1, true],
      [3, false],
    ]);
    expect(input.violation).toBeNull();
    const html = htmlReport(input);
    expect(html).toContain("trace line 5");
    expect(html).toContain("Expectations (1 of 3 failed)");
    expect(card(html, 3)).toContain("expect txn=1 failed");
  });
});

describe("htmlReport: instance changes, after-step boxes, untouched contents", () => {
  // Content 0 fails over and is recovered; content 1 is never touched.
  const TWO = resolveConfig({ contents: 2, txns: 1, faults: 1 });
  const { initial, steps } = run(TWO, [
    { type: "FtsProbeTimeout", content: 0 },
    { type: "FtsSendPromote", content: 0 },
    { type: "RecoverIncremental", content: 0 },
  ]);
  const html = htmlReport({ title: "failover", config: TWO, initial, steps });
  const row = (n: number): string => {
    const start = html.indexOf(`<g class="seq-row" data-step="${n}">`);
    expect(start).toBeGreaterThanOrEqual(0);
    return html.slice(start, html.indexOf('<g class="seq-row', start + 10) >= 0 ? html.indexOf('<g class="seq-row', start + 10) : html.indexOf('<g class="seq-final"'));
  };
  const changesIn = (n: number, lane: number): string[] =>
    [...row(n).matchAll(new RegExp(`<text class="inst-change" data-lane="${lane}"[^>]*>([^<]*)</text>`, "g"))].map((m) => m[1]);

  it("writes what a step did to an instance in that instance's column", () => {
    // PROMOTE: dbid 4 now runs as p; gprecoverseg: dbid 2 runs as m, its sync rep off.
    expect(changesIn(2, 4)).toEqual(["runs p (was m)"]);
    expect(changesIn(2, 2)).toEqual([]);
    expect(changesIn(3, 2)).toEqual(["runs m (was p)", "syncRep off"]);
    // The probe timeout changes only the catalog: no instance column says anything.
    expect(row(1)).not.toContain("inst-change");
  });

  it("after-step boxes list fields in the catalog table's column order (role, mode, status; runs as, WAL)", () => {
    const final = html.slice(html.indexOf('<g class="seq-final"'));
    // dbid 4 is the catalog primary in mode n, up; dbid 2 the catalog mirror, mode n, down.
    expect(final).toContain(">catalog p n u</text><text");
    expect(final).toContain(">catalog m n d</text><text");
    expect(final).toContain(">runs p · WAL -</text>");
  });

  it("collapses the content no step touches after the initial state", () => {
    expect(card(html, 0)).toContain('data-key="d3.role"');
    for (const n of [1, 2, 3]) {
      expect(card(html, n)).not.toContain('data-key="d3.role"');
      expect(card(html, n)).toContain("content 1: untouched, as in the");
    }
    expect(card(html, 1)).toContain('data-key="d2.role"');
  });

  it("draws no lanes for the content no step touches, and says so under the diagram", () => {
    const heads = [...html.matchAll(/<text class="lane-title"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(heads).toEqual(["client", "FTS / coordinator", "dbid 2", "dbid 4"]);
    expect(html).toContain('<text class="seq-omitted" x="12" y="');
    expect(html).toContain(">content 1 (dbids 3, 5): untouched by every step, its lanes not drawn</text>");
  });

  it("keeps the lanes of a content a step reaches even when its state does not change", () => {
    // A probe of content 1 in D1 changes nothing, but its arrow goes to dbid 3.
    const probed = run(TWO, [{ type: "FtsProbeTimeout", content: 0 }, { type: "FtsProbe", content: 1 }]);
    const page = htmlReport({ title: "probe", config: TWO, initial: probed.initial, steps: probed.steps });
    const heads = [...page.matchAll(/<text class="lane-title"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(heads).toEqual(["client", "FTS / coordinator", "dbid 2", "dbid 4", "dbid 3", "dbid 5"]);
    expect(page).not.toContain('<text class="seq-omitted"');
  });

  it("has no crux and no root-cause box when no property breaks", () => {
    expect(html).not.toContain('class="root-cause"');
    expect(html).not.toMatch(/class="[^"]*\bcrux\b/);
  });
});
