/**
 * One `check` run, from its flags to the text it prints: what the search thread does
 * (searchWorker.ts). The output is byte for byte what `check` printed before it ran in a worker.
 */
import { writeFileSync } from "node:fs";
import { runCheck, type CheckReport } from "../api/index.js";
import type { Progress } from "../checker/index.js";
import {
  checkJson,
  checkText,
  counterexampleItf,
  counterexampleTrace,
  htmlInputFromViolation,
  htmlReport,
  num,
} from "../report/index.js";
import type { CheckFlags } from "./checkFlags.js";
import { overridesFrom } from "./configOptions.js";
import { EXIT } from "./exitCodes.js";
import { writeOutputOrWarn } from "./files.js";
import type { VariantRef } from "../model/index.js";
import { variantPathFrom } from "./variantFile.js";
import type { ProgressFigures, SearchOutcome } from "./searchProtocol.js";

export function progressLine(p: Progress): string {
  // After the search, the figures are its final ones: say which phase is running now.
  const phase = p.phase === "search" ? "" : `${p.phase} (after the search): `;
  return `progress: ${phase}${num(p.distinctStates)} states, ${num(Math.round(p.statesPerSecond))} states/s, queue ${num(p.queue)}, depth ${p.depth}, ${(p.elapsedMs / 1000).toFixed(0)} s`;
}

export function progressFigures(p: Progress): ProgressFigures {
  return { count: p.distinctStates, depth: p.depth, elapsedMs: p.elapsedMs };
}

/**
 * The file for the k-th of n counterexamples: FILE itself when there is one, otherwise the
 * property's name inserted before the extension (cex.trace → cex.NoLostAckedCommit.trace).
 */
export function outputPath(file: string, property: string, n: number): string {
  if (n <= 1) return file;
  const m = /^(.*?)((?:\.itf)?\.[^./]+)$/.exec(file);
  return m === null ? `${file}.${property}` : `${m[1]}.${property}${m[2]}`;
}

/** Writes the counterexamples where --trace-out, --itf and --html ask: the trace files written, and warnings for those that failed. */
function writeCounterexamples(report: CheckReport, flags: CheckFlags): { written: string[]; warnings: string[] } {
  const violations = report.result.violations.filter((v) => v.kind === "invariant" || v.kind === "liveness");
  const written: string[] = [];
  const warnings: string[] = [];
  const write = (path: string, data: string): boolean => {
    const w = writeOutputOrWarn(path, data, writeFileSync);
    if (w !== null) warnings.push(w);
    return w === null;
  };
  for (const v of violations) {
    if (flags.traceOut !== undefined) {
      const path = outputPath(flags.traceOut, v.property, violations.length);
      const variantPath = report.variant === null ? undefined : variantPathFrom(path, report.variant);
      if (write(path, counterexampleTrace(report.name, report.config, v, { variantPath }))) written.push(path);
    }
    if (flags.itf !== undefined) {
      const path = outputPath(flags.itf, v.property, violations.length);
      const variantPath = report.variant === null ? undefined : variantPathFrom(path, report.variant);
      const itf = counterexampleItf(report.name, report.config, v, { variantPath });
      write(path, JSON.stringify(itf, null, 1) + "\n");
    }
    if (flags.html !== undefined) {
      const tracePath = flags.traceOut === undefined ? undefined : outputPath(flags.traceOut, v.property, violations.length);
      const input = htmlInputFromViolation(report.name, report.config, v, {
        ...(tracePath === undefined || !written.includes(tracePath) ? {} : { replayCommand: `mirrorcheck replay ${tracePath}` }),
      });
      write(outputPath(flags.html, v.property, violations.length), htmlReport(input));
    }
  }
  return { written, warnings };
}

export function checkOutcome(
  flags: CheckFlags,
  maxMemoryBytes: number,
  interrupted: () => boolean,
  onProgress: (p: Progress) => void,
  variant: VariantRef | null = null,
): SearchOutcome {
  const report = runCheck({
    variant,
    config: flags.config,
    overrides: overridesFrom(flags),
    coverage: flags.coverage === true,
    options: {
      strategy: flags.strategy,
      all: flags.all === true,
      maxStates: flags.maxStates,
      maxDepth: flags.maxDepth,
      exact: flags.exact === true,
      symmetry: flags.symmetry === true,
      workers: flags.workers,
      liveness: flags.liveness,
      timeLimitMs: flags.timeLimit === undefined ? undefined : flags.timeLimit * 1000,
      maxMemoryBytes,
      interrupted,
      onProgress,
    },
  });
  const { written, warnings } = writeCounterexamples(report, flags);
  const stdout = (flags.json ? JSON.stringify(checkJson(report), null, 2) : checkText(report, { traceFiles: written })) + "\n";
  const verdict = report.result.verdict;
  return { stdout, warnings, exitCode: verdict === "pass" ? EXIT.pass : verdict === "incomplete" ? EXIT.incomplete : EXIT.violation };
}
