/**
 * Hosts and mirror placement (docs/protocol.md section 7; Greenplum's `getGroupMirrors()` and
 * `getSpreadMirrors()` in gpMgmt's clsAddMirrors.py). Host i holds the preferred primaries
 * of contents i·N .. i·N+N-1, N = K/H.
 */
import type { PlacementKind } from "./config.js";

export interface Placement {
  readonly kind: PlacementKind;
  readonly hostCount: number;
  /** N: primaries per host. */
  readonly primariesPerHost: number;
  /** hostOf[c][i]: the host of instance i of content c. */
  readonly hostOf: readonly (readonly [number, number])[];
  /** instancesOn[h]: the instances on host h as [content, index], ordered by dbid. */
  readonly instancesOn: readonly (readonly (readonly [number, 0 | 1])[])[];
}

/** Thrown for a layout Greenplum would refuse; its message names the broken precondition. */
export class PlacementError extends Error {
  override readonly name = "PlacementError";
}

export function computePlacement(contents: number, hostCount: number, kind: PlacementKind): Placement {
  if (!Number.isInteger(hostCount) || hostCount < 1) {
    throw new PlacementError(`hosts must be a positive integer, got ${String(hostCount)}`);
  }
  if (kind !== "group" && kind !== "spread") {
    throw new PlacementError(`placement must be group or spread, got ${String(kind)}`);
  }
  if (contents % hostCount !== 0) {
    throw new PlacementError(
      `impossible placement: ${contents} contents cannot be spread evenly over ${hostCount} hosts (contents must be a multiple of hosts)`,
    );
  }
  const n = contents / hostCount;
  if (kind === "group" && hostCount < 2) {
    throw new PlacementError(`impossible placement: group mirroring needs at least 2 hosts, got ${hostCount}`);
  }
  if (kind === "spread" && hostCount <= n) {
    throw new PlacementError(
      `impossible placement: spread mirroring needs more hosts than primaries per host (${hostCount} hosts, ${n} primaries per host)`,
    );
  }
  const hostOf: [number, number][] = [];
  for (let c = 0; c < contents; c++) {
    const host = Math.floor(c / n);
    const k = c % n;
    const mirrorHost = kind === "group" ? (host + 1) % hostCount : (host + k + 1) % hostCount;
    hostOf.push([host, mirrorHost]);
  }
  const instancesOn: [number, 0 | 1][][] = Array.from({ length: hostCount }, () => []);
  for (const index of [0, 1] as const) {
    for (let c = 0; c < contents; c++) instancesOn[hostOf[c][index]].push([c, index]);
  }
  return { kind, hostCount, primariesPerHost: n, hostOf, instancesOn };
}
