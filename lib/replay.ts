/**
 * Explaining a trace given as text, as `mirrorcheck explain` does after reading the file.
 * Replaying one is trace/'s `replayTraceText`, which the CLI uses too.
 */
import { explainReplay, explainText, type Explanation } from "../report/index.js";
import { replayTraceText, type ParseOptions, type TraceFile, type TraceReplay } from "../trace/index.js";

export { replayTraceText, type TraceReplay };

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
 * violated` line, else the first property violated) depends on. Under a proposal, pass the
 * loaded one (`options.variant`; a trace names it on its config line, see traceVariantPath).
 */
export function explainTraceText(text: string, name = "trace", property?: string, options: ParseOptions = {}): TraceExplanation {
  const { trace, result } = replayTraceText(text, name, options);
  const explanation = explainReplay(result, property ?? claimedViolation(trace));
  return { trace, result, explanation, text: explainText(name, result, explanation) };
}
