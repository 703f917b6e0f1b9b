/**
 * Where each content's preferred primary and preferred mirror run: either the layout
 * Greenplum's group or spread rule generates (docs/protocol.md section 7, computed by the model's
 * `computePlacement`), or the layout of a real cluster read from `gp_segment_configuration`
 * (preferred roles and hostnames: the layout the cluster returns to after a rebalance).
 */
import { computePlacement, PlacementError, type PlacementKind } from "../model/index.js";
import type { SegmentConfiguration } from "./segmentConfig.js";

/** A host as shown to users: its index for a generated layout, its hostname for a real cluster. */
export type HostName = string | number;

export interface HostLayout {
  readonly host: HostName;
  /** Contents whose preferred primary runs here, ascending. */
  readonly primaries: readonly number[];
  /** Contents whose preferred mirror runs here, ascending. */
  readonly mirrors: readonly number[];
}

/** How the mirrors are placed: a Greenplum rule, or no mirrors at all. */
export type MirroringKind = PlacementKind | "none";

export interface ClusterLayout {
  /** "generated" by a Greenplum rule, or read "from" a configuration file. */
  readonly source: "generated" | "file";
  /** The rule that generated it, or for a real cluster the one Greenplum's `guessIsSpreadMirror()` would report. */
  readonly mirroring: MirroringKind;
  readonly hosts: readonly HostLayout[];
  /** primaryHost[c]: index in `hosts` of content c's preferred primary. */
  readonly primaryHost: readonly number[];
  /** mirrorHost[c]: index in `hosts` of content c's preferred mirror, or -1 without a mirror. */
  readonly mirrorHost: readonly number[];
  /** What in a real cluster's layout Greenplum's tools would not produce. */
  readonly warnings: readonly string[];
}

/** Bounds for a generated layout: beyond them the failure tables stop being readable. */
export const LAYOUT_LIMITS = { hosts: { min: 1, max: 1000 }, primariesPerHost: { min: 1, max: 128 } } as const;

function hostsTable(hostNames: readonly HostName[], primaryHost: readonly number[], mirrorHost: readonly number[]): HostLayout[] {
  const primaries: number[][] = hostNames.map(() => []);
  const mirrors: number[][] = hostNames.map(() => []);
  primaryHost.forEach((h, c) => primaries[h].push(c));
  mirrorHost.forEach((h, c) => {
    if (h >= 0) mirrors[h].push(c);
  });
  return hostNames.map((host, h) => ({ host, primaries: primaries[h], mirrors: mirrors[h] }));
}

/**
 * The layout gpinitsystem / gpaddmirrors produce for H hosts with N primaries each. Refuses,
 * with a PlacementError naming the rule, what Greenplum refuses: group needs H ≥ 2
 * ("Not enough hosts for grouped mirroring"), spread needs H > N ("Not enough hosts for
 * spread mirroring").
 */
export function generatedLayout(hostCount: number, primariesPerHost: number, kind: PlacementKind): ClusterLayout {
  const { hosts, primariesPerHost: per } = LAYOUT_LIMITS;
  if (!Number.isInteger(hostCount) || hostCount < hosts.min || hostCount > hosts.max) {
    throw new PlacementError(`--hosts must be an integer from ${hosts.min} to ${hosts.max}, got ${String(hostCount)}`);
  }
  if (!Number.isInteger(primariesPerHost) || primariesPerHost < per.min || primariesPerHost > per.max) {
    throw new PlacementError(
      `--primaries-per-host must be an integer from ${per.min} to ${per.max}, got ${String(primariesPerHost)}`,
    );
  }
  const p = computePlacement(hostCount * primariesPerHost, hostCount, kind);
  const primaryHost = p.hostOf.map(([h]) => h);
  const mirrorHost = p.hostOf.map(([, h]) => h);
  const names = Array.from({ length: hostCount }, (_, h) => h);
  return { source: "generated", mirroring: kind, hosts: hostsTable(names, primaryHost, mirrorHost), primaryHost, mirrorHost, warnings: [] };
}

/** Hostnames in natural order (sdw2 before sdw10), as an operator lists them. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * A real cluster's layout, from preferred roles and hostnames (the current roles may be
 * swapped by failovers; the preferred ones say where each content belongs).
 */
export function layoutFromConfiguration(cfg: SegmentConfiguration): ClusterLayout {
  const names = [...new Set(cfg.rows.map((r) => r.hostname))].sort(naturalCompare);
  const index = new Map(names.map((n, i) => [n, i]));
  const hostIndex = (name: string): number => index.get(name) ?? -1;
  const primaryHost = cfg.contents.map((c) => hostIndex(c.preferredPrimary.hostname));
  const mirrorHost = cfg.contents.map((c) => (c.preferredMirror === null ? -1 : hostIndex(c.preferredMirror.hostname)));
  const warnings: string[] = [];
  const together = cfg.contents.filter((_, c) => primaryHost[c] === mirrorHost[c]).map((c) => c.content);
  if (together.length > 0) {
    warnings.push(
      `content${together.length > 1 ? "s" : ""} ${together.join(", ")}: primary and mirror on the same host (Greenplum's tools never place them so; one host failure loses the content)`,
    );
  }
  const mirrorless = cfg.contents.filter((c) => c.preferredMirror === null).map((c) => c.content);
  if (mirrorless.length > 0 && mirrorless.length < cfg.contents.length) {
    warnings.push(`content${mirrorless.length > 1 ? "s" : ""} ${mirrorless.join(", ")} without a mirror`);
  }
  const counts = new Set(names.map((_, h) => primaryHost.filter((x) => x === h).length).filter((n) => n > 0));
  if (counts.size > 1) warnings.push("hosts hold different numbers of primaries");
  return {
    source: "file",
    mirroring: guessMirroring(primaryHost, mirrorHost),
    hosts: hostsTable(names, primaryHost, mirrorHost),
    primaryHost,
    mirrorHost,
    warnings,
  };
}

/**
 * Greenplum's `GpArray.guessIsSpreadMirror()`: "group" if the primaries of some host have
 * more than one mirror on the same other host, otherwise "spread".
 */
function guessMirroring(primaryHost: readonly number[], mirrorHost: readonly number[]): MirroringKind {
  if (mirrorHost.every((h) => h < 0)) return "none";
  const seen = new Set<string>();
  for (let c = 0; c < primaryHost.length; c++) {
    if (mirrorHost[c] < 0) continue;
    const key = `${primaryHost[c]}>${mirrorHost[c]}`;
    if (seen.has(key)) return "group";
    seen.add(key);
  }
  return "spread";
}
