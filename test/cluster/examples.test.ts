// examples/cluster/ is what the README's `placement --from` and `history` commands read: a
// cluster of 8 contents on 4 hosts after a host failure, gprecoverseg and gprecoverseg -r
// (scenarios/host-failure-and-rebalance.trace). The files are generated from that
// scenario and must stay in step with it; the commands must run on them as documented.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_DIR, exampleCluster, writeExampleCluster } from "./exampleCluster.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "dist/cli/main.js");
const CONFIG = "examples/cluster/gp_segment_configuration.csv";
const HISTORY = "examples/cluster/gp_configuration_history.csv";

function mirrorcheck(cwd: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// MIRRORCHECK_WRITE_FIXTURES=1 rewrites the example from its scenario, as for the fixtures.
if (process.env.MIRRORCHECK_WRITE_FIXTURES === "1") writeExampleCluster();

/**
 * The README's `mirrorcheck placement --from` and `mirrorcheck history` commands as argument
 * lists: continuation lines joined, the trailing comment and `npx mirrorcheck` dropped.
 */
function readmeCommands(): string[][] {
  const lines = readFileSync(join(ROOT, "README.md"), "utf8").split("\n");
  const out: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/mirrorcheck (placement --from|history )/.test(lines[i])) continue;
    let command = lines[i];
    while (command.trimEnd().endsWith("\\") && i + 1 < lines.length) command = command.trimEnd().slice(0, -1) + " " + lines[++i];
    const words = command.replace(/#.*/, "").trim().split(/\s+/);
    out.push(words.slice(words.indexOf("mirrorcheck") + 1));
  }
  return out;
}

describe("examples/cluster", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does)`);
  });

  it("is the CSV pair of scenarios/host-failure-and-rebalance.trace (MIRRORCHECK_WRITE_FIXTURES=1 rewrites it)", () => {
    const expected = exampleCluster();
    expect(readFileSync(join(EXAMPLE_DIR, "gp_segment_configuration.csv"), "utf8")).toBe(expected.config);
    expect(readFileSync(join(EXAMPLE_DIR, "gp_configuration_history.csv"), "utf8")).toBe(expected.history);
  });

  it("placement --from reads the cluster's group layout; no single host failure loses a content (exit 0)", () => {
    const r = mirrorcheck(ROOT, ["placement", "--from", CONFIG, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.hosts).toEqual([
      { host: "sdw1", primaries: [0, 1], mirrors: [6, 7] },
      { host: "sdw2", primaries: [2, 3], mirrors: [0, 1] },
      { host: "sdw3", primaries: [4, 5], mirrors: [2, 3] },
      { host: "sdw4", primaries: [6, 7], mirrors: [4, 5] },
    ]);
    expect(j.singleHostFailures.every((f: { contentsLost: number[] }) => f.contentsLost.length === 0)).toBe(true);
    const text = mirrorcheck(ROOT, ["placement", "--from", CONFIG]);
    expect(text.stdout).toContain("group mirroring");
    expect(text.stdout).toContain("sdw2 + sdw3  2: 2, 3");
  });

  it("history finds every content's rows a run of the model (exit 0), and each witness replays green", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "mirrorcheck-example-")), "witnesses");
    const r = mirrorcheck(ROOT, ["history", "--config", CONFIG, "--history", HISTORY, "--witness-dir", dir, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ verdict: "consistent", skippedRows: 0 });
    // Contents 0 and 1 lost their mirror on sdw2 and got it back; 2 and 3 failed over to
    // sdw3 and were rebalanced; 4 to 7 were untouched.
    expect(j.contents.map((c: { reason: string }) => c.reason)).toEqual([
      "5 history rows explained by a run of 7 steps with 1 fault",
      "5 history rows explained by a run of 7 steps with 1 fault",
      "10 history rows explained by a run of 12 steps with 1 fault",
      "10 history rows explained by a run of 12 steps with 1 fault",
      ...Array.from({ length: 4 }, () => "0 history rows explained by a run of 0 steps with 0 faults"),
    ]);
    const witnesses = readdirSync(dir).sort();
    expect(witnesses).toEqual(Array.from({ length: 8 }, (_, c) => `content-${c}.trace`));
    for (const w of witnesses) {
      const replay = mirrorcheck(ROOT, ["replay", join(dir, w)]);
      expect(replay.code, w).toBe(0);
      expect(replay.stdout, w).toMatch(/\nOK {2}\d+ actions replayed, \d+ expectations held\n$/);
    }
  });

  // Run in a scratch folder holding a copy of examples/, so that `--witness-dir witnesses/`
  // does not write into the checkout.
  it("the README's placement --from and history commands name files of examples/ and run as written (exit 0)", () => {
    const commands = readmeCommands();
    expect(commands.map((c) => c[0])).toContain("placement");
    expect(commands.map((c) => c[0])).toContain("history");
    const cwd = mkdtempSync(join(tmpdir(), "mirrorcheck-readme-"));
    cpSync(join(ROOT, "examples", "cluster"), join(cwd, "examples", "cluster"), { recursive: true });
    for (const args of commands) {
      for (const file of args.filter((a) => a.endsWith(".csv"))) {
        expect(existsSync(join(ROOT, file)), `README names ${file}`).toBe(true);
      }
      const r = mirrorcheck(cwd, args);
      expect(r.stderr, args.join(" ")).toBe("");
      expect(r.code, args.join(" ")).toBe(0);
    }
  });
});
