/** A trace file (docs/trace-format.md) once parsed: a configuration, then actions and expectations. */
import type { Action, ConfigInput } from "../model/index.js";

/** A fact about the current state that replay checks (`expect ...` lines). */
export type Expectation =
  | {
      readonly kind: "catalog";
      readonly content: number;
      readonly primary?: number;
      readonly mirrorUp?: boolean;
      readonly mode?: "s" | "n";
    }
  | {
      readonly kind: "instance";
      readonly dbid: number;
      readonly role?: "p" | "m";
      readonly alive?: boolean;
      readonly syncRep?: boolean;
      readonly syncRepEffective?: boolean;
    }
  | { readonly kind: "wal"; readonly dbid: number; readonly wal: readonly number[] }
  | { readonly kind: "txn"; readonly txn: number; readonly status: "unused" | "waiting" | "acked" | "failed" }
  | { readonly kind: "enabled" | "disabled"; readonly action: Action }
  | {
      readonly kind: "holds" | "violated";
      readonly property: string;
      /** For a liveness property (docs/protocol.md section 5): the content or txn it is about. */
      readonly subject?: LivenessSubject;
    };

/** The subject of a liveness property: `content=C`, or `txn=T` for CommitsAreAnswered. */
export interface LivenessSubject {
  readonly key: "content" | "txn";
  readonly id: number;
}

/** `content=0`, `txn=1`: a subject as trace files and reports write it. */
export function subjectText(s: LivenessSubject): string {
  return `${s.key}=${s.id}`;
}

export type TraceEntry =
  | { readonly kind: "action"; readonly line: number; readonly text: string; readonly action: Action }
  | { readonly kind: "expect"; readonly line: number; readonly text: string; readonly expect: Expectation }
  /**
   * `loop`, at most once: the actions after it form a cycle that must return to the state
   * here; the trace is then a lasso (an infinite behaviour), see docs/trace-format.md.
   */
  | { readonly kind: "loop"; readonly line: number; readonly text: string };

export interface TraceFile {
  /** The configuration name when the file says `config name=...`, else null. */
  readonly configName: string | null;
  readonly config: ConfigInput;
  readonly entries: readonly TraceEntry[];
  /** The config line's `variant=PATH` as written (relative to the trace's folder), or null. */
  readonly variantPath?: string | null;
}

/** A malformed trace file: names the line (1-based) and the problem. The CLI exits 2. */
export class TraceFormatError extends Error {
  override readonly name = "TraceFormatError";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
    /** How to name the place: a line of a trace file, or a state of an ITF file. */
    where: "line" | "state" | "meta" = "line",
  ) {
    super(
      where === "line" ? `${file}:${line}: ${problem}` : where === "state" ? `${file}: state ${line}: ${problem}` : `${file}: ${problem}`,
    );
  }
}
