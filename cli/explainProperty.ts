/**
 * `explain --property NAME` takes a property the model has. An unknown name used to explain
 * nothing and exit 0, which reads as "the trace breaks nothing"; it is a usage error instead.
 * Under a proposal (docs/variants.md) its own properties are known too.
 */
import type { Config } from "../model/index.js";
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES, safetyPropertiesOf } from "../properties/index.js";
import { UsageError } from "./errors.js";

export function knownProperties(cfg?: Config): string[] {
  return [...(cfg === undefined ? SAFETY_PROPERTIES : safetyPropertiesOf(cfg)), ...LIVENESS_PROPERTIES].map((p) => p.name);
}

export function checkPropertyName(name: string, cfg?: Config): void {
  if (!knownProperties(cfg).includes(name)) {
    throw new UsageError(`unknown property "${name}" for --property; known: ${knownProperties(cfg).join(", ")}`);
  }
}
