// The package as a user gets it: `npm pack`, installed into an empty project, used from the
// command line and from a strict TypeScript vitest suite (examples/library, the README's
// example). Needs dist/ built (`npm test` builds it first). About 20-40 s.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, createConsumer, type Consumer } from "./consumer.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE = join(ROOT, "examples", "library", "check-in-ci.test.ts");

let consumer: Consumer;

beforeAll(() => {
  const entry = join(ROOT, "dist", "lib", "index.js");
  if (!existsSync(entry) || statSync(entry).mtimeMs < statSync(join(ROOT, "lib", "index.ts")).mtimeMs) {
    throw new Error("dist/ is missing or older than lib/index.ts: run `npm run build` first (npm test does)");
  }
  consumer = createConsumer(ROOT);
  copyFileSync(EXAMPLE, join(consumer.dir, "check-in-ci.test.ts"));
}, 60_000);

afterAll(() => {
  if (consumer !== undefined) rmSync(dirname(consumer.dir), { recursive: true, force: true });
});

function run(command: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd: consumer.dir, env: cleanEnv(), encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm pack", () => {
  it("ships the compiled library with its types and maps, the CLI, the README and its docs, and nothing else", () => {
    const paths = consumer.files.map((f) => f.path);
    for (const p of ["package.json", "README.md", "docs/protocol.md", "docs/trace-format.md", "dist/lib/index.js", "dist/lib/index.d.ts", "dist/lib/index.js.map", "dist/lib/index.d.ts.map", "dist/cli/main.js", "dist/checker/worker.js"]) {
      expect(paths).toContain(p);
    }
    // Every module has its declarations (a consumer's strict tsc needs them) and source map.
    for (const js of paths.filter((p) => p.endsWith(".js"))) {
      expect(paths, js).toContain(js.replace(/\.js$/, ".d.ts"));
      expect(paths, js).toContain(`${js}.map`);
    }
    const stray = paths.filter(
      (p) => /(^|\/)test\//.test(p) || /\.test\./.test(p) || p.startsWith("dist/bench/") || p.includes("shared/") || (p.endsWith(".ts") && !p.endsWith(".d.ts")),
    );
    expect(stray).toEqual([]);
  });

  it("declares the entry module and keeps the command", () => {
    const pkg = JSON.parse(readFileSync(join(consumer.dir, "node_modules", "mirrorcheck", "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
      types: string;
      bin: Record<string, string>;
    };
    expect(pkg.exports["."]).toEqual({ types: "./dist/lib/index.d.ts", default: "./dist/lib/index.js" });
    expect(pkg.bin.mirrorcheck).toBe("dist/cli/main.js");
  });
});

describe("installed into an empty project", () => {
  it("npx mirrorcheck check passes on the default configuration", () => {
    const r = run("npx", ["--no", "mirrorcheck", "check", "--workers", "1", "--no-progress"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^PASS /m);
  });

  it("node imports it by name", () => {
    const script = 'import { runCheck, checkText } from "mirrorcheck"; const r = runCheck({ config: "tiny" }); console.log(r.result.verdict, typeof checkText);';
    const r = run(process.execPath, ["--input-type=module", "-e", script]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("pass function");
  });

  it("the README's example type-checks under tsc --strict", () => {
    const r = run(process.execPath, [join(consumer.dir, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("the README's example passes under vitest and prints and writes its counterexample", () => {
    const r = run(process.execPath, [join(consumer.dir, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=verbose"]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("3 passed");
    expect(r.stdout).toContain("Counterexample to InSyncMirrorHasAllAcked");
    const trace = readFileSync(join(consumer.dir, "counterexamples", "InSyncMirrorHasAllAcked.trace"), "utf8");
    expect(trace).toMatch(/^config contents=2 txns=2 faults=2 off=commitWaitsForMirror$/m);
    expect(trace.trimEnd().split("\n").at(-1)).toBe("expect violated InSyncMirrorHasAllAcked");
  });
});
