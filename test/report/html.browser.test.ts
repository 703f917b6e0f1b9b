// The HTML report of a bug variant's counterexample, opened in a real browser: Debian's
// Chromium driven by playwright-core (which never downloads a browser). The page must render
// the violation, one diagram row per step and the catalog with its changed cells, and it must
// not ask for anything but its own file. The screenshot is kept in test-output/ for people.
// as-implemented's lost acked commit, as `replay --html` writes it, must be review-ready: the
// step where it first broke marked, the trace embedded (and replayable), no sideways scrolling
// in a 900px window, and a clean PDF (pages of A4 size, checked with poppler's pdftoppm).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../api/index.js";
import { htmlInputFromReplay, htmlReport, replayHtmlTitle, traceConfigName, type HtmlReportStep } from "../../report/index.js";
import { NoLostAckedCommit, SAFETY_PROPERTIES } from "../../properties/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";
import { AS_IMPLEMENTED_NO_LOST_ACKED } from "./rootCauseFixtures.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUT = fileURLToPath(new URL("../../test-output/", import.meta.url));
const haveChromium = existsSync(CHROMIUM);
const PDFTOPPM = process.env.PDFTOPPM_PATH ?? "/usr/bin/pdftoppm";
const havePdftoppm = existsSync(PDFTOPPM);
if (haveChromium && !havePdftoppm && process.env.CI) {
  throw new Error(`pdftoppm not found at ${PDFTOPPM}; CI must install it (apt-get install poppler-utils) or set PDFTOPPM_PATH`);
}

