// A proposal's rules inside the model (docs/variants.md): enumeration order, the shape check,
// errors that name the rule, fairness, action text, and localStepper against immer's step.
import { describe, expect, it } from "vitest";
import {
  allActions,
  ConfigError,
  enabledActions,
  fairInstances,
  findAction,
  formatAction,
  initialState,
  localStepper,
  resolveConfig,
  stateKey,
  step,
  VariantError,
  type State,
} from "../../model/index.js";
import { defineVariant } from "../../api/index.js";
import { parseAction } from "../../trace/index.js";
import { inlineVariant } from "./helpers.js";

const resend = inlineVariant({
  name: "resend",
  description: "a new family over contents, and one with no argument",
  newActions: [
    {
      name: "FtsResendPromote",
      description: "FTS owes PROMOTE again",
      over: "content",
      fair: true,
      guard: (s, { action }) => (s.contents[action.content ?? 0].ftsMsg === "none" ? undefined : "FTS owes nothing"),
      effect: (d, { action }) => void (d.contents[action.content ?? 0].ftsMsg = "promote"),
    },
    { name: "Tick", description: "does nothing", over: null, guard: () => "never", effect: () => undefined },
  ],
});

describe("a proposal's families in the model", () => {
  it("new families come after the built-in ones, in the spec's order, arguments ascending", () => {
    const cfg = resolveConfig({ contents: 2, txns: 1, faults: 1, variant: resend });
    const builtin = allActions(resolveConfig({ contents: 2, txns: 1, faults: 1 })).map((b) => formatAction(b.action));
    const names = allActions(cfg).map((b) => formatAction(b.action));
    expect(names.slice(0, builtin.length)).toEqual(builtin);
    expect(names.slice(builtin.length)).toEqual(["FtsResendPromote content=0", "FtsResendPromote content=1", "Tick"]);
  });

  it("a new family parses from trace text, is found, and is weakly fair when it says so", () => {
    const cfg = resolveConfig({ contents: 2, txns: 1, faults: 1, variant: resend });
    const a = parseAction(cfg, ["FtsResendPromote", "content=1"]);
    expect(formatAction(a)).toBe("FtsResendPromote content=1");
    expect(findAction(cfg, a)?.guard(initialState(cfg))).toBeUndefined();
    expect(() => parseAction(cfg, ["FtsResendPromote", "content=2"])).toThrow(/content 2 out of range/);
    expect(() => parseAction(resolveConfig({ contents: 2, txns: 1, faults: 1 }), ["FtsResendPromote", "content=0"])).toThrow(/unknown action/);
    const fair = fairInstances(cfg).map((b) => formatAction(b.action));
    expect(fair).toContain("FtsResendPromote content=0");
    expect(fair).not.toContain("Tick");
  });

  it("a configuration cannot name a proposal that is not loaded", () => {
    expect(() => resolveConfig({ contents: 1, txns: 1, faults: 0, variant: { name: "x", module: "file:///nowhere/x.mjs", file: "x.mjs" } })).toThrow(
      ConfigError,
    );
  });

  it("localStepper and immer's step agree on every transition of a proposal (a changed effect writes any content)", () => {
    // The changed effect writes the *other* content: a stepper that copied only its own would share it.
    const crossWrite = inlineVariant({
      name: "crossWrite",
      description: "a probe of content c also clears FTS's message to content 1-c",
      rules: {
        FtsProbe: {
          effect: (d, { action, builtin }) => {
            builtin(d);
            const other = d.contents[1 - action.content];
            if (other.ftsMsg === "syncRepOff") other.ftsMsg = "none";
          },
        },
      },
    });
    const cfg = resolveConfig({ contents: 2, txns: 1, faults: 1, variant: crossWrite });
    const fast = localStepper(cfg);
    const seen = new Set<string>();
    let frontier: State[] = [initialState(cfg)];
    let transitions = 0;
    while (frontier.length > 0 && seen.size < 3000) {
      const next: State[] = [];
      for (const s of frontier) {
        for (const b of enabledActions(cfg, s)) {
          const before = stateKey(s);
          const viaImmer = step(s, b);
          const a = fast(s, b);
          expect(stateKey(s)).toBe(before);
          expect(stateKey(a)).toBe(stateKey(viaImmer));
          transitions++;
          if (!seen.has(stateKey(a))) {
            seen.add(stateKey(a));
            next.push(a);
          }
        }
      }
      frontier = next;
    }
    expect(transitions).toBeGreaterThan(1000);
  });
});

