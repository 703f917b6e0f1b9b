// Imports flow one way: cli → api, report → checker, model, properties, configs; the checker
// knows nothing of Greenplum; only cli/ uses commander. A change that breaks the direction
// fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** The top-level folder or package each import of the file names. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  // Statements only (at the start of a line), not an example in a comment.
  const specs = [...text.matchAll(/^(?:import|export)[^'"]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
  return specs.map((spec) => {
    if (!spec.startsWith(".")) return spec.startsWith("node:") ? "node" : spec.split("/")[0];
    const target = relative(ROOT, join(ROOT, file, "..", spec));
    return target.split("/")[0];
  });
}

const ALLOWED: Record<string, string[]> = {
  // node: worker_threads for the parallel BFS (checker/parallel.ts, checker/worker.ts).
  checker: ["checker", "fast-check", "node"],
  model: ["model", "immer", "ts-pattern"],
  properties: ["properties", "model"],
  configs: ["configs", "model"],
  trace: ["trace", "model", "properties", "configs", "immer"],
  api: ["api", "checker", "model", "properties", "configs"],
  report: ["report", "api", "checker", "model", "properties", "configs", "trace"],
  cluster: ["cluster", "model", "properties", "configs", "trace", "node"],
  // The package's public entry: one export list over the library folders.
  lib: ["lib", "api", "report", "trace", "checker", "model", "properties", "configs"],
  cli: ["cli", "api", "report", "trace", "checker", "model", "properties", "configs", "cluster", "commander", "node"],
};

describe("architecture", () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.join(", ")}`, () => {
      const files = sourceFiles(folder);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        for (const imp of importsOf(file)) expect(allowed, `${file} imports ${imp}`).toContain(imp);
      }
    });
  }

  it("every folder names its public surface in index.ts", () => {
    for (const folder of ["checker", "model", "properties", "configs", "trace", "api", "report", "cluster", "lib"]) {
      expect(sourceFiles(folder)).toContain(join(folder, "index.ts"));
    }
  });

  it("outside a folder, only its index.ts is imported", () => {
    for (const folder of Object.keys(ALLOWED)) {
      for (const file of sourceFiles(folder)) {
        const text = readFileSync(join(ROOT, file), "utf8");
        for (const m of text.matchAll(/from\s+["'](\.[^"']+)["']/g)) {
          const target = relative(ROOT, join(ROOT, file, "..", m[1]));
          if (target.split("/")[0] === folder) continue;
          expect(target, `${file} reaches into ${m[1]}`).toMatch(/^[a-z]+\/index\.js$/);
        }
      }
    }
  });
});
