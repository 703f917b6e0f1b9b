/**
 * What may stop a run besides its bounds on states and depth: a time limit, a memory limit,
 * an interruption (a signal the caller turned into `interrupted()`), and allocation failures
 * (alloc.ts). One `RunBudget` serves the search and every phase after it (witness paths,
 * liveness, minimisation), so the limits bound the whole run, not only the search.
 *
 * Polling is sparse by design: the search polls every 1024 expansions and at each level,
 * never per transition. A poll reads a clock and, with a memory limit, the process's memory
 * (a few microseconds). A stop is sticky: once hit, every later poll returns it, so each
 * phase after the one that hit it is skipped at once.
 */
import { formatBytes } from "./alloc.js";
import type { IncompleteKind } from "./result.js";

/** Why a run ended early: the kind, and a sentence for the user. */
export interface Stop {
  readonly kind: IncompleteKind;
  readonly reason: string;
}

export interface BudgetOptions {
  readonly timeLimitMs?: number;
  readonly maxMemoryBytes?: number;
  readonly interrupted?: () => boolean;
}

/**
 * The memory a run makes grow: the V8 heap in use plus array buffers (the typed arrays of the
 * visited set, the queues and the edge store live outside the heap).
 */
export function memoryInUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export class RunBudget {
  /** Whether any limit is set; without one a poll costs a comparison. */
  readonly active: boolean;
  private readonly deadline: number;
  private readonly maxMemory: number;
  private readonly interrupted: (() => boolean) | null;
  private stopped: Stop | null = null;

  constructor(
    private readonly options: BudgetOptions,
    t0: number,
    /** What would help when memory runs out ("try --symmetry, a smaller configuration, ..."). */
    private readonly advice: string,
    private readonly measure: () => number = memoryInUse,
  ) {
    this.deadline = options.timeLimitMs === undefined ? Number.POSITIVE_INFINITY : t0 + options.timeLimitMs;
    this.maxMemory = options.maxMemoryBytes ?? Number.POSITIVE_INFINITY;
    this.interrupted = options.interrupted ?? null;
    this.active = this.interrupted !== null || Number.isFinite(this.deadline) || Number.isFinite(this.maxMemory);
  }

  /** The stop hit so far, or null (a method: it changes as the run goes on). */
  stop(): Stop | null {
    return this.stopped;
  }

  /**
   * Checks the interruption, the clock and the memory, in that order; returns the stop once
   * one is hit. `during` names the phase after the search that is running ("the liveness
   * analysis"), for the reason.
   */
  poll(during?: string): Stop | null {
    if (this.stopped !== null || !this.active) return this.stopped;
    const where = during === undefined ? "" : ` during ${during}`;
    if (this.interrupted !== null && this.interrupted()) return this.set({ kind: "interrupted", reason: `interrupted${where}` });
    if (performance.now() >= this.deadline) {
      return this.set({ kind: "time-limit", reason: `time limit of ${formatMs(this.options.timeLimitMs ?? 0)} reached${where}` });
    }
    if (this.maxMemory !== Number.POSITIVE_INFINITY) {
      const used = this.measure();
      if (used > this.maxMemory) {
        return this.set({
          kind: "memory",
          reason: `memory limit of ${formatBytes(this.maxMemory)} reached${where} (${formatBytes(used)} in use); ${this.advice}`,
        });
      }
    }
    return null;
  }

  /** Records a stop found elsewhere (a bound, an allocation failure); the first one stays. */
  set(stop: Stop): Stop {
    if (this.stopped === null) this.stopped = stop;
    return this.stopped;
  }

  /** Records an allocation failure as a "memory" stop. */
  outOfMemory(e: Error, during?: string): Stop {
    const where = during === undefined ? "" : ` during ${during}`;
    return this.set({ kind: "memory", reason: `out of memory${where}: ${e.message}; ${this.advice}` });
  }
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return s < 120 ? `${Number(s.toFixed(1))} s` : `${Number((s / 60).toFixed(1))} min`;
}