describe("a proposal's mistakes are one line naming the file and the rule", () => {
  const cfgWith = (spec: Parameters<typeof inlineVariant>[0]) => resolveConfig({ contents: 1, txns: 1, faults: 1, variant: inlineVariant(spec) });

  it("an effect that leaves the model's shape", () => {
    const cfg = cfgWith({
      name: "badMode",
      description: "",
      rules: { FtsProbeTimeout: { effect: (d, { builtin }) => ((builtin(d), (d.contents[0].catalog as { mode: string }).mode = "x")) } },
    });
    const b = findAction(cfg, { type: "FtsProbeTimeout", content: 0 });
    expect(b).toBeDefined();
    const s = initialState(cfg);
    const msg = 'proposal inline/badMode.mjs: rule FtsProbeTimeout.effect changed the state\'s shape: contents[0].catalog.mode is "x", not one of s, n';
    expect(() => step(s, b!)).toThrow(new VariantError(msg));
    expect(() => localStepper(cfg)(s, b!)).toThrow(msg);
  });

  it.each([
    ["a new key", (d: { contents: { link: string }[] }) => void Object.assign(d, { extra: 1 }), 'the state has an unknown key "extra"'],
    ["a txn too many", (d: { txns: unknown[] }) => void d.txns.push({ status: "unused", content: null, dbid: null }), "txns has 2 elements, not 1"],
    ["a WAL record out of range", (d: { contents: { instances: { wal: number[] }[] }[] }) => void d.contents[0].instances[0].wal.push(7), "contents[0].instances[0].wal[0] is 7, not an integer from 1 to 1"],
    ["a faults count over the budget", (d: { faults: number }) => void (d.faults = 2), "faults is 2, not an integer from 0 to 1"],
    ["a dbid of another content", (d: { txns: { status: string; content: number | null; dbid: number | null }[] }) => void (d.txns[0] = { status: "acked", content: 0, dbid: 9 }), "txns[0].dbid is 9, not one of 2, 3"],
  ])("%s", (_name, effect, problem) => {
    const cfg = cfgWith({ name: "shape", description: "", newActions: [{ name: "Break", description: "", over: null, guard: () => undefined, effect: effect as never }] });
    const b = findAction(cfg, { type: "Break" } as never)!;
    expect(() => step(initialState(cfg), b)).toThrow(`proposal inline/shape.mjs: rule Break.effect changed the state's shape: ${problem}`);
  });

  it("a guard that throws, or answers neither undefined nor a string", () => {
    const cfg = cfgWith({
      name: "throws",
      description: "",
      rules: {
        FtsProbe: {
          guard: () => {
            throw new TypeError("cannot read x\nsecond line");
          },
        },
        LinkHeal: { guard: () => true as unknown as undefined },
      },
    });
    const s = initialState(cfg);
    expect(() => enabledActions(cfg, s)).toThrow(new VariantError("proposal inline/throws.mjs: rule FtsProbe.guard threw: cannot read x"));
    expect(() => findAction(cfg, { type: "LinkHeal", content: 0 })!.guard(s)).toThrow(
      "proposal inline/throws.mjs: rule LinkHeal.guard returned boolean, not undefined (enabled) or the unmet clause as a string",
    );
  });
});

describe("defineVariant checks the spec at once", () => {
  it.each([
    [{ name: "has space", description: "" }, /identifier-like/],
    [{ name: "x", description: "", rules: { FtsPorbe: { guard: () => undefined } } }, /rules.FtsPorbe: no built-in action family is called FtsPorbe/],
    [{ name: "x", description: "", rules: { FtsProbe: {} } }, /rules.FtsProbe changes neither guard nor effect/],
    [{ name: "x", description: "", newActions: [{ name: "FtsProbe", description: "", over: "content", guard: () => undefined, effect: () => undefined }] }, /new action family name "FtsProbe" is already taken/],
    [{ name: "x", description: "", newActions: [{ name: "lowerCase", description: "", over: "content", guard: () => undefined, effect: () => undefined }] }, /must be PascalCase/],
    [{ name: "x", description: "", newActions: [{ name: "Foo", description: "", over: "segment", guard: () => undefined, effect: () => undefined }] }, /over must be/],
    [{ name: "x", description: "", properties: [{ name: "NoLostAckedCommit", description: "", check: () => undefined }] }, /property name "NoLostAckedCommit" is already taken/],
  ])("%j", (spec, message) => {
    expect(() => defineVariant(spec as never)).toThrow(message);
  });

  it("returns a frozen variant", () => {
    const v = defineVariant({ name: "ok", description: "d" });
    expect(Object.isFrozen(v)).toBe(true);
    expect(v.newActions).toEqual([]);
  });
});
