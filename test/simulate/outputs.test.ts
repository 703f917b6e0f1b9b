// simulate writes its counterexample like check does: --trace-out (its old name --trace still
// works), --itf and --html, each replayable or viewable on its own.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const DIR = mkdtempSync(join(tmpdir(), "mirrorcheck-simulate-outputs-"));

function mirrorcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BUG = ["simulate", "--config", "bug-rebalanceRequiresInSync", "--seed", "1", "--no-progress"];

describe("simulate's outputs", () => {
  it("--trace-out, --itf and --html write the same counterexample; the trace and the ITF replay green", () => {
    const trace = join(DIR, "bug.trace");
    const itf = join(DIR, "bug.itf.json");
    const html = join(DIR, "bug.html");
    const r = mirrorcheck(...BUG, "--trace-out", trace, "--itf", itf, "--html", html);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("(--trace-out FILE writes it;");
    const fromTrace = mirrorcheck("replay", trace);
    expect(fromTrace.code).toBe(0);
    const fromItf = mirrorcheck("replay", itf);
    expect(fromItf.code).toBe(0);
    expect(fromItf.stdout).toMatch(/OK {2}3 actions replayed, 1 expectations held, 4 recorded states matched/);
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain("NoDoubleFaultUnderOneFault");
    expect(page).toContain(`mirrorcheck replay ${basename(trace)}`);
    expect(page).not.toContain(trace);
  });

  it("--trace is the old name of --trace-out; both at once is a usage error (exit 2), and it is hidden from --help", () => {
    const old = join(DIR, "old.trace");
    expect(mirrorcheck(...BUG, "--trace", old).code).toBe(1);
    expect(readFileSync(old, "utf8")).toMatch(/\nexpect violated NoDoubleFaultUnderOneFault\n$/);
    const both = mirrorcheck(...BUG, "--trace", old, "--trace-out", join(DIR, "new.trace"));
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("mirrorcheck: --trace is the old name of --trace-out: give one of them\n");
    expect(existsSync(join(DIR, "new.trace"))).toBe(false);
    const help = mirrorcheck("simulate", "--help").stdout;
    expect(help).toContain("--trace-out <file>");
    expect(help).not.toMatch(/--trace </);
  });

  it("no violation, no files", () => {
    const trace = join(DIR, "none.trace");
    expect(mirrorcheck("simulate", "--config", "tiny", "--runs", "5", "--seed", "3", "--no-progress", "--trace-out", trace, "--html", join(DIR, "none.html")).code).toBe(0);
    expect(existsSync(trace)).toBe(false);
    expect(existsSync(join(DIR, "none.html"))).toBe(false);
  });
});
