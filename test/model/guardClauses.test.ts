// The guard clauses `explain` prints agree with the guards the checker runs: for every
// action instance in every reachable state, all clauses hold exactly when the guard does.
import { describe, expect, it } from "vitest";
import { inlineVariant } from "../variant/helpers.js";
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

// Proposals (docs/variants.md): a guard that wraps the built-in one with one more clause, one
// that replaces it, one that consults it and overrules it, and a new family.
const wrapping = inlineVariant({
  name: "probeWaitsForLink",
  description: "no probe while the link is down",
  rules: { FtsProbe: { guard: (s, { action, builtin }) => builtin(s) ?? (s.contents[action.content].link === "down" ? "the link is up" : undefined) } },
});
const replacing = inlineVariant({
  name: "promoteWhenMirror",
  description: "FTS sends PROMOTE whenever the catalog primary runs as a mirror",
  rules: {
    FtsSendPromote: {
      guard: (s, { action }) => {
        const c = s.contents[action.content];
        return c.instances[c.catalog.primary].role === "m" ? undefined : "the catalog primary runs as a mirror";
      },
    },
  },
});
const overruling = inlineVariant({
  name: "healAlways",
  description: "LinkHeal is enabled also when nothing is cut, once a txn is used",
  rules: { LinkHeal: { guard: (s, { builtin }) => (builtin(s) === undefined || s.nextTxn > 1 ? undefined : "a txn was used") } },
});
const newFamily = inlineVariant({
  name: "resend",
  description: "a new family",
  newActions: [
    {
      name: "FtsResendPromote",
      description: "FTS owes PROMOTE again",
      over: "content",
      guard: (s, { action }) => (s.contents[action.content ?? 0].ftsMsg === "none" && s.contents[action.content ?? 0].catalog.primary === 1 ? undefined : "FTS owes nothing and the mirror is catalog primary"),
      effect: (d, { action }) => void (d.contents[action.content ?? 0].ftsMsg = "promote"),
    },
  ],
});

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
  ["proposal wrapping FtsProbe's guard", { contents: 1, txns: 2, faults: 2, variant: wrapping }],
  ["proposal replacing FtsSendPromote's guard", { contents: 1, txns: 2, faults: 2, variant: replacing }],
  ["proposal overruling LinkHeal's guard", { contents: 1, txns: 2, faults: 2, variant: overruling }],
  ["proposal with a new family", { contents: 2, txns: 1, faults: 2, variant: newFamily }],
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
