/**
 * Where a content's history can be in the one-content model, as its rows are read one by one:
 * the closed layer of historySearch.ts behind one interface, kept in one of two ways.
 *
 * - PathFrontier keeps every state's cheapest path (a chain of PathNodes back to the start),
 *   so that a witness trace can be written at the end. Its memory grows with the content's
 *   rows, and each row costs a search over the layer.
 * - ShapeFrontier keeps only the verdict and the cheapest run's faults and steps. A closed
 *   layer is interned as a "shape": its states with their costs relative to the cheapest,
 *   and the shape an observed letter leads to is computed once per (shape, letter) and then
 *   looked up. The model is deterministic in this sense (the search is shift-invariant in
 *   cost), so a history of any length costs a hash lookup per row and constant memory per
 *   content, and gives the same verdict, the same faults and steps, and the same messages.
 */
import type { HistoryGraph } from "./historyGraph.js";
import {
  advance,
  allowedSteps,
  cheapest,
  closeLayer,
  pathTo,
  startLayer,
  type AllowedStep,
  type Layer,
  type Letter,
  type PathNode,
} from "./historySearch.js";

export interface Frontier {
  /** Takes an observed letter; false, and nothing changes, when no state allows it. `mark` labels the step (PathFrontier). */
  step(letter: Letter, mark: number): boolean;
  /** The observable steps the protocol allows next. */
  allowed(): readonly AllowedStep[];
  /** The cheapest run so far (fewest faults, then fewest steps). */
  cheapestRun(): { readonly faults: number; readonly steps: number };
  /** Its path, oldest first; null when the frontier keeps no paths. */
  path(): readonly PathNode[] | null;
}

export class PathFrontier implements Frontier {
  /** The last layer as advanced (the witness ends at the last observed step), and its closure. */
  private layer: Layer;
  private closed: Layer;
  constructor(private readonly g: HistoryGraph) {
    this.layer = startLayer(g);
    this.closed = closeLayer(g, this.layer);
  }
  step(letter: Letter, mark: number): boolean {
    const next = advance(this.g, this.closed, letter, mark);
    if (next.size === 0) return false;
    this.layer = next;
    this.closed = closeLayer(this.g, next);
    return true;
  }
  allowed(): readonly AllowedStep[] {
    return allowedSteps(this.g, this.closed);
  }
  cheapestRun(): { faults: number; steps: number } {
    const n = cheapest(this.layer) as PathNode;
    return { faults: n.faults, steps: n.steps };
  }
  path(): readonly PathNode[] {
    return pathTo(cheapest(this.layer) as PathNode);
  }
  /** The same frontier without its paths. */
  withoutPaths(): ShapeFrontier {
    return new ShapeFrontier(this.g, this.closed);
  }
}

/** A closed layer with costs relative to its cheapest node, and where each letter leads from it. */
interface Shape {
  readonly layer: Layer;
  readonly next: Map<string, Transition | null>;
  allowed: readonly AllowedStep[] | null;
}

/** The shape a letter leads to, and how much the cheapest run's faults and steps grow on the way. */
interface Transition {
  readonly shape: Shape;
  readonly faults: number;
  readonly steps: number;
}

/** Shapes per graph: a few hundred at most (the graph has 284 states), shared by every content. */
const shapesOf = new WeakMap<HistoryGraph, Map<string, Shape>>();

function intern(g: HistoryGraph, closed: Layer): Transition {
  let shapes = shapesOf.get(g);
  if (shapes === undefined) {
    shapes = new Map();
    shapesOf.set(g, shapes);
  }
  const min = cheapest(closed) as PathNode;
  const nodes = [...closed.values()].sort((a, b) => a.state - b.state);
  const key = nodes.map((n) => `${n.state}:${n.faults - min.faults}:${n.steps - min.steps}`).join(",");
  let shape = shapes.get(key);
  if (shape === undefined) {
    const layer: Layer = new Map();
    for (const n of nodes) {
      layer.set(n.state, { state: n.state, faults: n.faults - min.faults, steps: n.steps - min.steps, prev: null, action: -1, mark: -1 });
    }
    shape = { layer, next: new Map(), allowed: null };
    shapes.set(key, shape);
  }
  return { shape, faults: min.faults, steps: min.steps };
}

function letterKey(l: Letter): string {
  return l.kind === "change" ? `c${l.to}` : l.kind === "primaryUp" ? `u${l.index}` : l.kind;
}

export class ShapeFrontier implements Frontier {
  private shape: Shape;
  private faults: number;
  private steps: number;
  /** From the start, or from the closed layer of a PathFrontier whose paths are no longer wanted. */
  constructor(
    private readonly g: HistoryGraph,
    closed: Layer = closeLayer(g, startLayer(g)),
  ) {
    const t = intern(g, closed);
    this.shape = t.shape;
    this.faults = t.faults;
    this.steps = t.steps;
  }
  step(letter: Letter): boolean {
    const key = letterKey(letter);
    let t = this.shape.next.get(key);
    if (t === undefined) {
      const advanced = advance(this.g, this.shape.layer, letter, -1);
      t = advanced.size === 0 ? null : intern(this.g, closeLayer(this.g, advanced));
      this.shape.next.set(key, t);
    }
    if (t === null) return false;
    this.shape = t.shape;
    this.faults += t.faults;
    this.steps += t.steps;
    return true;
  }
  allowed(): readonly AllowedStep[] {
    return (this.shape.allowed ??= allowedSteps(this.g, this.shape.layer));
  }
  cheapestRun(): { faults: number; steps: number } {
    return { faults: this.faults, steps: this.steps };
  }
  path(): null {
    return null;
  }
}
