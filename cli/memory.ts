/**
 * Memory limits of `check`. The search stops itself (incomplete, reason memory) before V8
 * would abort the process: by default at 80% of the heap V8 was given (`node
 * --max-old-space-size`, or V8's own default), which leaves room for building the report.
 */
import { getHeapStatistics } from "node:v8";

/** Share of V8's heap limit the search may use when --max-memory is not given. */
export const DEFAULT_MEMORY_SHARE = 0.8;

/** The heap V8 was given, in bytes. Worker threads get the same limit (V8 flags are per process). */
export function heapLimitBytes(): number {
  return getHeapStatistics().heap_size_limit;
}

export function defaultMaxMemoryBytes(): number {
  return Math.floor(heapLimitBytes() * DEFAULT_MEMORY_SHARE);
}

/** 1.5 GB, 512 MB: sizes in messages. */
export function sizeText(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${Math.round(bytes / 2 ** 20)} MB`;
}

/**
 * Whether an error is the engine running out of memory rather than bad input. Both are
 * RangeErrors; only the first is the user's doing, so only it may exit 2.
 */
export function isAllocationFailure(e: unknown): boolean {
  return (
    e instanceof RangeError &&
    /allocation failed|Invalid (typed )?array (buffer )?length|Invalid string length|Array buffer allocation/i.test(e.message)
  );
}

/** What would let a run that ran out of memory go further: the flags, in one sentence. */
export function memoryAdvice(): string {
  const limitMb = Math.round(heapLimitBytes() / 2 ** 20);
  return `V8's heap limit is ${sizeText(heapLimitBytes())}: give more with NODE_OPTIONS=--max-old-space-size=${limitMb * 2}, or bound the search with --max-states`;
}
