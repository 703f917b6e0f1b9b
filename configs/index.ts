/** Canonical configurations with their expected outcomes, and lookup by name. */
import { ConfigError } from "../model/index.js";
import { CANONICAL_CONFIGS } from "./canonical.js";
import type { CanonicalConfig } from "./types.js";

export type { CanonicalConfig, ExpectedOutcome } from "./types.js";
export { CANONICAL_CONFIGS };

export const DEFAULT_CONFIG_NAME = "default";

/** The canonical configuration called `name`; a ConfigError listing the names otherwise. */
export function canonicalConfig(name: string): CanonicalConfig {
  const found = CANONICAL_CONFIGS.find((c) => c.name === name);
  if (found === undefined) {
    throw new ConfigError(
      `unknown configuration "${name}"; known: ${CANONICAL_CONFIGS.map((c) => c.name).join(", ")}`,
    );
  }
  return found;
}
