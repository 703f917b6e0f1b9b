/**
 * Failure-domain analysis of a layout (docs/protocol.md section 9.7): what one host failure does
 * to the surviving hosts' load, and which contents a double host failure takes out.
 *
 * The analysis assumes every content in its preferred roles before the failure and a
 * completed failover after it: FTS promotes the mirror of every primary on a failed host
 * whose mirror survives (docs/protocol.md row E3). A content is lost (double fault) when no instance
 * of it survives: both on failed hosts, or no mirror and the primary on a failed host.
 */
import type { ClusterLayout, HostName } from "./layout.js";

export interface Takeover {
  /** A surviving host that runs promoted mirrors. */
  readonly host: HostName;
  /** The contents whose mirrors it promotes. */
  readonly contents: readonly number[];
}

export interface SingleHostFailure {
  readonly host: HostName;
  /** The most acting primaries on one surviving host: its own preferred primaries plus promoted mirrors. */
  readonly maxPrimariesPerHost: number;
  /** The fewest acting primaries on one surviving host. */
  readonly minPrimariesPerHost: number;
  /** Where the failed host's primaries go: the spread of the failover. */
  readonly takenOverBy: readonly Takeover[];
  /** Contents with no surviving instance (0 for any layout Greenplum produces). */
  readonly contentsLost: readonly number[];
}

export interface DoubleHostFailure {
  readonly hosts: readonly [HostName, HostName];
  /** Contents in double fault: both instances on the two failed hosts. */
  readonly contentsLost: readonly number[];
}

export interface PlacementAnalysis {
  readonly layout: ClusterLayout;
  readonly singleHostFailures: readonly SingleHostFailure[];
  /** Every unordered pair of hosts, in order (0,1), (0,2), ..., (1,2), ... */
  readonly doubleHostFailures: readonly DoubleHostFailure[];
  readonly summary: PlacementSummary;
}

export interface PlacementSummary {
  readonly hosts: number;
  readonly contents: number;
  /** Preferred primaries per host when all is well (the most on any host). */
  readonly primariesPerHost: number;
  /** The worst single host failure: the most acting primaries any surviving host runs. */
  readonly worstMaxPrimariesPerHost: number;
  /** Contents lost by the worst single host failure (0 for Greenplum's layouts). */
  readonly worstSingleHostLoss: number;
  /** Contents lost by the worst pair of failed hosts. */
  readonly worstDoubleHostLoss: number;
  /** How many pairs of failed hosts lose at least one content, out of `hostPairs`. */
  readonly hostPairsLosingContents: number;
  readonly hostPairs: number;
}

/** The largest of the numbers, 0 for none (no spread: a million hosts pairs would overflow the stack). */
function maxOf(xs: readonly number[]): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}

export function analysePlacement(layout: ClusterLayout): PlacementAnalysis {
  const H = layout.hosts.length;
  const K = layout.primaryHost.length;
  const own = layout.hosts.map((h) => h.primaries.length);
  const singleHostFailures: SingleHostFailure[] = [];
  for (let f = 0; f < H; f++) {
    const acting = own.slice();
    acting[f] = 0;
    const taken = new Map<number, number[]>();
    const lost: number[] = [];
    for (let c = 0; c < K; c++) {
      const p = layout.primaryHost[c];
      const m = layout.mirrorHost[c];
      if (p !== f) continue;
      if (m < 0 || m === f) {
        lost.push(c);
        continue;
      }
      acting[m] += 1;
      const list = taken.get(m) ?? [];
      list.push(c);
      taken.set(m, list);
    }
    const surviving = acting.filter((_, h) => h !== f);
    singleHostFailures.push({
      host: layout.hosts[f].host,
      maxPrimariesPerHost: surviving.reduce((x, y) => Math.max(x, y), 0),
      minPrimariesPerHost: surviving.length === 0 ? 0 : surviving.reduce((x, y) => Math.min(x, y)),
      takenOverBy: [...taken.entries()].sort((a, b) => a[0] - b[0]).map(([h, contents]) => ({ host: layout.hosts[h].host, contents })),
      contentsLost: lost,
    });
  }
  // Contents each pair of hosts holds entirely, found in one pass over the contents.
  const lostByPair = new Map<number, number[]>();
  const pairKey = (a: number, b: number): number => (a < b ? a * H + b : b * H + a);
  for (let c = 0; c < K; c++) {
    const p = layout.primaryHost[c];
    const m = layout.mirrorHost[c];
    const add = (key: number): void => {
      const list = lostByPair.get(key) ?? [];
      list.push(c);
      lostByPair.set(key, list);
    };
    if (m >= 0 && m !== p) {
      add(pairKey(p, m));
    } else {
      // No second copy on another host: lost with any pair that includes the primary's host.
      for (let o = 0; o < H; o++) if (o !== p) add(pairKey(p, o));
    }
  }
  const doubleHostFailures: DoubleHostFailure[] = [];
  for (let a = 0; a < H; a++) {
    for (let b = a + 1; b < H; b++) {
      const lost = (lostByPair.get(pairKey(a, b)) ?? []).slice().sort((x, y) => x - y);
      doubleHostFailures.push({ hosts: [layout.hosts[a].host, layout.hosts[b].host], contentsLost: lost });
    }
  }
  const summary: PlacementSummary = {
    hosts: H,
    contents: K,
    primariesPerHost: maxOf(own),
    worstMaxPrimariesPerHost: maxOf(singleHostFailures.map((s) => s.maxPrimariesPerHost)),
    worstSingleHostLoss: maxOf(singleHostFailures.map((s) => s.contentsLost.length)),
    worstDoubleHostLoss: maxOf(doubleHostFailures.map((d) => d.contentsLost.length)),
    hostPairsLosingContents: doubleHostFailures.filter((d) => d.contentsLost.length > 0).length,
    hostPairs: doubleHostFailures.length,
  };
  return { layout, singleHostFailures, doubleHostFailures, summary };
}
