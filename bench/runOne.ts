/**
 * One benchmark run, in a fresh process so that its peak memory is its own: what
 * `mirrorcheck check --json` prints (the same library call), plus the peak resident memory,
 * the liveness phase's own figures and, when asked, the time of each phase. Argument: a JSON
 * `CheckRequest`.
 */
import { runCheck, type CheckRequest } from "../api/index.js";
import { checkJson } from "../report/index.js";

const request = JSON.parse(process.argv[2] ?? "{}") as CheckRequest;
const report = runCheck(request);
const l = report.result.liveness;
const out = {
  ...checkJson(report),
  timing: report.result.timing,
  // The JSON report gives verdicts only; the bench wants the cost (null: no liveness declared).
  livenessCost:
    l === null
      ? null
      : { checked: l.notCheckedReason === null, transitions: l.transitions, edgeBytes: l.edgeBytes, elapsedMs: l.elapsedMs },
  // KiB, for the whole process (every thread).
  maxRssKb: process.resourceUsage().maxRSS,
  // CPU time of the whole process (every thread), ms.
  cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
};
process.stdout.write(JSON.stringify(out) + "\n");
