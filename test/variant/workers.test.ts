// A proposal under parallel BFS and symmetry (docs/variants.md): the worker threads load the
// proposal's module themselves (greenplumModel's source), give the figures of one thread, and
// a rule that breaks the model in a worker comes back as the same one line. Runs dist/ (worker
// threads load compiled JavaScript): `npm run build` first.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

type DistLib = typeof import("../../lib/index.js");
let dist: DistLib;
const FIXTURES = fileURLToPath(new URL("../fixtures/variants/", import.meta.url));

beforeAll(async () => {
  const url = new URL("../../dist/lib/index.js", import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error("dist/ is missing: run npm run build");
  dist = (await import(url.href)) as DistLib;
});

function figures(r: ReturnType<DistLib["runCheck"]>) {
  const x = r.result;
  return {
    verdict: x.verdict,
    distinct: x.distinctStates,
    generated: x.generatedStates,
    depth: x.depth,
    violations: x.violations.map((v) => [v.property, v.length, v.message]),
    witnesses: x.witnesses.map((w) => [w.name, w.reached, w.depth]),
    actions: x.actions,
  };
}

describe("a proposal with worker threads", () => {
  for (const file of ["probe-plus-clause.mjs", "new-family.mjs"]) {
    it(`${file}: 2 threads give the figures of 1, counterexamples included`, async () => {
      const variant = await dist.loadVariant(FIXTURES + file);
      const one = dist.runCheck({ variant, options: { liveness: false, all: true } });
      const two = dist.runCheck({ variant, options: { liveness: false, all: true, workers: 2, parallelMinLevel: 16 } });
      expect(one.result.workers).toBe(1);
      expect(two.result.workers).toBe(2);
      expect(figures(two)).toEqual(figures(one));
    });
  }

  it("with --symmetry: the same verdict and violated properties as without, in 1 and 2 threads", async () => {
    const variant = await dist.loadVariant(FIXTURES + "new-family.mjs");
    const plain = dist.runCheck({ variant, options: { liveness: false, all: true } }).result;
    const sym1 = dist.runCheck({ variant, options: { liveness: false, all: true, symmetry: true } }).result;
    const sym2 = dist.runCheck({ variant, options: { liveness: false, all: true, symmetry: true, workers: 2, parallelMinLevel: 16 } }).result;
    expect(sym1.verdict).toBe(plain.verdict);
    const violated = (r: typeof plain) => r.violations.map((v) => v.property).sort();
    expect(violated(sym1)).toEqual(violated(plain));
    expect(sym1.distinctStates).toBeLessThan(plain.distinctStates);
    expect(sym2.workers).toBe(2);
    expect([sym2.verdict, sym2.distinctStates, violated(sym2)]).toEqual([sym1.verdict, sym1.distinctStates, violated(sym1)]);
  });

  it.each([
    ["guard-throws.mjs", "rule FtsProbe.guard threw: boom"],
    ["bad-shape.mjs", `rule FtsProbe.effect changed the state's shape: contents[0].catalog.mode is "x", not one of s, n`],
  ])("%s breaking the model in a worker thread is the same one line as in one thread", async (file, problem) => {
    const variant = await dist.loadVariant(FIXTURES + file, { file: `fixtures/${file}` });
    const message = `proposal fixtures/${file}: ${problem}`;
    const attempt = (workers: number): unknown => {
      try {
        dist.runCheck({ variant, options: { liveness: false, workers, parallelMinLevel: 1 } });
      } catch (e) {
        return e;
      }
      return null;
    };
    for (const workers of [1, 2]) {
      const e = attempt(workers) as Error & { userError?: boolean };
      expect(e).toBeInstanceOf(Error);
      expect([e.name, e.message, e.userError]).toEqual(["VariantError", message, true]);
    }
  });

  it("a rule that throws only inside a worker thread comes back as its one line, not a stack", async () => {
    const variant = await dist.loadVariant(FIXTURES + "throws-in-worker.mjs", { file: "w.mjs" });
    const one = dist.runCheck({ variant, options: { liveness: false } });
    expect(one.result.verdict).toBe("pass");
    let caught: unknown = null;
    try {
      dist.runCheck({ variant, options: { liveness: false, workers: 2, parallelMinLevel: 1 } });
    } catch (e) {
      caught = e;
    }
    const e = caught as Error & { userError?: boolean };
    expect([e.name, e.message, e.userError]).toEqual(["VariantError", "proposal w.mjs: rule FtsProbe.guard threw: boom in a worker", true]);
  });
});
