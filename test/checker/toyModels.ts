/** Small hand-analysable models for the checker's tests. Nothing here knows Greenplum. */
import type { Invariant, Model, Witness } from "../../checker/index.js";
import type { Trace } from "../../checker/index.js";

// ---------------------------------------------------------------- grid

export interface Grid {
  readonly x: number;
  readonly y: number;
}
export type GridAction =
  | { readonly kind: "IncX"; readonly from: number }
  | { readonly kind: "IncY"; readonly from: number }
  | { readonly kind: "Stay" }
  | { readonly kind: "Reset" };

export interface GridOptions {
  readonly n: number;
  readonly initial?: readonly Grid[];
  readonly invariants?: readonly Invariant<Grid>[];
  readonly witnesses?: readonly Witness<Grid>[];
}

/**
 * Two counters x, y in 0..n from (0,0): IncX and IncY (guards x<n, y<n), Stay (a
 * self-loop, always enabled) and Reset (never enabled). Actions in that order.
 * (n+1)^2 states; diameter 2n; IncX and IncY each enabled in n(n+1) states.
 */
export function gridModel(opts: GridOptions): Model<Grid, GridAction> {
  const { n } = opts;
  return {
    initialStates: () => opts.initial ?? [{ x: 0, y: 0 }],
    actions: (s) => {
      const acts: GridAction[] = [];
      if (s.x < n) acts.push({ kind: "IncX", from: s.x });
      if (s.y < n) acts.push({ kind: "IncY", from: s.y });
      acts.push({ kind: "Stay" });
      if (s.x > n) acts.push({ kind: "Reset" }); // never: x <= n
      return acts;
    },
    next: (s, a) => {
      switch (a.kind) {
        case "IncX":
          return { x: s.x + 1, y: s.y };
        case "IncY":
          return { x: s.x, y: s.y + 1 };
        case "Stay":
          return s;
        case "Reset":
          return { x: 0, y: 0 };
      }
    },
    key: (s) => `${s.x},${s.y}`,
    actionName: (a) => a.kind,
    actionNames: ["IncX", "IncY", "Stay", "Reset"],
    formatAction: (a) =>
      a.kind === "IncX" || a.kind === "IncY" ? `${a.kind}(${a.from}->${a.from + 1})` : a.kind,
    invariants: opts.invariants ?? [],
    witnesses: opts.witnesses ?? [],
  };
}

/** An invariant violated exactly at (x, y). */
export function notAt(name: string, x: number, y: number): Invariant<Grid> {
  return {
    name,
    description: `never at (${x},${y})`,
    check: (s) => (s.x === x && s.y === y ? `${name}: reached x=${s.x} y=${s.y}` : undefined),
  };
}

// ---------------------------------------------------------------- counter

export type CounterAction = { readonly kind: "Inc" } | { readonly kind: "Dec" };

export interface CounterOptions {
  /** States 0..max. */
  readonly max: number;
  readonly initial?: readonly number[];
  /** Dec enabled (v > 0). */
  readonly dec?: boolean;
  /** Wrap around: Inc from max goes to 0, Dec from 0 goes to max (both always enabled). */
  readonly ring?: boolean;
  readonly invariants?: readonly Invariant<number>[];
  readonly witnesses?: readonly Witness<number>[];
}

/** A counter v in 0..max with Inc (and optionally Dec), as a line or a ring. */
export function counterModel(opts: CounterOptions): Model<number, CounterAction> {
  const { max } = opts;
  const ring = opts.ring === true;
  const dec = ring || opts.dec === true;
  return {
    initialStates: () => opts.initial ?? [0],
    actions: (v) => {
      const acts: CounterAction[] = [];
      if (ring || v < max) acts.push({ kind: "Inc" });
      if (dec && (ring || v > 0)) acts.push({ kind: "Dec" });
      return acts;
    },
    next: (v, a) => (a.kind === "Inc" ? (v === max ? 0 : v + 1) : v === 0 ? max : v - 1),
    key: (v) => String(v),
    actionName: (a) => a.kind,
    actionNames: ["Inc", "Dec"],
    formatAction: (a) => a.kind,
    invariants: opts.invariants ?? [],
    witnesses: opts.witnesses ?? [],
  };
}

export function valueIsNot(name: string, bad: number): Invariant<number> {
  return {
    name,
    description: `v is never ${bad}`,
    check: (v) => (v === bad ? `v=${v}` : undefined),
  };
}

// ---------------------------------------------------------------- helpers

export function witness<S>(
  name: string,
  holds: (s: S) => boolean,
  required = false,
  after?: (s: S) => boolean,
): Witness<S> {
  const w: Witness<S> = { name, description: name, required, holds };
  return after === undefined ? w : { ...w, after };
}

/** The formatted actions of a trace (the initial step excluded). */
export function traceActions<S, A>(model: Model<S, A>, trace: Trace<S, A>): string[] {
  return trace.slice(1).map((step) => {
    if (step.action === null) throw new Error("non-initial step without an action");
    return model.formatAction(step.action);
  });
}

/**
 * Throws unless the trace starts at an initial state and each step is an enabled action
 * (same formatted text as one of `actions(prev)`) whose `next` is the step's state.
 */
export function assertReplays<S, A>(model: Model<S, A>, trace: Trace<S, A>): void {
  if (trace.length === 0) throw new Error("empty trace");
  if (trace[0].action !== null) throw new Error("first step has an action");
  const initKeys = model.initialStates().map((s) => model.key(s));
  if (!initKeys.includes(model.key(trace[0].state))) throw new Error("trace does not start at an initial state");
  for (let i = 1; i < trace.length; i++) {
    const prev = trace[i - 1].state;
    const a = trace[i].action;
    if (a === null) throw new Error(`step ${i} has no action`);
    const enabled = model.actions(prev).map((b) => model.formatAction(b));
    if (!enabled.includes(model.formatAction(a))) throw new Error(`step ${i}: action not enabled`);
    if (model.key(model.next(prev, a)) !== model.key(trace[i].state)) {
      throw new Error(`step ${i}: state is not next(previous, action)`);
    }
  }
}
