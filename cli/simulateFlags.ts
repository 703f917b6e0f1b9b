/** The options of `simulate` as commander parses them (plain data: they cross to the search thread). */
import type { ConfigFlags } from "./configOptions.js";

export interface SimulateFlags extends ConfigFlags {
  runs: number;
  depth: number;
  seed?: number;
  /** Seconds. */
  timeLimit?: number;
  shard?: string;
  path?: string;
  /** Write the counterexample as a trace file. */
  traceOut?: string;
  /** The old name of --trace-out (hidden alias); simulate.ts folds it into traceOut. */
  trace?: string;
  itf?: string;
  html?: string;
  shrink: boolean;
  json?: boolean;
  timing?: boolean;
  progress: boolean;
}
