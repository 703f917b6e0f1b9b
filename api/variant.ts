/**
 * `defineVariant`: what a proposal file calls (`export default defineVariant({...})`,
 * docs/variants.md). It validates the spec eagerly, with the contract's property names
 * reserved, and returns a frozen Variant that `loadVariant` accepts.
 */
import { makeVariant, type Variant, type VariantSpec } from "../model/index.js";
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES, WITNESSES } from "../properties/index.js";

export function defineVariant(spec: VariantSpec): Variant {
  const reserved = [...SAFETY_PROPERTIES, ...WITNESSES, ...LIVENESS_PROPERTIES].map((p) => p.name);
  return makeVariant(spec, reserved);
}
