/**
 * Parameters of the model (docs/protocol.md section 1), validated. A `Config` is what every
 * model function takes besides the state; it never changes during a run.
 */
import { computePlacement, type Placement } from "./placement.js";
import { isVariantLoaded } from "./variant/registry.js";
import type { VariantRef } from "./variant/types.js";

/** The protocol rules that can be switched off to obtain a bug variant (docs/protocol.md section 6). */
export const SAFEGUARDS = [
  "promoteRequiresInSync",
  "markDownBeforeSyncRepOff",
  "syncRepOnBeforeInSync",
  "commitWaitsForMirror",
  "rebalanceRequiresInSync",
  "inSyncOnlyWhenCaughtUp",
  "resendLostPromote",
  "incrementalRecoveryRewinds",
] as const;
export type Safeguard = (typeof SAFEGUARDS)[number];

export const SAFEGUARD_DESCRIPTIONS: Readonly<Record<Safeguard, string>> = {
  promoteRequiresInSync: "FTS promotes only a mirror whose catalog mode is s",
  markDownBeforeSyncRepOff: "FTS commits mode n to the catalog before it sends SYNCREP_OFF",
  syncRepOnBeforeInSync: "the probe handler turns sync rep on before FTS can write mode s",
  commitWaitsForMirror:
    "a commit on a primary with sync rep in force is acknowledged only after the mirror flushed it",
  rebalanceRequiresInSync: "gprecoverseg -r touches only pairs in mode s",
  inSyncOnlyWhenCaughtUp:
    "FTS upgrades a pair from n to s only when the mirror holds all the primary's WAL and sync rep was already on (not in Greenplum 6/7)",
  resendLostPromote:
    "when the catalog primary answers a probe as a mirror, FTS sends PROMOTE again (row C); guards liveness only",
  incrementalRecoveryRewinds:
    "gprecoverseg rewinds a mirror whose WAL diverged (pg_rewind) before it streams again; guards liveness only",
};

export const MIRRORING = ["enabled", "disabled", "addLater"] as const;
export type Mirroring = (typeof MIRRORING)[number];

export const SYNC_REP_RELOAD = ["immediate", "deferred"] as const;
export type SyncRepReload = (typeof SYNC_REP_RELOAD)[number];

export const PLACEMENTS = ["group", "spread"] as const;
export type PlacementKind = (typeof PLACEMENTS)[number];

export interface HostsParam {
  readonly count: number;
  readonly placement: PlacementKind;
}

/** What a user specifies. Omitted fields take docs/protocol.md's defaults. */
export interface ConfigInput {
  readonly contents: number;
  readonly txns: number;
  readonly faults: number;
  readonly mirroring?: Mirroring;
  readonly hosts?: HostsParam | null;
  readonly syncRepReload?: SyncRepReload;
  /** Safeguards switched off. */
  readonly off?: readonly Safeguard[];
  /** A proposal that changes the rules (docs/variants.md): what `loadVariant` returned. */
  readonly variant?: VariantRef | null;
}

/** A validated configuration, with the host layout computed. */
export interface Config {
  /** K: number of contents. */
  readonly contents: number;
  /** W: client transactions in the whole run. */
  readonly txns: number;
  /** F: fault budget. */
  readonly faults: number;
  readonly mirroring: Mirroring;
  readonly hosts: HostsParam | null;
  readonly syncRepReload: SyncRepReload;
  /** Every safeguard, true = on (the correct protocol). */
  readonly safeguards: Readonly<Record<Safeguard, boolean>>;
  /** Where each instance runs, when `hosts` is given. */
  readonly placement: Placement | null;
  /**
   * The proposal that changes the rules (docs/variants.md), as plain data; absent or null for
   * the built-in model. The proposal itself is in this thread's registry (variant/registry.ts).
   */
  readonly variant?: VariantRef | null;
}

/** A one-line description of bad input; the CLI prints its message and exits 2. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export const LIMITS = {
  contents: { min: 1, max: 8 },
  txns: { min: 0, max: 6 },
  faults: { min: 0, max: 4 },
} as const;

function checkInt(name: keyof typeof LIMITS, value: number): void {
  const { min, max } = LIMITS[name];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

/** The safeguard called `name`; otherwise a ConfigError naming the option it came from (as the user typed it) and the known ones. */
export function parseSafeguard(name: string, option?: string): Safeguard {
  const g = SAFEGUARDS.find((x) => x === name);
  if (g === undefined) throw new ConfigError(`unknown safeguard "${name}"${option === undefined ? "" : ` for ${option}`}; known: ${SAFEGUARDS.join(", ")}`);
  return g;
}

