/**
 * Replaying a trace given as text, in either form `mirrorcheck replay` reads: a trace file
 * (docs/trace-format.md) or ITF JSON, whose recorded states must match the replay. The CLI
 * reads the file and calls this; a library user may hold the text only (a CI artifact, a
 * string in a test). Under a proposal, pass the loaded one (`options.variant`, parse.ts).
 */
import { fromItf, itfDifference } from "./itf.js";
import { parseTrace, type ParseOptions } from "./parse.js";
import { replayTrace, type ReplayResult } from "./replay.js";
import type { TraceFile } from "./types.js";

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
export function replayTraceText(text: string, name = "trace", options: ParseOptions = {}): TraceReplay {
  if (!text.trimStart().startsWith("{")) {
    const trace = parseTrace(text, name, options);
    return { trace, result: replayTrace(trace) };
  }
  const itf = fromItf(text, name, options);
  // The `expect violated` line the file stands for comes last, after the cycle of a lasso.
  const entries = itf.violatedExpectation === null ? itf.trace.entries : [...itf.trace.entries, itf.violatedExpectation];
  const trace = { ...itf.trace, entries };
  const result = replayTrace(trace, {
    checkState: (k, s) => (k < itf.states.length ? itfDifference(itf.states[k], s) : `the file records no state ${k}`),
  });
  return { trace, result };
}
