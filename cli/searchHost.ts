/**
 * Runs a `check` or `simulate` search in a worker thread while the main thread stays free.
 *
 * Why a worker: the search is synchronous. On the main thread it would hold the event loop
 * for the whole run, so a SIGINT or SIGTERM handler could never run: Node would only queue
 * the signal, and the default action (when no handler is installed) kills the process with
 * no report. Here the main thread only waits: on a signal it sets a flag in a
 * SharedArrayBuffer that the search polls (`CheckOptions.interrupted`), and the worker comes
 * back with the report so far. A second signal, or a worker that does not answer within
 * GRACE_MS, ends the run at once; a worker that runs out of heap is ended by V8 without
 * taking the process down, and the main thread still prints a verdict (incomplete, memory).
 * Worker threads the search started (--workers) are ended with it.
 */
import { Worker } from "node:worker_threads";
import { ClassifiedError } from "./errors.js";
import { EXIT } from "./exitCodes.js";
import { memoryAdvice } from "./memory.js";
import { partialReport, type PartialContext } from "./partialReport.js";
import type { ProgressFigures, SearchJob, SearchOutcome, SearchWorkerData, WorkerMessage } from "./searchProtocol.js";
import { STOP_SIGNALS, type StopSignal } from "./signals.js";

const WORKER_URL = new URL("./searchWorker.js", import.meta.url);

/** How long a stopped search may take to hand back its report before the run ends without it. */
export const GRACE_MS = 3000;

export interface HostOptions {
  /** Print the worker's progress lines on stderr. */
  readonly progress: boolean;
  /** What a report made without the worker says (partialReport.ts). */
  readonly partial: PartialContext;
}

export function runSearchInWorker(job: SearchJob, host: HostOptions): Promise<SearchOutcome> {
  const interrupt = new SharedArrayBuffer(4);
  const flag = new Int32Array(interrupt);
  const data: SearchWorkerData = { job, interrupt };
  const worker = new Worker(WORKER_URL, { workerData: data, stdout: false, stderr: false });
  let last: ProgressFigures | null = null;
  let stoppedBy: StopSignal | null = null;
  let grace: NodeJS.Timeout | null = null;

  return new Promise<SearchOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (result: { outcome: SearchOutcome } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
      if (grace !== null) clearTimeout(grace);
      // The worker has posted its last message (or is stuck, or dead): end it and its own workers.
      void worker.terminate().finally(() => ("outcome" in result ? resolve(result.outcome) : reject(result.error)));
    };
    const partial = (kind: "interrupted" | "memory", reason: string, warning: string): void =>
      finish({ outcome: { stdout: partialReport(host.partial, kind, reason, last), warnings: [warning], exitCode: EXIT.incomplete } });
    // Out of memory: the figures are in the report, and what would let the run go further with them.
    const outOfMemory = (what: string): void => {
      const reason = `${what}; ${memoryAdvice()}`;
      partial("memory", reason, `mirrorcheck: ${reason}`);
    };

    const onSignal = (sig: StopSignal): void => {
      if (stoppedBy !== null) {
        process.stderr.write(`mirrorcheck: a second signal (${sig}): exiting at once, without a report\n`);
        process.exit(EXIT.incomplete);
      }
      stoppedBy = sig;
      Atomics.store(flag, 0, STOP_SIGNALS[sig]);
      process.stderr.write(`mirrorcheck: ${sig}: stopping the search; the report so far follows (a second signal exits at once)\n`);
      grace = setTimeout(
        () =>
          partial(
            "interrupted",
            `interrupted (${sig})`,
            `mirrorcheck: the search did not stop within ${GRACE_MS / 1000} s of ${sig}: ended it; figures are from its last progress line`,
          ),
        GRACE_MS,
      );
    };
    const onSigint = (): void => onSignal("SIGINT");
    const onSigterm = (): void => onSignal("SIGTERM");
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigterm);

    worker.on("message", (m: WorkerMessage) => {
      switch (m.kind) {
        case "progress":
          last = m.figures;
          if (host.progress) process.stderr.write(m.line + "\n");
          return;
        case "done":
          return finish({ outcome: m.outcome });
        case "error":
          if (m.error.kind === "memory") {
            return outOfMemory(m.error.message);
          }
          return finish({ error: new ClassifiedError(m.error.kind, m.error.message) });
        case "crash":
          // A defect in mirrorcheck: its stack trace, as an uncaught error would print it.
          return finish({ error: new Error(`the search failed:\n${m.stack}`) });
      }
    });
    worker.on("error", (e: Error & { code?: string }) => {
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
        return outOfMemory("out of memory: the search filled the JavaScript heap");
      }
      finish({ error: e });
    });
    worker.on("exit", (code) => {
      finish({ error: new Error(`the search thread exited (code ${code}) without a report`) });
    });
  });
}
