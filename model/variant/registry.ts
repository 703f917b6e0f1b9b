/**
 * The loaded proposals of this thread, by module URL. A `Config` names its proposal by a
 * plain-data reference (types.ts, VariantRef); every model function that takes the config
 * finds the Variant here. A worker thread loads the module again (loadVariant) before it
 * builds the model, so the registry is per thread.
 */
import { ConfigError, type Config } from "../config.js";
import type { Variant, VariantRef } from "./types.js";

export interface LoadedVariant {
  readonly variant: Variant;
  /** The file as the user named it, for messages ("examples/x.mjs"). */
  readonly file: string;
}

const loaded = new Map<string, LoadedVariant>();

/** Registers a loaded proposal under its module URL and returns the reference a Config carries. */
export function registerVariant(module: string, file: string, variant: Variant): VariantRef {
  loaded.set(module, { variant, file });
  return { name: variant.name, module, file };
}

/** Whether the module is loaded in this thread. */
export function isVariantLoaded(ref: VariantRef): boolean {
  return loaded.has(ref.module);
}

/** The loaded proposal a reference names; a ConfigError when it was not loaded. */
export function lookupVariant(ref: VariantRef): LoadedVariant {
  const found = loaded.get(ref.module);
  if (found === undefined) {
    throw new ConfigError(`proposal ${ref.file} (${ref.name}) is not loaded: call loadVariant first`);
  }
  return found;
}

/** The proposal of a configuration, or null for the built-in model. */
export function variantOf(cfg: Config): LoadedVariant | null {
  return cfg.variant === undefined || cfg.variant === null ? null : lookupVariant(cfg.variant);
}
