// The guard clauses `explain` prints agree with the guards the checker runs: for every
// action instance in every reachable state, all clauses hold exactly when the guard does.
import { describe, expect, it } from "vitest";
import {
  allActions,
  enabledActions,
  formatAction,
  guardClauses,
  initialState,
  resolveConfig,
  SAFEGUARDS,
  stateKey,
  stepFast,
  type ConfigInput,
  type State,
} from "../../model/index.js";

function reachable(input: ConfigInput, limit: number): State[] {
  const cfg = resolveConfig(input);
  const seen = new Set<string>();
  const out: State[] = [];
  let frontier = [initialState(cfg)];
  seen.add(stateKey(frontier[0]));
  while (frontier.length > 0 && out.length < limit) {
    const next: State[] = [];
    for (const s of frontier) {
      out.push(s);
      for (const b of enabledActions(cfg, s)) {
        const t = stepFast(s, b);
        const k = stateKey(t);
        if (!seen.has(k)) {
          seen.add(k);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return out;
}

const CONFIGS: [string, ConfigInput][] = [
  ["tiny", { contents: 1, txns: 2, faults: 1 }],
  ["deferred, two faults", { contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" }],
  ["addLater", { contents: 1, txns: 2, faults: 1, mirroring: "addLater" }],
  ["disabled", { contents: 2, txns: 2, faults: 1, mirroring: "disabled" }],
  ["hosts group", { contents: 2, txns: 1, faults: 2, hosts: { count: 2, placement: "group" } }],
  [
    "every safeguard off",
    {
      contents: 1,
      txns: 2,
      faults: 2,
      off: [...SAFEGUARDS],
    },
  ],
];

describe("guard clauses agree with the guards", () => {
  for (const [name, input] of CONFIGS) {
    it(name, () => {
      const cfg = resolveConfig(input);
      const states = reachable(input, 6000);
      expect(states.length).toBeGreaterThan(50);
      let enabledSeen = 0;
      for (const s of states) {
        for (const b of allActions(cfg)) {
          const clauses = guardClauses(cfg, s, b.action);
          const enabled = b.guard(s) === undefined;
          if (enabled) enabledSeen++;
          expect(clauses.every((c) => c.holds), `${formatAction(b.action)} in ${stateKey(s)}`).toBe(enabled);
        }
      }
      expect(enabledSeen).toBeGreaterThan(states.length);
    });
  }
});
