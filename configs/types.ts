/** A canonical configuration (docs/protocol.md section 8) carries its expected outcome as data. */
import type { ConfigInput } from "../model/index.js";

export interface ExpectedOutcome {
  /** The verdict of `mirrorcheck check` (violation also exits 1). */
  readonly result: "pass" | "violation";
  /** Distinct states of the whole reachable graph (for a violation: as explored with --all). */
  readonly distinctStates: number;
  /** Diameter in actions (for a violation: with --all). */
  readonly depth: number;
  /** Every violated property with the length of its shortest counterexample (with --all), in property order. */
  readonly violations: Readonly<Record<string, number>>;
  /** Every witness reached, with the length of its shortest path (with --all for violations). */
  readonly witnesses: Readonly<Record<string, number>>;
  /**
   * Liveness verdicts (docs/protocol.md section 5): for each liveness property, the subjects for
   * which a fair cycle keeps it false ("content=0", "txn=1"); an empty list: it holds. Over
   * the whole reachable graph (with --all where safety fails, as the references count).
   */
  readonly liveness: Readonly<Record<string, readonly string[]>>;
  /**
   * Which of these figures the independent implementations published (issue "mirrorcheck
   * end to end"); the others were measured here and pinned, awaiting comparison.
   */
  readonly reference: readonly ("result" | "distinctStates" | "depth" | "violations" | "witnesses" | "liveness")[];
}

export interface CanonicalConfig {
  readonly name: string;
  readonly description: string;
  readonly input: ConfigInput;
  readonly expected: ExpectedOutcome;
}
