/**
 * The Greenplum model as the generic checker sees it: a `Model<State, BoundAction>` for one
 * configuration, with the properties of the contract that apply to it.
 */
import type { Invariant, Model, Witness as CheckerWitness } from "../checker/index.js";
import {
  ACTION_TYPES,
  enabledActions,
  formatAction,
  initialState,
  stateKey,
  stepFast,
  type BoundAction,
  type Config,
  type State,
} from "../model/index.js";
import { SAFETY_PROPERTIES, WITNESSES } from "../properties/index.js";

export function greenplumModel(cfg: Config): Model<State, BoundAction> {
  const invariants: Invariant<State>[] = SAFETY_PROPERTIES.filter((p) => p.appliesTo(cfg)).map((p) => ({
    name: p.name,
    description: p.description,
    check: (s: State) => p.check(cfg, s),
  }));
  const witnesses: CheckerWitness<State>[] = WITNESSES.map((w) => {
    const after = w.after;
    return {
      name: w.name,
      description: w.description,
      required: w.expectedIn(cfg),
      holds: (s: State) => w.holds(cfg, s),
      ...(after === undefined ? {} : { after: (s: State) => after(cfg, s) }),
    };
  });
  return {
    initialStates: () => [initialState(cfg)],
    actions: (s) => enabledActions(cfg, s),
    next: stepFast,
    key: stateKey,
    actionName: (b) => b.action.type,
    actionNames: ACTION_TYPES,
    formatAction: (b) => formatAction(b.action),
    invariants,
    witnesses,
  };
}
