/** Small helpers for the performance features' tests: configurations and their reachable states. */
import { enabledActions, initialState, resolveConfig, stateKey, stepFast, type Config, type ConfigInput, type State } from "../../model/index.js";

export function config(input: ConfigInput): Config {
  return resolveConfig(input);
}

/** Every reachable state of a configuration, in BFS order, found with exact keys and `stepFast`. */
export function reachable(cfg: Config): State[] {
  const first = initialState(cfg);
  const seen = new Set<string>([stateKey(first)]);
  const out: State[] = [first];
  let cur = [first];
  while (cur.length > 0) {
    const next: State[] = [];
    for (const s of cur) {
      for (const b of enabledActions(cfg, s)) {
        const t = stepFast(s, b);
        const k = stateKey(t);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push(t);
        out.push(t);
      }
    }
    cur = next;
  }
  return out;
}

/** A deep copy that is deeply frozen: writing to any part of it throws (modules are strict). */
export function frozenCopy<T>(x: T): T {
  const copy = structuredClone(x);
  const freeze = (o: unknown): void => {
    if (o === null || typeof o !== "object" || Object.isFrozen(o)) return;
    for (const v of Object.values(o)) freeze(v);
    Object.freeze(o);
  };
  freeze(copy);
  return copy;
}
