/** The options of `check` as commander parses them (plain data: they cross to the search thread). */
import type { ConfigFlags } from "./configOptions.js";

export interface CheckFlags extends ConfigFlags {
  strategy: "bfs" | "dfs";
  all?: boolean;
  maxStates?: number;
  maxDepth?: number;
  /** Seconds. */
  timeLimit?: number;
  /** Bytes; absent: a share of V8's heap limit (memory.ts). */
  maxMemory?: number;
  json?: boolean;
  progress: boolean;
  exact?: boolean;
  symmetry?: boolean;
  workers: number;
  coverage?: boolean;
  traceOut?: string;
  itf?: string;
  html?: string;
  liveness: boolean;
}
