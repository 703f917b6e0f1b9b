// Toy proposals defined inline: registered under a made-up module URL (no file, so one thread only).
import { defineVariant } from "../../api/index.js";
import type { VariantRef, VariantSpec } from "../../model/index.js";
import { registerVariant } from "../../model/variant/registry.js";

let n = 0;

/** Defines and registers a proposal in this thread; the reference a config carries. */
export function inlineVariant(spec: VariantSpec): VariantRef {
  n += 1;
  return registerVariant(`mirrorcheck-test:inline/${n}/${spec.name}`, `inline/${spec.name}.mjs`, defineVariant(spec));
}