/** Which rules to change: safeguards switched off or on, another sync rep reload. */
export interface OtherRules {
  readonly off?: readonly Safeguard[];
  readonly on?: readonly Safeguard[];
  readonly syncRepReload?: SyncRepReload;
}

/**
 * The same configuration (parameters, hosts, proposal) under other rules: what a what-if, and
 * the root cause's re-evaluation of a step, run. Safeguards and the reload constrain nothing
 * else, so nothing else needs validating again.
 */
export function withRules(cfg: Config, change: OtherRules): Config {
  const safeguards: Record<Safeguard, boolean> = { ...cfg.safeguards };
  for (const g of change.off ?? []) safeguards[g] = false;
  for (const g of change.on ?? []) safeguards[g] = true;
  return { ...cfg, safeguards, syncRepReload: change.syncRepReload ?? cfg.syncRepReload };
}

export function resolveConfig(input: ConfigInput): Config {
  checkInt("contents", input.contents);
  checkInt("txns", input.txns);
  checkInt("faults", input.faults);
  const mirroring = input.mirroring ?? "enabled";
  if (!MIRRORING.includes(mirroring)) {
    throw new ConfigError(`mirroring must be one of ${MIRRORING.join(", ")}, got ${String(mirroring)}`);
  }
  const syncRepReload = input.syncRepReload ?? "immediate";
  if (!SYNC_REP_RELOAD.includes(syncRepReload)) {
    throw new ConfigError(
      `syncRepReload must be one of ${SYNC_REP_RELOAD.join(", ")}, got ${String(syncRepReload)}`,
    );
  }
  const safeguards = Object.fromEntries(SAFEGUARDS.map((g) => [g, true])) as Record<Safeguard, boolean>;
  for (const g of input.off ?? []) safeguards[parseSafeguard(String(g))] = false;
  const hosts = input.hosts ?? null;
  const placement = hosts === null ? null : computePlacement(input.contents, hosts.count, hosts.placement);
  const base = { contents: input.contents, txns: input.txns, faults: input.faults, mirroring, hosts, syncRepReload, safeguards, placement };
  const variant = input.variant ?? null;
  if (variant === null) return base;
  if (!isVariantLoaded(variant)) {
    throw new ConfigError(`proposal ${variant.file} (${variant.name}) is not loaded: call loadVariant first`);
  }
  return { ...base, variant: { name: variant.name, module: variant.module, file: variant.file } };
}

/** The dbid of instance `i` of content `c` (docs/protocol.md section 2). */
export function dbidOf(cfg: Config, c: number, i: 0 | 1): number {
  return i === 0 ? 2 + c : 2 + cfg.contents + c;
}

/** The content and instance index a dbid names, or null if the dbid names no instance. */
export function instanceOfDbid(cfg: Config, dbid: number): { content: number; index: 0 | 1 } | null {
  const k = cfg.contents;
  if (!Number.isInteger(dbid) || dbid < 2 || dbid >= 2 + 2 * k) return null;
  return dbid < 2 + k ? { content: dbid - 2, index: 0 } : { content: dbid - 2 - k, index: 1 };
}

/** A short human description, e.g. "contents=2 txns=2 faults=2 off=promoteRequiresInSync" (a proposal is named by `configTitle`). */
export function describeConfig(cfg: Config): string {
  const parts = [`contents=${cfg.contents}`, `txns=${cfg.txns}`, `faults=${cfg.faults}`];
  if (cfg.mirroring !== "enabled") parts.push(`mirroring=${cfg.mirroring}`);
  if (cfg.syncRepReload !== "immediate") parts.push(`syncRepReload=${cfg.syncRepReload}`);
  if (cfg.hosts) parts.push(`hosts=${cfg.hosts.count}`, `placement=${cfg.hosts.placement}`);
  const off = SAFEGUARDS.filter((g) => !cfg.safeguards[g]);
  if (off.length > 0) parts.push(`off=${off.join(",")}`);
  return parts.join(" ");
}

/** The configuration's name as reports title it: "default", or "default, variant NAME (FILE)" under a proposal. */
export function configTitle(name: string, cfg: Config): string {
  return cfg.variant ? `${name}, variant ${cfg.variant.name} (${cfg.variant.file})` : name;
}
