// `--variant FILE` on check, simulate, replay and explain (docs/variants.md), run as a user
// would: the built CLI as a child process (npm run build first).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = "test/fixtures/variants";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function mirrorcheck(args: readonly string[], cwd = ROOT, node: readonly string[] = []): Run {
  const r = spawnSync(process.execPath, [...node, BIN, ...args], { encoding: "utf8", cwd });
  return { code: r.status, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? "") };
}

const STACK = /^\s+at .+:\d+:\d+\)?$/m;

function expectOneLineError(r: Run, line: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr).toBe(`mirrorcheck: ${line}\n`);
}

const tmp = mkdtempSync(join(tmpdir(), "mirrorcheck-variant-"));

describe("check --variant", () => {
  it("names the proposal and does not compare with the canonical outcome", () => {
    const r = mirrorcheck(["check", "--config", "tiny", "--variant", `${FIXTURES}/probe-plus-clause.mjs`, "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`mirrorcheck check tiny, variant probeWaitsForLink (${FIXTURES}/probe-plus-clause.mjs): contents=1 txns=2 faults=1 (BFS)`);
    expect(r.stdout).toContain(`Not compared with the expected outcome of "tiny": proposal probeWaitsForLink (${FIXTURES}/probe-plus-clause.mjs) changes the rules.`);
    expect(r.stdout).not.toContain("As expected");
  });

  it("a .ts proposal is compiled on the fly: the figures of the .mjs one, no file left behind", () => {
    const figures = (file: string) => {
      const r = mirrorcheck(["check", "--variant", file, "--json", "--no-liveness", "--no-progress"]);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as { distinctStates: number; generatedStates: number; config: { variant: { name: string } } };
      return [j.distinctStates, j.generatedStates, j.config.variant.name];
    };
    expect(figures(`${FIXTURES}/probe-plus-clause.ts`)).toEqual([115_854, 655_233, "probeWaitsForLinkTs"]);
    expect(figures(`${FIXTURES}/probe-plus-clause.mjs`)).toEqual([115_854, 655_233, "probeWaitsForLink"]);
    expect(readdirSync(join(ROOT, FIXTURES)).filter((f) => f.includes(".mirrorcheck-"))).toEqual([]);
  });

  it("--workers 2 gives the verdict, figures and properties of one worker; --symmetry the same verdict and properties", () => {
    const run = (...extra: string[]) => {
      const r = mirrorcheck(["check", "--variant", `${FIXTURES}/new-family.mjs`, "--all", "--json", "--no-liveness", "--no-progress", ...extra]);
      expect(r.code, r.stderr).toBe(1);
      const j = JSON.parse(r.stdout) as { result: string; distinctStates: number; generatedStates: number; violations: { property: string }[] };
      return [j.result, j.distinctStates, j.generatedStates, j.violations.map((v) => v.property).sort()];
    };
    const one = run("--workers", "1");
    expect(one[3]).toContain("PrimaryStaysPreferred");
    expect(run("--workers", "2")).toEqual(one);
    const sym = run("--workers", "2", "--symmetry");
    expect([sym[0], sym[3]]).toEqual([one[0], one[3]]);
    expect(sym[1]).toBeLessThan(one[1] as number);
  });

  for (const workers of ["1", "2"]) {
    it.each([
      ["bad-shape.mjs", `rule FtsProbe.effect changed the state's shape: contents[0].catalog.mode is "x", not one of s, n`],
      ["guard-throws.mjs", "rule FtsProbe.guard threw: boom"],
      ["not-a-variant.mjs", 'its default export is not a variant (write export default defineVariant({...}), defineVariant from "mirrorcheck")'],
      ["syntax-error.mjs", "cannot be imported: SyntaxError: Unexpected end of input"],
      ["missing.mjs", "no such file"],
    ])(`%s, --workers ${workers}: one line naming the file (and the rule), exit 2`, (file, problem) => {
      expectOneLineError(
        mirrorcheck(["check", "--variant", `${FIXTURES}/${file}`, "--no-liveness", "--no-progress", "--workers", workers]),
        `proposal ${FIXTURES}/${file}: ${problem}`,
      );
    });
  }

  it("a proposal outside any folder that can import \"mirrorcheck\" is told where to put it", () => {
    const outside = mkdtempSync(join(tmpdir(), "mirrorcheck-outside-"));
    const file = join(outside, "new-family.mjs");
    writeFileSync(file, readFileSync(`${FIXTURES}/new-family.mjs`, "utf8"));
    expectOneLineError(
      mirrorcheck(["check", "--config", "tiny", "--variant", file, "--no-progress"]),
      `proposal ${file}: cannot import "mirrorcheck" from its folder: put the file inside a project that has mirrorcheck installed (npm install mirrorcheck) or inside the mirrorcheck checkout`,
    );
  });

  it("without the typescript package, a .ts proposal is refused with the command that compiles it", () => {
    const noTypescript = ["--import", fileURLToPath(new URL("../fixtures/no-typescript/register.mjs", import.meta.url))];
    const file = `${FIXTURES}/probe-plus-clause.ts`;
    expectOneLineError(
      mirrorcheck(["check", "--variant", file, "--no-progress"], ROOT, noTypescript),
      `proposal ${file}: TypeScript is not installed here to compile it; compile it first: npx tsc --module nodenext --target es2022 ${file}`,
    );
    // The same hooks leave a .mjs proposal alone.
    expect(mirrorcheck(["check", "--config", "tiny", "--variant", `${FIXTURES}/probe-plus-clause.mjs`, "--no-progress"], ROOT, noTypescript).code).toBe(0);
  });

  it("a .ts proposal that does not compile, or a file of another kind", () => {
    const bad = join(tmp, "bad.ts");
    writeFileSync(bad, "export default defineVariant({ name: \"x\",\n");
    const r = mirrorcheck(["check", "--variant", bad, "--no-progress"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^mirrorcheck: proposal ${bad}: does not compile: .+\\n$`));
    const txt = join(tmp, "p.txt");
    writeFileSync(txt, "");
    expectOneLineError(mirrorcheck(["check", "--variant", txt, "--no-progress"]), `proposal ${txt}: must be a .mjs, .js or .ts file`);
  });

  it("with --json, a proposal's error is one JSON object of kind input", () => {
    const r = mirrorcheck(["check", "--variant", `${FIXTURES}/guard-throws.mjs`, "--json", "--no-progress"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ error: { kind: "input", message: `proposal ${FIXTURES}/guard-throws.mjs: rule FtsProbe.guard threw: boom` } });
  });
});

describe("traces under a proposal", () => {
  it("a counterexample names its proposal relative to the trace, and replays and explains from its file alone", () => {
    const dir = join(tmp, "out");
    mkdirSync(dir, { recursive: true });
    const trace = join(dir, "cex.trace");
    const html = join(dir, "cex.html");
    const r = mirrorcheck(["check", "--config", "tiny", "--variant", `${FIXTURES}/new-family.mjs`, "--trace-out", trace, "--html", html, "--no-progress"]);
    expect(r.code, r.stderr).toBe(1);
    const text = readFileSync(trace, "utf8");
    const variantPath = text.match(/^config .* variant=(\S+)$/m)?.[1];
    expect(variantPath).toBeDefined();
    expect(join(dir, variantPath!)).toBe(join(ROOT, FIXTURES, "new-family.mjs"));
    expect(readFileSync(html, "utf8")).toContain("variant resendPromote");
    // From another folder: the path is relative to the trace, not to where replay runs.
    const replay = mirrorcheck(["replay", trace], tmpdir());
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toContain("expect violated PrimaryStaysPreferred");
    const explain = mirrorcheck(["explain", trace, "--property", "PrimaryStaysPreferred"], tmpdir());
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toContain("(variant resendPromote,");
  });

  it("a new family replays and is explained; replay --variant overrides the trace's own", () => {
    const trace = join(tmp, "resend.trace");
    writeFileSync(
      trace,
      ["config name=default", "FtsProbeTimeout content=0", "FtsRestart", "FtsResendPromote content=0", "FtsSendPromote content=0", "expect violated PrimaryStaysPreferred", ""].join("\n"),
    );
    expectOneLineError(mirrorcheck(["replay", trace]), `${trace}:4: unknown action "FtsResendPromote" (see mirrorcheck list)`);
    const r = mirrorcheck(["replay", trace, "--variant", `${FIXTURES}/new-family.mjs`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/FtsResendPromote content=0 +content 0 FTS owes +nothing → PROMOTE/);
    const e = mirrorcheck(["explain", trace, "--variant", `${FIXTURES}/new-family.mjs`, "--no-progress"]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toContain("proposal resendPromote: its guard holds");
  });

  it("replay of a trace whose proposal is gone: one line naming it where replay looked", () => {
    const dir = join(tmp, "gone");
    mkdirSync(dir, { recursive: true });
    const trace = join(dir, "t.trace");
    writeFileSync(trace, "config name=tiny variant=nothere.mjs\n");
    const r = mirrorcheck(["replay", trace], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("mirrorcheck: proposal nothere.mjs: no such file\n");
  });
});

describe("simulate --variant", () => {
  it("finds the proposal's property and writes a trace that names the proposal", () => {
    const trace = join(tmp, "sim.trace");
    const r = mirrorcheck(["simulate", "--config", "tiny", "--variant", `${FIXTURES}/new-family.mjs`, "--seed", "1", "--trace", trace, "--no-progress"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split("\n")[0]).toContain(`mirrorcheck simulate tiny, variant resendPromote (${FIXTURES}/new-family.mjs)`);
    expect(r.stdout).toContain("Counterexample to PrimaryStaysPreferred");
    expect(r.stdout).toContain("Not compared with the expected outcome");
    expect(readFileSync(trace, "utf8")).toMatch(/^config .*variant=\S*new-family\.mjs$/m);
    expect(mirrorcheck(["replay", trace], tmpdir()).code).toBe(0);
  });

  it("does not quote the canonical configuration's BFS figure for a property the proposal's rules break", () => {
    const proposal = fileURLToPath(new URL("../../examples/proposals/probe-never-upgrades-when-enabling-sync-rep.mjs", import.meta.url));
    const r = mirrorcheck(["simulate", "--config", "as-implemented", "--variant", proposal, "--seed", "1", "--no-progress"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^VIOLATION {2}InSyncImpliesSyncRep /m);
    // as-implemented's pinned shortest (5) is for the built-in rules: it says nothing of the proposal's.
    expect(r.stdout).not.toContain("BFS shortest");
    expect(mirrorcheck(["simulate", "--config", "as-implemented", "--seed", "1", "--no-progress"]).stdout).toContain("(BFS shortest: 5)");
  });
});

describe("merge", () => {
  it("refuses to merge results of different proposals as parts of one search", () => {
    const run = (out: string, variant: string[]) => {
      const r = mirrorcheck(["simulate", "--config", "tiny", "--seed", "5", "--shard", out.endsWith("1.json") ? "1/2" : "2/2", "--runs", "20", "--json", "--no-progress", ...variant]);
      expect(r.code, r.stderr).toBe(0);
      writeFileSync(out, r.stdout);
      expect(JSON.parse(r.stdout).config.variant?.name).toBe(variant.length > 0 ? "probeWaitsForLink" : undefined);
    };
    const a = join(tmp, "m1.json");
    const b = join(tmp, "m2.json");
    const c = join(tmp, "plain2.json");
    run(a, ["--variant", `${FIXTURES}/probe-plus-clause.mjs`]);
    run(b, ["--variant", `${FIXTURES}/probe-plus-clause.mjs`]);
    run(c, []);
    expect(mirrorcheck(["merge", a, b]).code).toBe(0);
    const mixed = mirrorcheck(["merge", a, c]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("variant=probeWaitsForLink) in");
  });
});

describe("list --variant", () => {
  it("shows the proposal, its changed and new families, its properties and witnesses", () => {
    const r = mirrorcheck(["list", "--variant", `${FIXTURES}/new-family.mjs`]);
    expect(r.code, r.stderr).toBe(0);
    // The heading wraps at list's 100 columns like every other line.
    expect(r.stdout.split("\n\n")[0].replace(/\n/g, " ")).toBe(`Proposal resendPromote (${FIXTURES}/new-family.mjs): FTS may owe a PROMOTE again to a catalog primary that runs as a mirror`);
    // A wrapped cell continues on the next lines, indented: read it as one line.
    const flat = (text: string): string => text.replace(/\n {2,}/g, " ");
    expect(flat(r.stdout)).toMatch(/^FtsResendPromote +proposal resendPromote: FTS owes a PROMOTE again/m);
    expect(flat(r.stdout)).toMatch(/^PrimaryStaysPreferred +the catalog primary of every content is its preferred primary \(proposal resendPromote\)$/m);
    expect(flat(r.stdout)).toMatch(/^SomeTxnAcked +a txn is acknowledged/m);
    const changed = mirrorcheck(["list", "--variant", `${FIXTURES}/probe-plus-clause.mjs`]);
    expect(flat(changed.stdout)).toMatch(/^FtsProbe +.*\(changed by proposal probeWaitsForLink\)$/m);
    expect(mirrorcheck(["list"]).stdout).not.toContain("proposal");
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });
});
