// Every safety bug variant (and every finding) of PROTOCOL.md is found by `simulate` with a fixed
// seed within the default run count; its counterexample, shrunk and minimised, is a trace
// file that `replay` reproduces, no longer than the walk that found it and no shorter than
// BFS's shortest (configs/canonical.ts).
import { describe, expect, it } from "vitest";
import { runSimulate } from "../../api/index.js";
import { RANDOM_DEFAULTS } from "../../checker/index.js";
import { CANONICAL_CONFIGS } from "../../configs/index.js";
import { formatAction } from "../../model/index.js";
import { traceFileText } from "../../report/index.js";
import { parseTrace, replayTrace } from "../../trace/index.js";

const SEED = 2024;
/** Random walks find safety violations; a liveness violation (a fair cycle) is the exhaustive check's to find. */
const violating = CANONICAL_CONFIGS.filter((c) => Object.keys(c.expected.violations).length > 0);
const livenessOnly = CANONICAL_CONFIGS.filter((c) => c.expected.result === "violation" && !violating.includes(c));

describe("simulate finds every bug variant", () => {
  it("covers the six safety bug-<safeguard> configurations and the two findings", () => {
    expect(livenessOnly.map((c) => c.name).sort()).toEqual(["bug-incrementalRecoveryRewinds", "bug-resendLostPromote"]);
    expect(violating.map((c) => c.name).sort()).toEqual(
      [
        "as-implemented",
        "bug-commitWaitsForMirror",
        "bug-inSyncOnlyWhenCaughtUp",
        "bug-markDownBeforeSyncRepOff",
        "bug-promoteRequiresInSync",
        "bug-rebalanceRequiresInSync",
        "bug-syncRepOnBeforeInSync",
        "deferred-reload",
      ].sort(),
    );
  });

  for (const canonical of livenessOnly) {
    it(`${canonical.name}: guards liveness only, so no walk breaks a safety property`, () => {
      const report = runSimulate({ config: canonical.name, options: { seed: SEED, runs: 1000 } });
      expect(report.result.violation).toBeNull();
      expect(report.result.runs).toBe(1000);
      // simulate checks safety only, so for it this variant is expected to pass.
      expect(report.expectation).toEqual({ matches: true, differences: [] });
    });
  }

  for (const canonical of violating) {
    it(`${canonical.name}: found, shrunk, and replayed`, () => {
      const report = runSimulate({ config: canonical.name, options: { seed: SEED } });
      const v = report.result.violation;
      expect(v, "no violation found").not.toBeNull();
      if (v === null) return;
      expect(report.result.runs).toBeLessThanOrEqual(RANDOM_DEFAULTS.runs);
      expect(report.expectation?.matches).toBe(true);
      const bfs = canonical.expected.violations[v.property];
      expect(bfs, `${v.property} is not among the expected violations`).toBeDefined();
      expect(report.bfsShortest).toBe(bfs);
      expect(v.shrunkLength).toBeLessThanOrEqual(v.walkLength);
      expect(v.length).toBeLessThanOrEqual(v.shrunkLength);
      expect(v.length).toBeGreaterThanOrEqual(bfs);

      // The trace file replays to a violation of the same property, step by step.
      const text = traceFileText(report);
      expect(text).toContain(`expect violated ${v.property}\n`);
      const replayed = replayTrace(parseTrace(text, `${canonical.name}.trace`));
      expect(replayed.status).toBe("ok");
      expect(replayed.items.filter((i) => i.kind === "step")).toHaveLength(v.length);

      // The seed and path replay the shrunk walk.
      const again = runSimulate({
        config: canonical.name,
        options: { replay: { seed: v.runSeed, path: v.path }, depth: report.depth },
      });
      const w = again.result.violation;
      expect(w?.property).toBe(v.property);
      expect(w?.shrunkLength).toBe(v.shrunkLength);
      expect(w?.trace.slice(1).map((s) => formatAction(s.action!.action))).toEqual(
        v.trace.slice(1).map((s) => formatAction(s.action!.action)),
      );
    });
  }
});
