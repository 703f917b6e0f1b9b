/**
 * stdout that a reader may close (`| head -1`: EPIPE) or a disk may refuse (`> /dev/full`:
 * ENOSPC). Node reports both as an 'error' event after the write returned; unhandled, it is
 * a stack trace. A closed pipe means the reader has what it wanted: end quietly with the
 * verdict's exit code. Any other failure is one line on stderr; the exit code stays the
 * verdict's (the run's outcome did not change, only its printing failed).
 */

let failed = false;

/** Installs the handler once, before anything is printed. */
export function guardStdout(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    if (e.code !== "EPIPE") {
      const why = e.code === "ENOSPC" ? "no space left on device" : e.message;
      process.stderr.write(`mirrorcheck: cannot write to stdout: ${why}${e.code === undefined || e.code === "ENOSPC" ? "" : ` (${e.code})`}\n`);
    }
  });
  // stderr closed too (both piped to a closed reader): nothing left to say, and no trace.
  process.stderr.on("error", () => undefined);
}

/** Writes to stdout unless it already failed (a closed pipe takes nothing more). */
export function writeStdout(text: string): void {
  if (!failed) process.stdout.write(text);
}
