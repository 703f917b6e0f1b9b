// A CI suite that depends on mirrorcheck (npm install --save-dev mirrorcheck vitest):
// the README's "Using it from a test suite". test/package/pack.test.ts installs the packed
// package into an empty project and runs this file there, type-checked with tsc --strict.
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, it } from "vitest";
import {
  ackedTxnsOf,
  catalogMirror,
  checkText,
  counterexampleTrace,
  replayTraceText,
  runCheck,
  type CustomProperty,
} from "mirrorcheck";

it("the protocol keeps every contract property on the default configuration", () => {
  const report = runCheck({ config: "default" });
  // The message is the full text report: a red CI run shows its counterexample.
  expect(report.result.verdict, checkText(report)).toBe("pass");
  expect(report.expectation?.matches).toBe(true);
});

it("without commitWaitsForMirror a commit is acknowledged that the mirror lacks", () => {
  const report = runCheck({ config: "bug-commitWaitsForMirror" });
  const v = report.result.violations[0];
  expect(v.property).toBe("InSyncMirrorHasAllAcked");

  console.log(checkText(report)); // the counterexample, step by step, as `mirrorcheck check` prints it
  const trace = counterexampleTrace(report.name, report.config, v); // the trace file `mirrorcheck replay` reads
  mkdirSync("counterexamples", { recursive: true });
  writeFileSync(`counterexamples/${v.property}.trace`, trace); // e.g. a CI artifact

  // Replaying it reproduces the violation (its last line is `expect violated InSyncMirrorHasAllAcked`).
  expect(replayTraceText(trace).result.status).toBe("ok");
});

// A property of your own: Greenplum acknowledges commits while the mirror is down (sync rep
// off), by design; a deployment that relies on the opposite learns how that happens.
const NoAckWhileMirrorDown: CustomProperty = {
  name: "NoAckWhileMirrorDown",
  description: "no acked txn is missing from the catalog mirror while the catalog marks it down",
  check: (state) => {
    for (const [c, content] of state.contents.entries()) {
      if (content.catalog.mirrorUp || !content.hasMirror) continue;
      const missing = ackedTxnsOf(state, c).filter((t) => !catalogMirror(content).wal.includes(t));
      if (missing.length > 0) return `content ${c}: txn ${missing[0]} acked while the mirror is down`;
    }
    return undefined;
  },
};

it("a property of your own gets a shortest counterexample", () => {
  const report = runCheck({ config: "tiny", properties: [NoAckWhileMirrorDown] });
  expect(report.result.verdict).toBe("violation");
  expect(report.result.violations[0].property).toBe("NoAckWhileMirrorDown");
  // Not compared with what "tiny" expects: that outcome knows nothing of your property.
  expect(report.expectation).toBeNull();
  const text = checkText(report);
  expect(text).toContain('Not compared with the expected outcome of "tiny"');
  expect(text).toContain("Counterexample to NoAckWhileMirrorDown (no acked txn is missing from the catalog mirror");
});
