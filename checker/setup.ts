/** Choosing a search's visited set and queues from the model and the options. */
import { FingerprintTable } from "./fpTable.js";
import type { Model } from "./model.js";
import { ByteQueue, ObjectQueue, type LevelQueue } from "./queue.js";
import type { CheckOptions } from "./result.js";
import { ExactVisited, HashedVisited, type VisitedSet } from "./visited.js";

/** Throws a one-line RangeError when the options ask for something the model cannot give. */
export function checkModelOptions<S, A>(model: Model<S, A>, options: CheckOptions): void {
  if (options.symmetry === true && (model.symmetry === undefined || model.codec === undefined)) {
    throw new RangeError("symmetry reduction asked for, but the model declares no symmetry");
  }
}

/** The visited set's name in an allocation failure's message. */
export const VISITED = "the visited set (fingerprint table)";

export function makeVisited<S, A>(
  model: Model<S, A>,
  options: CheckOptions,
  shared: { readonly table: FingerprintTable } | null = null,
): VisitedSet<S> {
  checkModelOptions(model, options);
  const symmetric = options.symmetry === true;
  if (options.exact === true) return new ExactVisited(model as Model<S, unknown>, symmetric);
  return new HashedVisited(model as Model<S, unknown>, symmetric, shared?.table ?? new FingerprintTable(1 << 12, false, VISITED));
}

export function makeQueue<S, A>(model: Model<S, A>): LevelQueue<S> {
  return model.codec === undefined ? new ObjectQueue<S>() : new ByteQueue<S>(model.codec);
}

export function symmetryName<S, A>(model: Model<S, A>, options: CheckOptions): string | null {
  return options.symmetry === true && model.symmetry !== undefined ? model.symmetry.description : null;
}