if (!haveChromium && process.env.CI) {
  // CI installs Chromium in .ci/run: a missing browser there is a broken CI, not a skip.
  throw new Error(`Chromium not found at ${CHROMIUM}; CI must install it (apt-get install chromium) or set CHROMIUM_PATH`);
}
if (!haveChromium) {
  console.warn(
    `html.browser.test: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

/** The counterexample of bug-promoteRequiresInSync as the HTML report's input. */
function counterexampleHtml(): { html: string; steps: number } {
  const report = runCheck({ config: "bug-promoteRequiresInSync" });
  const v = report.result.violations[0];
  const steps: HtmlReportStep[] = [];
  for (let k = 1; k < v.trace.length; k++) {
    const bound = v.trace[k].action;
    if (bound !== null) steps.push({ action: bound.action, before: v.trace[k - 1].state, after: v.trace[k].state });
  }
  const description = SAFETY_PROPERTIES.find((p) => p.name === v.property)?.description ?? "";
  const html = htmlReport({
    title: `bug-promoteRequiresInSync: ${v.property}`,
    config: report.config,
    initial: v.trace[0].state,
    steps,
    violation: { property: v.property, message: v.message, description },
    replayCommand: "mirrorcheck replay cex.trace",
  });
  return { html, steps: steps.length };
}

/** as-implemented's NoLostAckedCommit trace as `mirrorcheck replay as-implemented.trace --html` reports it. */
function asImplementedHtml(): string {
  const trace = parseTrace(AS_IMPLEMENTED_NO_LOST_ACKED, "as-implemented.trace");
  const result = replayTrace(trace);
  const input = htmlInputFromReplay(result, {
    title: replayHtmlTitle(traceConfigName(trace.configName, result.config), result),
    subtitle: "replay of as-implemented.trace",
    trace: { text: AS_IMPLEMENTED_NO_LOST_ACKED, fileName: "as-implemented.trace", saved: true },
  });
  return htmlReport(input);
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe.skipIf(!haveChromium)("HTML report in Chromium", () => {
  let browser: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    // A fresh profile each run (Playwright passes it to Chromium as --user-data-dir).
    profile = mkdtempSync(join(tmpdir(), "mirrorcheck-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("renders the bug-promoteRequiresInSync counterexample without touching the network", async () => {
    const { html, steps } = counterexampleHtml();
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, "html-report.html");
    writeFileSync(file, html);

    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (req) => {
      if (!req.url().startsWith("file:")) foreign.push(req.url());
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });

    // The violated property, prominently.
    const box = page.locator("section.violation");
    await expect(box.isVisible()).resolves.toBe(true);
    const boxText = await box.innerText();
    expect(boxText).toContain("NoLostAckedCommit");
    expect(boxText).toContain("txn 1 was acked but is missing from the WAL of catalog primary dbid 2");
    expect(boxText).toContain("every acked txn of content c is in the WAL of c's catalog primary");

    // The sequence diagram: one row per step, with the failover messages.
    expect(steps).toBe(5);
    await expect(page.locator("svg.seq g.seq-row").count()).resolves.toBe(steps);
    const svgText = await page.locator("svg.seq").textContent();
    for (const text of ["FTS / coordinator", "dbid 2", "dbid 4", "PROBE (timeout) · E3", "PROMOTE", "commit txn 1", "ack txn 1"]) {
      expect(svgText).toContain(text);
    }
    const row1 = await page.locator('svg.seq g.seq-row[data-step="1"]').textContent();
    expect(row1).toContain("FtsProbeTimeout content=0");
    const svgBox = await page.locator("svg.seq").boundingBox();
    expect(svgBox?.height ?? 0).toBeGreaterThan(100);

    // The catalog after step 1: dbid 4 is the catalog primary, and that cell changed.
    const role4 = page.locator('#step-1 table.catalog td[data-key="d4.role"]');
    await expect(role4.innerText()).resolves.toBe("p");
    await expect(role4.getAttribute("class")).resolves.toContain("changed");
    await expect(page.locator('#step-0 table.catalog td[data-key="d4.role"]').innerText()).resolves.toBe("m");
    // (A string: this project's TypeScript has no DOM library.)
    const changedBg = await role4.evaluate("(el) => getComputedStyle(el).backgroundColor");
    expect(changedBg).not.toBe("rgba(0, 0, 0, 0)");
    expect(await page.locator("td.changed").count()).toBeGreaterThan(0);
    await expect(page.locator("#step-0 td.changed").count()).resolves.toBe(0);
    await expect(page.locator("section.step").count()).resolves.toBe(steps + 1);

    await page.screenshot({ path: join(OUT, "html-report.png"), fullPage: true });
    await page.close();

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("as-implemented's lost acked commit: crux marked, trace embedded, 900px wide, prints to clean A4 pages", async () => {
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, "html-report-as-implemented.html");
    writeFileSync(file, asImplementedHtml());
    const page = await browser.newPage();
    await page.setViewportSize({ width: 900, height: 1000 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });

    // Titled by the configuration, not by a file path.
    await expect(page.locator("h1").innerText()).resolves.toBe("as-implemented: NoLostAckedCommit violated");
    await expect(page.locator("header .subtitle").innerText()).resolves.toBe("replay of as-implemented.trace");

    // Where it first broke: step 7, on the diagram's row and on its card, visibly.
    const cruxRow = page.locator("svg.seq g.seq-row.crux");
    await expect(cruxRow.count()).resolves.toBe(1);
    await expect(cruxRow.getAttribute("data-step")).resolves.toBe("7");
    await expect(page.locator("svg.seq .crux-frame").isVisible()).resolves.toBe(true);
    await expect(page.locator("svg.seq .crux-label").textContent()).resolves.toContain("first broke here");
    const cruxCard = page.locator("section.step.crux");
    await expect(cruxCard.count()).resolves.toBe(1);
    await expect(cruxCard.getAttribute("id")).resolves.toBe("step-7");
    await expect(cruxCard.locator(".tag.crux").isVisible()).resolves.toBe(true);
    await expect(cruxCard.innerText()).resolves.toContain("first broke here");
    const why = await page.locator("section.root-cause").innerText();
    expect(why).toContain("InSyncMirrorHasAllAcked, InSyncImpliesSyncRep");
    expect(why).toContain("safeguard inSyncOnlyWhenCaughtUp off (step 7)");
    expect(why).toContain("syncRepReload=deferred (step 7: sync rep on but not yet in force on dbid 4)");

    // What step 3 (gprecoverseg) did to dbid 2 is written in dbid 2's column.
    const row3 = page.locator('svg.seq g.seq-row[data-step="3"] .inst-change[data-lane="2"]');
    await expect(row3.allTextContents()).resolves.toEqual(["runs m (was p)", "syncRep off"]);

    // The trace, embedded: the same text as the file, and it replays to the same violation.
    const details = page.locator("section.trace-file details");
    await expect(details.count()).resolves.toBe(1);
    const embedded = await details.locator("pre").textContent();
    expect(embedded).toBe(AS_IMPLEMENTED_NO_LOST_ACKED.trimEnd());
    const again = replayTrace(parseTrace(embedded ?? "", "as-implemented.trace"));
    expect(again.status).toBe("ok");
    expect(NoLostAckedCommit.check(again.config, again.final)).toBeDefined();
    await expect(page.locator("section.trace-file .replay-how").innerText()).resolves.toBe(
      "Replay it: mirrorcheck replay as-implemented.trace",
    );

    // Contents no step touches appear once, in the initial state.
    await expect(page.locator('#step-0 td[data-key="d3.role"]').count()).resolves.toBe(1);
    await expect(page.locator('#step-8 td[data-key="d3.role"]').count()).resolves.toBe(0);
    await expect(page.locator("#step-8 .untouched").innerText()).resolves.toBe("content 1: untouched, as in the initial state");

    // No sideways scrolling in a 900px window.
    const scrollWidth = Number(await page.evaluate("document.documentElement.scrollWidth"));
    expect(scrollWidth).toBeLessThanOrEqual(900);
    const height = Number(await page.evaluate("document.documentElement.scrollHeight"));
    console.log(`html.browser.test: as-implemented report at 900px: ${height}px tall`);
    await page.screenshot({ path: join(OUT, "html-report-as-implemented.png"), fullPage: true });

    // Print to PDF (A4): a handful of pages, and pdftoppm's first page is an A4 page at 50 dpi.
    const pdf = join(OUT, "html-report-as-implemented.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true });
    const pages = (readFileSync(pdf, "latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(12);
    await page.close();
    if (!havePdftoppm) {
      console.warn(`html.browser.test: PDF page image not checked, no pdftoppm at ${PDFTOPPM} (apt-get install poppler-utils)`);
      return;
    }
    const prefix = join(OUT, "html-report-as-implemented-page");
    execFileSync(PDFTOPPM, ["-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, prefix]);
    // A4 is 8.27 × 11.69 inches: 413 × 585 pixels at 50 dpi.
    const size = pngSize(`${prefix}.png`);
    expect(Math.abs(size.width - 413)).toBeLessThanOrEqual(2);
    expect(Math.abs(size.height - 585)).toBeLessThanOrEqual(2);
  });
});
