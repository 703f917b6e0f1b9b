/**
 * The one-content model a history is checked against, explored once into a graph.
 *
 * History mode: a real cluster's history may hold any number of failovers, so the model's
 * fault budget must not bound it. The graph is built with `faults = 1` and every state's
 * `faults` reset to 0 after each step: every fault action stays enabled whenever its other
 * guard clauses hold, and `faults` (always 0) adds nothing to the state key. Each edge
 * records whether its action spent a fault, so that a witness can be written for a
 * configuration whose budget is exactly the faults it spends.
 *
 * The catalog projection of a state is what `gp_segment_configuration` shows of it: which
 * instance is catalog primary, the mirror's status, the mode, and whether the mirror row
 * exists. FTS writes a history row for every change of it; every other step leaves it alone.
 */
import { canonicalConfig } from "../configs/index.js";
import {
  allActions,
  FAULT_ACTIONS,
  initialState,
  probeDecision,
  probeFailureRow,
  resolveConfig,
  stateKey,
  stepFast,
  type BoundAction,
  type Config,
  type FtsRow,
  type Mirroring,
  type Safeguard,
  type State,
  type SyncRepReload,
} from "../model/index.js";

/** The protocol rules a history is checked against: the sync-rep reload and the safeguards switched off. */
export interface HistoryRules {
  /** A name for messages: the canonical configuration the rules come from, "+" when changed. */
  readonly name: string;
  readonly syncRepReload: SyncRepReload;
  readonly off: readonly Safeguard[];
  /** Client transactions in the one-content model (0 by default: see docs/cluster.md). */
  readonly txns: number;
}

/** The rules of a canonical configuration (its contents, txns, faults and hosts are not used). */
export function rulesOf(name: string, extraOff: readonly Safeguard[] = [], txns = 0): HistoryRules {
  const input = canonicalConfig(name).input;
  const off = [...new Set([...(input.off ?? []), ...extraOff])];
  const changed = off.length !== (input.off ?? []).length || txns !== 0;
  return { name: changed ? `${name}+` : name, syncRepReload: input.syncRepReload ?? "immediate", off, txns };
}

/**
 * Catalog projection code: 8 for a content without its mirror row, else
 * primary·4 + (mirror down ? 2 : 0) + (mode n ? 1 : 0).
 */
export type Projection = number;
export const NO_MIRROR: Projection = 8;

export function projectionOf(s: State): Projection {
  const c = s.contents[0];
  if (!c.hasMirror) return NO_MIRROR;
  return c.catalog.primary * 4 + (c.catalog.mirrorUp ? 0 : 2) + (c.catalog.mode === "s" ? 0 : 1);
}

export function projection(primary: 0 | 1, mirrorUp: boolean, mode: "s" | "n"): Projection {
  return primary * 4 + (mirrorUp ? 0 : 2) + (mode === "s" ? 0 : 1);
}

export function describeProjection(p: Projection): { primary: 0 | 1; mirrorUp: boolean; mode: "s" | "n" } | null {
  if (p === NO_MIRROR) return null;
  return { primary: p >= 4 ? 1 : 0, mirrorUp: (p & 2) === 0, mode: (p & 1) === 0 ? "s" : "n" };
}

/** The explored one-content model: states by id, edges in compressed rows. */
export interface HistoryGraph {
  readonly rules: HistoryRules;
  readonly mirroring: Mirroring;
  /** The configuration the graph was built with (faults = 1, reset after each step). */
  readonly config: Config;
  readonly actions: readonly BoundAction[];
  readonly states: readonly State[];
  readonly initial: number;
  readonly projection: Uint8Array;
  /** Edges of state i: indexes edgeStart[i] .. edgeStart[i+1]-1. */
  readonly edgeStart: Int32Array;
  readonly edgeTo: Int32Array;
  /** Index into `actions`. */
  readonly edgeAction: Int32Array;
  /** 1 when the action spends a fault. */
  readonly edgeFault: Uint8Array;
  /** The FTS decision row of a probe edge (FtsProbe, FtsProbeTimeout), else null. */
  readonly edgeRow: readonly (FtsRow | null)[];
}

function buildGraph(rules: HistoryRules, mirroring: Mirroring): HistoryGraph {
  const config = resolveConfig({
    contents: 1,
    txns: rules.txns,
    faults: 1,
    mirroring,
    syncRepReload: rules.syncRepReload,
    off: rules.off,
  });
  const actions = allActions(config);
  const ids = new Map<string, number>();
  const states: State[] = [];
  const intern = (s: State): number => {
    const norm: State = s.faults === 0 ? s : { ...s, faults: 0 };
    const key = stateKey(norm);
    let id = ids.get(key);
    if (id === undefined) {
      id = states.length;
      ids.set(key, id);
      states.push(norm);
    }
    return id;
  };
  const initial = intern(initialState(config));
  const edgeStart: number[] = [];
  const edgeTo: number[] = [];
  const edgeAction: number[] = [];
  const edgeFault: number[] = [];
  const edgeRow: (FtsRow | null)[] = [];
  for (let i = 0; i < states.length; i++) {
    edgeStart.push(edgeTo.length);
    const s = states[i];
    for (let a = 0; a < actions.length; a++) {
      const b = actions[a];
      if (b.guard(s) !== undefined) continue;
      const type = b.action.type;
      edgeRow.push(
        type === "FtsProbe"
          ? probeDecision(config, s.contents[0]).row
          : type === "FtsProbeTimeout"
            ? probeFailureRow(config, s.contents[0])
            : null,
      );
      edgeTo.push(intern(stepFast(s, b)));
      edgeAction.push(a);
      edgeFault.push(FAULT_ACTIONS.has(type) ? 1 : 0);
    }
  }
  edgeStart.push(edgeTo.length);
  return {
    rules,
    mirroring,
    config,
    actions,
    states,
    initial,
    projection: Uint8Array.from(states.map(projectionOf)),
    edgeStart: Int32Array.from(edgeStart),
    edgeTo: Int32Array.from(edgeTo),
    edgeAction: Int32Array.from(edgeAction),
    edgeFault: Uint8Array.from(edgeFault),
    edgeRow,
  };
}

const graphs = new Map<string, HistoryGraph>();

/** The graph of the rules and mirroring mode, built on first use and then shared. */
export function historyGraph(rules: HistoryRules, mirroring: Mirroring): HistoryGraph {
  const key = `${rules.syncRepReload}|${[...rules.off].sort().join(",")}|${rules.txns}|${mirroring}`;
  let g = graphs.get(key);
  if (g === undefined) {
    g = buildGraph(rules, mirroring);
    graphs.set(key, g);
  }
  return g;
}
