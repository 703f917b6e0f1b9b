/**
 * The messages between the CLI's main thread and the thread that runs a search (see
 * searchHost.ts for why the search runs in a worker at all).
 */
import type { VariantRef } from "../model/index.js";
import type { CheckFlags } from "./checkFlags.js";
import type { ErrorKind } from "./errorReport.js";
import type { SimulateFlags } from "./simulateFlags.js";

/** `variant`: the proposal the main thread loaded (--variant); the search thread loads it again. */
export type SearchJob =
  | { readonly command: "check"; readonly flags: CheckFlags; readonly maxMemoryBytes: number; readonly variant: VariantRef | null }
  | { readonly command: "simulate"; readonly flags: SimulateFlags; readonly variant: VariantRef | null };

export interface SearchWorkerData {
  readonly job: SearchJob;
  /** One Int32: 0 while the search may go on, 1 once a signal asked it to stop. */
  readonly interrupt: SharedArrayBuffer;
}

/** The figures of the last progress callback: what a report made without the worker can say. */
export interface ProgressFigures {
  /** Distinct states (check) or walks run (simulate). */
  readonly count: number;
  readonly depth: number | null;
  readonly elapsedMs: number;
}

/** What a search ends with, as the main thread prints it. */
export interface SearchOutcome {
  readonly stdout: string;
  /** Lines for stderr after the report (a file that could not be written, what stopped the run). */
  readonly warnings: readonly string[];
  readonly exitCode: number;
}

export type WorkerMessage =
  | { readonly kind: "progress"; readonly line: string; readonly figures: ProgressFigures }
  | { readonly kind: "done"; readonly outcome: SearchOutcome }
  | { readonly kind: "error"; readonly error: { readonly kind: ErrorKind; readonly message: string; readonly exitCode: number } }
  | { readonly kind: "crash"; readonly stack: string };
