// The HTML report of a bug variant's counterexample, opened in a real browser: Debian's
// Chromium driven by playwright-core (which never downloads a browser). The page must render
// the violation, one diagram row per step and the catalog with its changed cells, and it must
// not ask for anything but its own file. The screenshot is kept in test-output/ for people.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../api/index.js";
import { htmlReport, type HtmlReportStep } from "../../report/index.js";
import { SAFETY_PROPERTIES } from "../../properties/index.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUT = fileURLToPath(new URL("../../test-output/", import.meta.url));
const haveChromium = existsSync(CHROMIUM);

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
});
