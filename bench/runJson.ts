/** What bench/runOne.ts prints for one run: the fields of `check --json` the benchmark reads, and its own. */

export interface LivenessCost {
  /** False when the run could not analyse the whole graph (then the figures below are 0). */
  readonly checked: boolean;
  /** Transitions stored in the edge store. */
  readonly transitions: number;
  /** Bytes of the edge store at its largest. */
  readonly edgeBytes: number;
  /** The graph analysis after the search (SCCs and lassos), ms. */
  readonly elapsedMs: number;
}

export interface RunJson {
  readonly result: string;
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly depth: number;
  readonly elapsedMs: number;
  readonly workers: number;
  readonly fingerprint: { readonly kind: string; readonly collisionProbability: number };
  readonly memory: { readonly visitedBytes: number | null; readonly traceBytes: number; readonly bytesPerState: number | null };
  readonly timing: Record<string, number> | null;
  /** Null when the model declares no liveness. */
  readonly livenessCost: LivenessCost | null;
  readonly maxRssKb: number;
  readonly cpuMs: number;
}
