/**
 * How a failure the user can cause is reported: one line on stderr and, with --json, one
 * object `{ "error": { "kind", "message" } }` on stdout (the README promises exactly one JSON
 * object), with the exit code of its kind. A failure that is none of these is a defect in
 * mirrorcheck and keeps its stack trace.
 */
import { CommanderError } from "commander";
import { ClusterInputError } from "../cluster/index.js";
import { isUserError } from "../checker/index.js";
import { ConfigError, PlacementError, VariantError } from "../model/index.js";
import { TraceFormatError } from "../trace/index.js";
import { ClassifiedError, OutputError, UsageError, type ErrorKind } from "./errors.js";
import { escapeControls } from "./escape.js";
import { EXIT } from "./exitCodes.js";
import { isAllocationFailure } from "./memory.js";
import { writeStdout } from "./stdout.js";


export type { ErrorKind };

export interface CliError {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly exitCode: number;
}

export interface ErrorJson {
  readonly error: { readonly kind: ErrorKind; readonly message: string };
}

/** Commander's message as mirrorcheck says it: its first line, without "error: ". */
export function commanderMessage(text: string): string {
  return text.trimEnd().split("\n")[0].replace(/^error: /, "");
}

/** The error as the user should see it, or null for a defect (a bug in mirrorcheck). */
export function classify(e: unknown): CliError | null {
  const make = (kind: ErrorKind, message: string): CliError => ({
    kind,
    message: escapeControls(message),
    exitCode: kind === "memory" ? EXIT.incomplete : EXIT.usage,
  });
  if (e instanceof ClassifiedError) return make(e.kind, e.message);
  if (e instanceof CommanderError) return make("usage", commanderMessage(e.message));
  if (e instanceof OutputError) return make("output", e.message);
  if (e instanceof UsageError) return make("usage", e.message);
  if (e instanceof TraceFormatError || e instanceof ClusterInputError) return make("input", e.message);
  if (e instanceof ConfigError || e instanceof PlacementError) return make("config", e.message);
  // A proposal that cannot be loaded or whose rule broke the model (also from a worker thread).
  if (e instanceof VariantError || isUserError(e)) return make("input", (e as Error).message);
  // An allocation failure is a RangeError too, but no fault of the input: not exit 2.
  if (isAllocationFailure(e)) return make("memory", `out of memory: ${(e as Error).message}`);
  if (e instanceof RangeError) return make("config", e.message);
  return null;
}

/**
 * Prints a classified error: the line on stderr (unless commander already printed it) and,
 * with --json, the object on stdout.
 */
export function reportError(err: CliError, json: boolean, alreadyOnStderr = false): void {
  if (!alreadyOnStderr) process.stderr.write(`mirrorcheck: ${err.message}\n`);
  if (json) {
    const obj: ErrorJson = { error: { kind: err.kind, message: err.message } };
    writeStdout(JSON.stringify(obj, null, 2) + "\n");
  }
}

/** Whether the command line asks for JSON output (an option before any "--"). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
}
