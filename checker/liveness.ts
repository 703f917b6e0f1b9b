/**
 * Liveness over the whole reachable graph: for each `GF P` property and each subject, is
 * there a reachable fair cycle along which P is false in every state? (fairScc.ts says why
 * one SCC pass per goal decides that exactly under weak fairness.) For each violated
 * property the first violating subject gets a lasso (lasso.ts); every violating subject is
 * listed.
 */
import type { LivenessOutcome } from "./common.js";
import { cycleCandidates, findFairComponent, SccScratch } from "./fairScc.js";
import type { FingerprintTable } from "./fpTable.js";
import { cycleSteps, fairnessAccount, replayCycle, WalkScratch } from "./lasso.js";
import type { LivenessRecorder } from "./livenessRecorder.js";
import type { Model } from "./model.js";
import type { CheckOptions, LivenessPropertyResult, Violation } from "./result.js";
import type { StateTable } from "./stateTable.js";
import { rebuildTrace } from "./trace.js";

/** Why this run cannot check liveness, or null when it can (given a complete search). */
export function livenessRefusal<S, A>(model: Model<S, A>, options: CheckOptions): string | null {
  if (model.liveness === undefined) return null;
  if (options.liveness === false) return "liveness checking was switched off";
  if ((options.strategy ?? "bfs") === "dfs") return "liveness is checked on the graph a BFS builds, not with DFS";
  if (options.exact === true) return "liveness needs 64-bit fingerprints, not exact keys";
  if (options.symmetry === true) {
    return "liveness is not checked under symmetry reduction: fairness is per action instance, and a cycle of orbits need not be a cycle of states";
  }
  return null;
}

/** The outcome of a run whose liveness was not checked, with the reason. */
export function livenessNotChecked<S, A>(model: Model<S, A>, reason: string): LivenessOutcome<S, A> | null {
  const live = model.liveness;
  if (live === undefined) return null;
  return {
    report: {
      notCheckedReason: reason,
      properties: live.properties.map((p) => ({ name: p.name, verdict: "not-checked", violators: [] })),
      transitions: 0,
      edgeBytes: 0,
      elapsedMs: 0,
    },
    violations: [],
  };
}

/** Thrown by the analysis's poll when the run's limits stop it; caught below. */
class Stopped {}

/**
 * Decides every goal over the recorded graph and builds a lasso per violated property.
 * `poll` is called every few thousand steps (progress, the run's limits); when it returns
 * true the analysis stops and returns null: liveness is then not checked.
 */
export function analyseLiveness<S, A>(
  model: Model<S, A>,
  recorder: LivenessRecorder<S, A>,
  fpTable: FingerprintTable,
  table: StateTable,
  initial: readonly S[],
  poll: () => boolean = () => false,
): LivenessOutcome<S, A> | null {
  const check = (): void => {
    if (poll()) throw new Stopped();
  };
  try {
    return analyse(model, recorder, fpTable, table, initial, check);
  } catch (e) {
    if (e instanceof Stopped) return null;
    throw e;
  }
}

function analyse<S, A>(
  model: Model<S, A>,
  recorder: LivenessRecorder<S, A>,
  fpTable: FingerprintTable,
  table: StateTable,
  initial: readonly S[],
  check: () => void,
): LivenessOutcome<S, A> {
  const live = model.liveness;
  if (live === undefined) throw new Error("analyseLiveness: the model has no liveness");
  const t0 = performance.now();
  const states = table.size;
  const g = recorder.finish(fpTable, table, states, check);
  const fairCount = live.fairInstances.length;
  const scc = new SccScratch(states, fairCount);
  const walk = new WalkScratch(states);
  const candidates = cycleCandidates(g, scc, check);
  // One buffer for every goal's set of states (where P is false, among the candidates).
  const inSet = new Uint8Array(states);

  const violators: string[][] = live.properties.map(() => []);
  const violations: Violation<S, A>[] = [];
  recorder.goals.forEach((goal, gi) => {
    check();
    const prop = live.properties[goal.property];
    const found = findFairComponent(g, recorder.badMask(gi, states, candidates, inSet), scc, check);
    if (found === null) return;
    violators[goal.property].push(prop.subjects[goal.subject]);
    if (violators[goal.property].length > 1) return;
    const stem = rebuildTrace(model, initial, table, found.root);
    const loopState = stem[stem.length - 1].state;
    const cycle = replayCycle(model, loopState, g, cycleSteps(g, found, fairCount, walk));
    const trace = [...stem, ...cycle];
    const loopStart = stem.length - 1;
    const cycleStates = [loopState, ...cycle.slice(0, -1).map((s) => s.state)];
    for (const s of cycleStates) {
      if (prop.holds(s, goal.subject)) throw new Error(`lasso: ${prop.name} holds on the cycle (model is not deterministic?)`);
    }
    violations.push({
      property: prop.name,
      kind: "liveness",
      message: prop.explain(cycleStates, goal.subject),
      length: trace.length - 1,
      trace,
      lasso: {
        subject: prop.subjects[goal.subject],
        stemLength: loopStart,
        cycleLength: cycle.length,
        loopStart,
        fairness: fairnessAccount(model, live, trace, loopStart),
      },
    });
  });

  const properties: LivenessPropertyResult[] = live.properties.map((p, i) => ({
    name: p.name,
    verdict: violators[i].length > 0 ? "violated" : "holds",
    violators: violators[i],
  }));
  return {
    report: {
      notCheckedReason: null,
      properties,
      transitions: g.transitions,
      edgeBytes: recorder.edges.peakBytes,
      elapsedMs: performance.now() - t0,
    },
    violations,
  };
}
