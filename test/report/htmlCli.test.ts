// The HTML report as `check --html` and `replay --html` write it (the built binary): the trace
// embedded and replayed by its base name, never by a local path; a replay titled by its
// configuration. `npm test` builds dist/ before vitest runs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The text of the embedded trace (HTML-unescaped). */
function embeddedTrace(html: string): string {
  const m = /<details><summary>[^<]*<\/summary><pre class="trace-text">([\s\S]*?)<\/pre><\/details>/.exec(html);
  expect(m).not.toBeNull();
  return m![1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

describe("HTML report from the CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "mirrorcheck-html-"));

  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does)`);
  });

  it("check --html without --trace-out embeds the trace and says to save it as CONFIG.trace", () => {
    const html = join(dir, "only.html");
    const r = mirrorcheck("check", "--config", "bug-commitWaitsForMirror", "--html", html, "--no-progress");
    expect(r.code).toBe(1);
    const page = readFileSync(html, "utf8");
    expect(page).toContain(
      "save the text above as bug-commitWaitsForMirror.trace and run <code>mirrorcheck replay bug-commitWaitsForMirror.trace</code>",
    );
    const text = embeddedTrace(page);
    expect(text).toMatch(/^config contents=2 txns=2 faults=2 off=commitWaitsForMirror$/m);
    expect(text.split("\n").at(-1)).toBe("expect violated InSyncMirrorHasAllAcked");
    expect(page).not.toContain(dir);
  });

  it("check --html --trace-out: the replay command names the trace by its base name, and the embedded text is the file", () => {
    const html = join(dir, "cex.html");
    const trace = join(dir, "bug.trace");
    const r = mirrorcheck("check", "--config", "bug-commitWaitsForMirror", "--html", html, "--trace-out", trace, "--no-progress");
    expect(r.code).toBe(1);
    const page = readFileSync(html, "utf8");
    expect(page).toContain("Replay it: <code>mirrorcheck replay bug.trace</code>");
    expect(page).not.toContain(dir);
    expect(embeddedTrace(page)).toBe(readFileSync(trace, "utf8").trimEnd());
    // The crux of this counterexample is its last step, the early ack.
    expect(page).toMatch(/<section class="step crux" id="step-2"|<section class="step final crux" id="step-2"/);
  });

  it("replay --html keeps the configuration's name as the title, the file's base name under it", () => {
    const trace = join(dir, "bug.trace");
    if (!existsSync(trace)) mirrorcheck("check", "--config", "bug-commitWaitsForMirror", "--trace-out", trace, "--no-progress");
    const html = join(dir, "replay.html");
    const r = mirrorcheck("replay", trace, "--html", html);
    expect(r.code).toBe(0);
    const page = readFileSync(html, "utf8");
    expect(page).toContain("<h1>bug-commitWaitsForMirror: InSyncMirrorHasAllAcked violated</h1>");
    expect(page).toContain('<p class="subtitle">replay of bug.trace</p>');
    expect(page).not.toContain(dir);
    expect(embeddedTrace(page)).toBe(readFileSync(trace, "utf8").trimEnd());
    // The text and the JSON name the configuration the same way.
    expect(r.stdout.split("\n")[0]).toBe(`mirrorcheck replay ${trace}: bug-commitWaitsForMirror, contents=2 txns=2 faults=2 off=commitWaitsForMirror`);
    const j = JSON.parse(mirrorcheck("replay", trace, "--json").stdout) as { config: { name: string } };
    expect(j.config.name).toBe("bug-commitWaitsForMirror");
  });
});
