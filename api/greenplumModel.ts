/**
 * The Greenplum model as the generic checker sees it: a `Model<State, BoundAction>` for one
 * configuration, with the properties of the contract that apply to it, its binary codec
 * (fingerprints, compact queues), its symmetry over contents (used only with `--symmetry`;
 * none with hosts) and the `source` from which a worker thread rebuilds it.
 */
import type { Invariant, Liveness, Model, Witness as CheckerWitness } from "../checker/index.js";
import {
  actionFamilies,
  contentSymmetry,
  ensureVariantLoaded,
  decodeState,
  fairInstances,
  encodeState,
  enabledActions,
  formatAction,
  initialState,
  localStepper,
  maxStateBytes,
  stateKey,
  type BoundAction,
  type Config,
  type State,
} from "../model/index.js";
import { LIVENESS_PROPERTIES, safetyPropertiesOf, witnessesOf } from "../properties/index.js";

/**
 * The model a worker thread builds: it loads the configuration's proposal (docs/variants.md)
 * in its own thread first, then builds the same model as `greenplumModel(cfg)`.
 */
export async function greenplumModelLoading(cfg: Config): Promise<Model<State, BoundAction>> {
  await ensureVariantLoaded(cfg.variant);
  return greenplumModel(cfg);
}

export function greenplumModel(cfg: Config): Model<State, BoundAction> {
  const invariants: Invariant<State>[] = safetyPropertiesOf(cfg).filter((p) => p.appliesTo(cfg)).map((p) => ({
    name: p.name,
    description: p.description,
    check: (s: State) => p.check(cfg, s),
  }));
  const witnesses: CheckerWitness<State>[] = witnessesOf(cfg).map((w) => {
    const after = w.after;
    return {
      name: w.name,
      description: w.description,
      required: w.expectedIn(cfg),
      holds: (s: State) => w.holds(cfg, s),
      ...(after === undefined ? {} : { after: (s: State) => after(cfg, s) }),
    };
  });
  const canonicalEncode = cfg.hosts === null ? contentSymmetry(cfg) : null;
  return {
    initialStates: () => [initialState(cfg)],
    actions: (s) => enabledActions(cfg, s),
    // The effects as immer recipes, applied to a copy of the content they act on (localStep.ts).
    next: localStepper(cfg),
    key: stateKey,
    actionName: (b) => b.action.type,
    actionNames: actionFamilies(cfg),
    formatAction: (b) => formatAction(b.action),
    invariants,
    witnesses,
    codec: {
      maxBytes: maxStateBytes(cfg),
      encode: (s, out) => encodeState(cfg, s, out),
      decode: (bytes, start) => decodeState(cfg, bytes, start),
    },
    ...(canonicalEncode === null
      ? {}
      : { symmetry: { description: "permutations of the content ids", canonicalEncode } }),
    liveness: greenplumLiveness(cfg),
    // A worker thread imports this very module (compiled), loads the proposal and builds the model.
    source: { module: import.meta.url, exportName: "greenplumModelLoading", args: [cfg] },
  };
}

/**
 * Weak fairness per action instance and the four `GF P` properties, over the subjects of this
 * configuration (contents 0..K-1, txns 1..W).
 */
export function greenplumLiveness(cfg: Config): Liveness<State, BoundAction> {
  const fair = fairInstances(cfg);
  const position = new Map<BoundAction, number>();
  fair.forEach((b, i) => position.set(b, i));
  return {
    fairInstances: fair.map((b) => formatAction(b.action)),
    fairInstanceOf: (b) => position.get(b) ?? -1,
    properties: LIVENESS_PROPERTIES.map((p) => {
      const ids = p.subjects(cfg);
      return {
        name: p.name,
        description: p.description,
        subjects: ids.map((id) => `${p.subject}=${id}`),
        holds: (s: State, i: number) => p.holds(cfg, s, ids[i]),
        explain: (cycle: readonly State[], i: number) => p.explain(cfg, cycle, ids[i]),
      };
    }),
  };
}
