/**
 * `explain --property NAME` takes a property the model has. An unknown name used to explain
 * nothing and exit 0, which reads as "the trace breaks nothing"; it is a usage error instead.
 */
import { LIVENESS_PROPERTIES, SAFETY_PROPERTIES } from "../properties/index.js";
import { UsageError } from "./errors.js";

export function knownProperties(): string[] {
  return [...SAFETY_PROPERTIES, ...LIVENESS_PROPERTIES].map((p) => p.name);
}

export function checkPropertyName(name: string): void {
  if (!knownProperties().includes(name)) {
    throw new UsageError(`unknown property "${name}" for --property; known: ${knownProperties().join(", ")}`);
  }
}
