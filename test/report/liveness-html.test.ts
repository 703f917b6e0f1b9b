// The HTML report of a lasso: the cycle is a shaded band on the sequence diagram with an
// arrow back to the loop state's row, its steps are tagged in the catalog cards, and the
// fairness account is a table. Plain string assertions; with Chromium installed, one
// screenshot for people in test-output/.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { htmlInputFromReplay, htmlInputFromViolation, htmlReport } from "../../report/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";
import { NO_REWIND, replayedLasso } from "./lassoFixtures.js";

function lassoHtml(text: string): string {
  const { replay: r, violation: v } = replayedLasso(text, "nr.trace");
  return htmlReport(htmlInputFromViolation("bug-incrementalRecoveryRewinds", r.config, v, { replayCommand: "mirrorcheck replay nr.trace" }));
}

/** The HTML of one step's card. */
function card(html: string, n: number): string {
  const m = new RegExp(`<section class="step[^"]*" id="step-${n}"`).exec(html);
  expect(m, `step ${n}`).not.toBeNull();
  return html.slice(m!.index, html.indexOf("</section>", m!.index));
}

describe("HTML report of a lasso", () => {
  const html = lassoHtml(NO_REWIND);

  it("says which liveness property and subject, why it stays false, and where the cycle is", () => {
    expect(html).toContain('<section class="violation lasso" id="violation">');
    expect(html).toContain("✖ Liveness property violated: MirrorsResync content=0");
    expect(html).toContain("content 0 never returns to mode s");
    expect(html).toContain("From the state after step 4, steps 5–7 lead back to that same state and repeat for ever");
    expect(html).not.toContain("Property violated: MirrorsResync"); // not the safety box
  });

  it("draws the cycle on the diagram: a band over rows 5–7 and an arrow back to row 5", () => {
    expect(html).toContain('<g class="cycle" data-loop-start="4">');
    expect(html).toContain("↺ cycle (repeats forever)");
    const rows = [...html.matchAll(/<g class="seq-row( in-cycle)?" data-step="(\d+)">/g)].map((m) => [Number(m[2]), m[1] !== undefined]);
    expect(rows).toEqual([[1, false], [2, false], [3, false], [4, false], [5, true], [6, true], [7, true]]);
    // The band spans exactly the cycle's rows (HEAD_H 56, ROW_H 58): from row 5's top to row 7's bottom.
    const band = /<rect class="cycle-band" x="1" y="(\d+)" width="\d+" height="(\d+)"/.exec(html);
    expect(band?.slice(1).map(Number)).toEqual([56 + 4 * 58, 3 * 58]);
    // The arrow ends (marker) at the top part of row 5, the loop state's row, and starts at row 7's bottom.
    const path = /<path class="loop-back" d="M (\d+) (\d+) H (\d+) V (\d+) H (\d+)" marker-end="url\(#ah-loop\)"\/>/.exec(html);
    expect(path).not.toBeNull();
    const [, yFrom, , yTo] = path!.slice(1).map(Number);
    expect(yFrom).toBeGreaterThan(56 + 6 * 58);
    expect(yFrom).toBeLessThanOrEqual(56 + 7 * 58);
    expect(yTo).toBeGreaterThanOrEqual(56 + 4 * 58);
    expect(yTo).toBeLessThan(56 + 5 * 58);
    expect(html).toContain('<marker id="ah-loop"');
    expect(html).toContain("↺ steps 5–7 repeat forever: MirrorsResync content=0 violated");
  });

  it("tags the cycle's cards, marks the loop state and the return", () => {
    expect(card(html, 3)).not.toContain('class="tag cycle"');
    expect(card(html, 4)).toContain("↺ The loop state: the cycle starts here.");
    for (const n of [5, 6, 7]) expect(card(html, n)).toContain('<span class="tag cycle">cycle</span>');
    expect(card(html, 7)).toContain("↺ Back in the loop state (after step 4): the cycle repeats for ever.");
    expect(card(html, 7)).not.toContain("v-note");
  });

  it("shows the fairness account as a table, one row per fair instance, linked to its step or state", () => {
    const section = html.slice(html.indexOf('<section class="fairness" id="fairness">'));
    expect(section).toContain("<h2>Fairness of the cycle</h2>");
    expect(section).toContain("The cycle is fair: of 30 weakly fair action instances, 3 are taken in the cycle");
    expect([...section.matchAll(/<tr><td>/g)]).toHaveLength(30);
    expect(section).toContain('<tr><td>RecoverIncremental content=0</td><td class="taken">taken at step 7</td><td><a href="#step-7">step 7</a></td></tr>');
    expect(section).toContain(
      '<tr><td>WalStream content=0</td><td class="disabled">disabled in the loop state (after step 4)</td><td><a href="#step-4">state 4</a></td></tr>',
    );
  });

  it("a replayed lasso draws the same way, and an empty cycle is drawn as a stutter", () => {
    const replayed = htmlReport(htmlInputFromReplay(replayTrace(parseTrace(NO_REWIND, "nr.trace")), { title: "replay of nr.trace" }));
    expect(replayed).toContain('<g class="cycle" data-loop-start="4">');
    expect(replayed).toContain('<section class="fairness" id="fairness">');
    const stutter = htmlReport(
      htmlInputFromReplay(replayTrace(parseTrace(NO_REWIND.replace(/loop\n[\s\S]*expect/, "loop\nexpect"), "s.trace")), { title: "stutter" }),
    );
    expect(stutter).toContain("↺ stutters for ever in this state");
    expect(stutter).toContain("the behaviour stutters for ever");
    expect(stutter).toContain("The cycle is NOT fair: FtsProbe content=0, FtsProbe content=1, RecoverIncremental content=0 stays enabled");
    expect(stutter).toContain('<td class="starved">enabled throughout and never taken: the cycle is not fair</td>');
  });

  it("a safety report has no cycle", () => {
    const safety = htmlReport(htmlInputFromReplay(replayTrace(parseTrace("config name=default\nFtsProbe content=0\n")), { title: "t" }));
    expect(safety).not.toContain('class="cycle"');
    expect(safety).not.toContain('id="fairness"');
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUT = fileURLToPath(new URL("../../test-output/", import.meta.url));

describe.skipIf(!existsSync(CHROMIUM))("HTML report of a lasso in Chromium", () => {
  it("renders the cycle band, the loop-back arrow and the fairness table; screenshot in test-output/", async () => {
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, "liveness-html-report.html");
    writeFileSync(file, lassoHtml(NO_REWIND));
    const profile = mkdtempSync(join(tmpdir(), "mirrorcheck-chromium-"));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage();
      const foreign: string[] = [];
      page.on("request", (req) => {
        if (!req.url().startsWith("file:")) foreign.push(req.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const band = await page.locator("svg.seq rect.cycle-band").boundingBox();
      const row5 = await page.locator('svg.seq g.seq-row[data-step="5"]').boundingBox();
      expect(band?.height ?? 0).toBeGreaterThan(0);
      expect(Math.abs((band?.y ?? 0) - (row5?.y ?? -100))).toBeLessThan(3);
      await expect(page.locator("svg.seq path.loop-back").count()).resolves.toBe(1);
      await expect(page.locator("section.fairness tbody tr").count()).resolves.toBe(30);
      await page.screenshot({ path: join(OUT, "liveness-html-report.png"), fullPage: true });
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
