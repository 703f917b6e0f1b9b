/**
 * Validates a proposal's spec eagerly (names, families, argument kinds, functions) and
 * freezes it into a `Variant`, branded so that `loadVariant` can tell a module's default
 * export was made by `defineVariant` (api/variant.ts adds the contract's property names).
 * The brand is a registered symbol: a proposal that imports the package's compiled copy and
 * a test that imports the sources agree on it.
 */
import { ACTION_TYPES, type ActionArg } from "../action.js";
import { VariantError } from "./errors.js";
import type { NewActionFamily, Variant, VariantProperty, VariantSpec, VariantWitness } from "./types.js";

const BRAND = Symbol.for("mirrorcheck.variant");
const ARGS: readonly ActionArg[] = ["content", "txn", "dbid", "host", null];

function bad(name: string, problem: string): never {
  throw new VariantError(`proposal ${name}: ${problem}`);
}

function isFunction(x: unknown): boolean {
  return typeof x === "function";
}

function checkNamed(
  variant: string,
  what: string,
  items: readonly { readonly name: string; readonly description: string }[],
  taken: Set<string>,
  pattern: RegExp,
  patternText: string,
): void {
  for (const item of items) {
    if (typeof item !== "object" || item === null) bad(variant, `every ${what} must be an object`);
    if (typeof item.name !== "string" || !pattern.test(item.name)) {
      bad(variant, `${what} name ${JSON.stringify(item.name)} must be ${patternText}`);
    }
    if (taken.has(item.name)) bad(variant, `${what} name "${item.name}" is already taken`);
    taken.add(item.name);
    if (typeof item.description !== "string") bad(variant, `${what} ${item.name} needs a description`);
  }
}

/** Checks a spec and returns the frozen Variant; `reservedProperties` are the contract's property names. */
export function makeVariant(spec: VariantSpec, reservedProperties: readonly string[]): Variant {
  if (typeof spec !== "object" || spec === null) throw new VariantError("defineVariant needs an object");
  if (typeof spec.name !== "string" || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(spec.name)) {
    throw new VariantError(`a proposal's name must be identifier-like (letters, digits, _ and -), got ${JSON.stringify(spec.name)}`);
  }
  const name = spec.name;
  if (typeof spec.description !== "string") bad(name, "needs a description");
  const rules = spec.rules ?? {};
  if (typeof rules !== "object" || rules === null) bad(name, "rules must be an object keyed by action family");
  for (const [family, change] of Object.entries(rules)) {
    if (!ACTION_TYPES.some((t) => t === family)) bad(name, `rules.${family}: no built-in action family is called ${family} (see mirrorcheck list)`);
    if (typeof change !== "object" || change === null) bad(name, `rules.${family} must be an object with guard and/or effect`);
    const c = change as { guard?: unknown; effect?: unknown };
    for (const k of Object.keys(c)) if (k !== "guard" && k !== "effect") bad(name, `rules.${family}: unknown key "${k}" (guard, effect)`);
    if (c.guard === undefined && c.effect === undefined) bad(name, `rules.${family} changes neither guard nor effect`);
    if (c.guard !== undefined && !isFunction(c.guard)) bad(name, `rules.${family}.guard must be a function`);
    if (c.effect !== undefined && !isFunction(c.effect)) bad(name, `rules.${family}.effect must be a function`);
  }
  const newActions: readonly NewActionFamily[] = spec.newActions ?? [];
  const properties: readonly VariantProperty[] = spec.properties ?? [];
  const witnesses: readonly VariantWitness[] = spec.witnesses ?? [];
  for (const [key, list] of [["newActions", newActions], ["properties", properties], ["witnesses", witnesses]] as const) {
    if (!Array.isArray(list)) bad(name, `${key} must be an array`);
  }
  checkNamed(name, "new action family", newActions, new Set<string>(ACTION_TYPES), /^[A-Z][A-Za-z0-9]*$/, "PascalCase");
  for (const f of newActions) {
    if (!ARGS.includes(f.over)) bad(name, `new action family ${f.name}: over must be "content", "txn", "dbid", "host" or null`);
    if (!isFunction(f.guard) || !isFunction(f.effect)) bad(name, `new action family ${f.name} needs guard and effect functions`);
    if (f.fair !== undefined && typeof f.fair !== "boolean") bad(name, `new action family ${f.name}: fair must be true or false`);
  }
  const taken = new Set(reservedProperties);
  // Property names are single words in trace files (`expect violated NAME`).
  checkNamed(name, "property", properties, taken, /^[A-Za-z][A-Za-z0-9_]*$/, "a word (letters, digits, _)");
  for (const p of properties) if (!isFunction(p.check)) bad(name, `property ${p.name} needs a check function`);
  checkNamed(name, "witness", witnesses, taken, /^[A-Za-z][A-Za-z0-9_]*$/, "a word (letters, digits, _)");
  for (const w of witnesses) if (!isFunction(w.holds)) bad(name, `witness ${w.name} needs a holds function`);
  const variant: Variant = {
    name,
    description: spec.description,
    rules: Object.freeze({ ...rules }),
    newActions: Object.freeze(newActions.map((f) => Object.freeze({ ...f }))),
    properties: Object.freeze(properties.map((p) => Object.freeze({ ...p }))),
    witnesses: Object.freeze(witnesses.map((w) => Object.freeze({ ...w }))),
  };
  Object.defineProperty(variant, BRAND, { value: true });
  return Object.freeze(variant);
}

/** Whether `x` is a Variant made by `defineVariant` (in this copy of the package or another). */
export function isVariant(x: unknown): x is Variant {
  return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
}
