/**
 * The thread a `check` or `simulate` search runs in (searchHost.ts says why). It runs the
 * search, writes the counterexample files and formats the report, then hands the text to the
 * main thread, which alone writes to stdout and stderr.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ensureVariantLoaded } from "../model/index.js";
import { checkOutcome, progressFigures, progressLine } from "./checkRun.js";
import { classify } from "./errorReport.js";
import type { SearchWorkerData, WorkerMessage } from "./searchProtocol.js";
import { signalName } from "./signals.js";
import { simulateOutcome, simulateProgressFigures, simulateProgressLine } from "./simulateRun.js";

const { job, interrupt } = workerData as SearchWorkerData;
const flag = new Int32Array(interrupt);
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);

/** The signal that asked the search to stop, or null: polled by the search between states. */
const interruptedBy = (): string | null => {
  const n = Atomics.load(flag, 0);
  return n === 0 ? null : signalName(n);
};

try {
  // The proposal's module, loaded in this thread's registry too (the main thread checked it).
  await ensureVariantLoaded(job.variant);
  const outcome =
    job.command === "check"
      ? checkOutcome(
          job.flags,
          job.maxMemoryBytes,
          () => Atomics.load(flag, 0) !== 0,
          (p) => post({ kind: "progress", line: progressLine(p), figures: progressFigures(p) }),
          job.variant,
        )
      : simulateOutcome(
          job.flags,
          interruptedBy,
          (p) => post({ kind: "progress", line: simulateProgressLine(p), figures: simulateProgressFigures(p) }),
          job.variant,
        );
  post({ kind: "done", outcome });
} catch (e) {
  const err = classify(e);
  post(err === null ? { kind: "crash", stack: e instanceof Error ? (e.stack ?? e.message) : String(e) } : { kind: "error", error: err });
}
