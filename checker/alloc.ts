/**
 * Allocation failures as a verdict, not a crash.
 *
 * The search's big structures (the fingerprint table, the state table, the level queues, the
 * liveness edge store) are typed arrays. When one cannot grow, V8 throws a RangeError
 * ("Array buffer allocation failed", "Invalid typed array length: …"): the same class as a
 * bad option, which the CLI reports as bad input (exit 2). So every such allocation goes
 * through `allocating`, which turns that RangeError into an `AllocationFailure` naming the
 * structure and the size; a search catches it and ends as incomplete with kind "memory".
 *
 * Running out of the V8 heap itself (plain objects) cannot be caught: it aborts the process.
 * `CheckOptions.maxMemoryBytes` is what stops a run before that (budget.ts).
 */

/** A typed-array allocation the machine could not satisfy. */
export class AllocationFailure extends Error {
  override readonly name = "AllocationFailure";

  constructor(
    /** The structure that could not grow: "the visited set (fingerprint table)". */
    readonly what: string,
    /** Bytes asked for. */
    readonly bytes: number,
    /** V8's own message. */
    readonly detail: string,
  ) {
    super(`could not allocate ${formatBytes(bytes)} for ${what} (${detail})`);
  }
}

export function isAllocationFailure(e: unknown): e is AllocationFailure {
  return e instanceof AllocationFailure;
}

/**
 * V8's messages for an allocation that failed or was too large: typed arrays, arrays,
 * strings, and a Map or Set past its 2^24 entries (the exact-key visited set).
 */
const ALLOCATION_MESSAGE =
  /Array buffer allocation failed|Invalid typed array length|Invalid array buffer length|Invalid array length|Invalid string length|(Map|Set) maximum size exceeded/;

/**
 * Whether `e` says memory ran out, rather than that an input was wrong: an
 * `AllocationFailure`, or a RangeError with one of V8's allocation messages. The CLI uses
 * it to tell an out-of-memory verdict from bad input (only the latter is exit 2).
 */
export function isOutOfMemoryError(e: unknown): e is Error {
  return e instanceof AllocationFailure || (e instanceof RangeError && ALLOCATION_MESSAGE.test(e.message));
}

/**
 * For tests: allocations through `allocating` larger than `bytes` fail as if the machine had
 * no more memory (null: no limit, the default). Lets a test drive a real search into an
 * allocation failure without exhausting the test machine.
 */
let simulatedLimit: number | null = null;
export function simulateAllocationLimit(bytes: number | null): void {
  simulatedLimit = bytes;
}

/**
 * Runs `make` (which allocates about `bytes` bytes for `what`), turning an allocation
 * RangeError into an AllocationFailure. Called where structures grow, never per transition.
 */
export function allocating<T>(what: string, bytes: number, make: () => T): T {
  if (simulatedLimit !== null && bytes > simulatedLimit) {
    throw new AllocationFailure(what, bytes, "Array buffer allocation failed (simulated)");
  }
  try {
    return make();
  } catch (e) {
    if (e instanceof RangeError && ALLOCATION_MESSAGE.test(e.message)) throw new AllocationFailure(what, bytes, e.message);
    throw e;
  }
}

/** 1536 → "1.5 KB", in powers of 1024, for messages. */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
