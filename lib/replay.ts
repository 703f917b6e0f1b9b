/**
 * Replaying and explaining a trace given as text, in either form `mirrorcheck replay`
 * reads: a trace file (docs/trace-format.md) or ITF JSON, whose recorded states must match the
 * replay. The CLI does the same after reading the file (cli/replay.ts `replayFile`, which
 * only cli/ may import); a library user may hold the text only (a CI artifact, a string in
 * a test). Both should become one function in trace/.
 */
import { explainReplay, explainText, type Explanation } from "../report/index.js";
import { fromItf, itfDifference, parseTrace, replayTrace, type ReplayResult, type TraceFile } from "../trace/index.js";

export interface TraceReplay {
  /** The trace as read (for ITF: its actions, plus `expect violated` when the file names a violation). */
  readonly trace: TraceFile;
  readonly result: ReplayResult;
}

/**
 * Replays `text`; `name` is the file name used in messages ("line 3 of NAME"). Throws
 * TraceFormatError for a malformed text; an action that is not enabled is a result
 * (status "not-enabled"), as is a failed expectation.
 */
export function replayTraceText(text: string, name = "trace"): TraceReplay {
  if (!text.trimStart().startsWith("{")) {
    const trace = parseTrace(text, name);
    return { trace, result: replayTrace(trace) };
  }
  const itf = fromItf(text, name);
  // The `expect violated` line the file stands for comes last, after the cycle of a lasso.
  const entries = itf.violatedExpectation === null ? itf.trace.entries : [...itf.trace.entries, itf.violatedExpectation];
  const trace = { ...itf.trace, entries };
  const result = replayTrace(trace, {
    checkState: (k, s) => (k < itf.states.length ? itfDifference(itf.states[k], s) : `the file records no state ${k}`),
  });
  return { trace, result };
}

/** The property a trace says it violates: its last `expect violated` line, if any. */
function claimedViolation(trace: TraceFile): string | undefined {
  for (const e of [...trace.entries].reverse()) {
    if (e.kind === "expect" && e.expect.kind === "violated") return e.expect.property;
  }
  return undefined;
}

export interface TraceExplanation extends TraceReplay {
  readonly explanation: Explanation;
  /** What `mirrorcheck explain` prints. */
  readonly text: string;
}

/**
 * Explains `text` as `mirrorcheck explain` does: why each step was enabled, the FTS decision,
 * what changed, and the steps the violation of `property` (default: the trace's `expect
 * violated` line, else the first property violated) depends on.
 */
export function explainTraceText(text: string, name = "trace", property?: string): TraceExplanation {
  const { trace, result } = replayTraceText(text, name);
  const explanation = explainReplay(result, property ?? claimedViolation(trace));
  return { trace, result, explanation, text: explainText(name, result, explanation) };
}
