/**
 * The properties of a configuration: the contract's (index.ts), then those its proposal adds
 * (docs/variants.md). Every place that looks a property up by name and may meet a proposal's
 * (greenplumModel, trace expectations, report descriptions) uses these lookups.
 */
import { variantOf, type Config } from "../model/index.js";
import type { SafetyProperty, Witness } from "./property.js";
import { SAFETY_PROPERTIES, WITNESSES } from "./lists.js";

/** The safety properties of the configuration: the contract's, then the proposal's. */
export function safetyPropertiesOf(cfg: Config): readonly SafetyProperty[] {
  const v = variantOf(cfg);
  if (v === null) return SAFETY_PROPERTIES;
  const own = v.variant.properties.map(
    (p): SafetyProperty => ({
      name: p.name,
      kind: "always",
      description: `${p.description} (proposal ${v.variant.name})`,
      appliesTo: () => true,
      check: (c, s) => p.check(s, c),
    }),
  );
  return [...SAFETY_PROPERTIES, ...own];
}

/** The witnesses of the configuration: the contract's, then the proposal's (each required). */
export function witnessesOf(cfg: Config): readonly Witness[] {
  const v = variantOf(cfg);
  if (v === null) return WITNESSES;
  const own = v.variant.witnesses.map(
    (w): Witness => ({
      name: w.name,
      kind: "sometimes",
      description: `${w.description} (proposal ${v.variant.name})`,
      expectedIn: () => true,
      holds: (c, s) => w.holds(s, c),
    }),
  );
  return [...WITNESSES, ...own];
}
