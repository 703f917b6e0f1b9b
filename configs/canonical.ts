/**
 * The canonical configurations of docs/protocol.md section 8, each with its expected outcome.
 * `npm test` checks every one of them (test/configs/); `reference` says which figures the
 * independent implementations published and which were measured here and pinned.
 */
import type { ConfigInput, Safeguard } from "../model/index.js";
import type { CanonicalConfig, ExpectedOutcome } from "./types.js";

const DEFAULT: ConfigInput = { contents: 2, txns: 2, faults: 2 };

/** Every liveness property holds (docs/protocol.md section 5). */
const LIVE = { CommitsAreAnswered: [], ContentsServe: [], MirrorsResync: [], PreferredRolesReturn: [] } as const;

/** The shortest witness paths of `default`, which many configurations share. */
const WITNESSES_AS_IN_DEFAULT = {
  MirrorPromoted: 2,
  AckedAfterFailover: 4,
  AckedWhileMirrorDown: 5,
  BackToPreferredRoles: 12,
  DoubleFault: 2,
} as const;

function bug(safeguard: Safeguard, description: string, expected: ExpectedOutcome): CanonicalConfig {
  // syncRepOnBeforeInSync alone is masked by inSyncOnlyWhenCaughtUp (docs/protocol.md section 8).
  const off: Safeguard[] =
    safeguard === "syncRepOnBeforeInSync" ? [safeguard, "inSyncOnlyWhenCaughtUp"] : [safeguard];
  return { name: `bug-${safeguard}`, description, input: { ...DEFAULT, off }, expected };
}

export const CANONICAL_CONFIGS: readonly CanonicalConfig[] = [
  {
    name: "tiny",
    description: "one content, two txns, one fault: the smallest interesting run",
    input: { contents: 1, txns: 2, faults: 1 },
    expected: {
      result: "pass",
      distinctStates: 913,
      depth: 17,
      violations: {},
      // DoubleFault needs two faults.
      witnesses: { MirrorPromoted: 2, AckedAfterFailover: 4, AckedWhileMirrorDown: 5, BackToPreferredRoles: 12 },
      liveness: LIVE,
      reference: ["result", "distinctStates", "depth", "witnesses", "liveness"],
    },
  },
  {
    name: "default",
    description: "two contents, two txns, two faults: the main job of `mirrorcheck check`",
    input: DEFAULT,
    expected: {
      result: "pass",
      distinctStates: 126308,
      depth: 28,
      violations: {},
      witnesses: WITNESSES_AS_IN_DEFAULT,
      liveness: LIVE,
      reference: ["result", "distinctStates", "depth", "witnesses", "liveness"],
    },
  },
  {
    name: "deep",
    description: "one content, four txns, three faults: long failover/recovery chains",
    input: { contents: 1, txns: 4, faults: 3 },
    expected: {
      result: "pass",
      distinctStates: 288736,
      depth: 43,
      violations: {},
      witnesses: WITNESSES_AS_IN_DEFAULT,
      liveness: LIVE,
      reference: [],
    },
  },
  {
    name: "wide",
    description: "three contents, two txns, two faults: more interleavings across contents",
    input: { contents: 3, txns: 2, faults: 2 },
    expected: {
      result: "pass",
      distinctStates: 568872,
      depth: 28,
      violations: {},
      witnesses: WITNESSES_AS_IN_DEFAULT,
      liveness: LIVE,
      reference: [],
    },
  },
  {
    name: "hosts-group",
    description: "two contents on two hosts with group mirroring: HostCrash takes a primary and the other's mirror",
    input: { contents: 2, txns: 1, faults: 2, hosts: { count: 2, placement: "group" } },
    expected: {
      result: "pass",
      distinctStates: 51585,
      depth: 27,
      violations: {},
      witnesses: WITNESSES_AS_IN_DEFAULT,
      liveness: LIVE,
      reference: [],
    },
  },
  {
    name: "hosts-group-6",
    description: "six contents on three hosts (two primaries each), group mirroring, one host failure",
    input: { contents: 6, txns: 0, faults: 1, hosts: { count: 3, placement: "group" } },
    expected: {
      result: "pass",
      distinctStates: 175604,
      depth: 29,
      violations: {},
      witnesses: { MirrorPromoted: 2, BackToPreferredRoles: 12 },
      liveness: LIVE,
      reference: [],
    },
  },
  {
    name: "hosts-spread-6",
    description: "six contents on three hosts (two primaries each), spread mirroring, one host failure",
    input: { contents: 6, txns: 0, faults: 1, hosts: { count: 3, placement: "spread" } },
    expected: {
      result: "pass",
      distinctStates: 175604,
      depth: 29,
      violations: {},
      witnesses: { MirrorPromoted: 2, BackToPreferredRoles: 12 },
      liveness: LIVE,
      reference: [],
    },
  },
  {
    name: "no-mirrors",
    description: "two mirrorless contents: any segment failure stops the system; no witness applies",
    input: { contents: 2, txns: 2, faults: 1, mirroring: "disabled" },
    expected: { result: "pass", distinctStates: 102, depth: 6, violations: {}, witnesses: {}, liveness: LIVE, reference: [] },
  },
  {
    name: "add-mirrors",
    description: "one content that starts mirrorless; gpaddmirrors may add its mirror",
    input: { contents: 1, txns: 3, faults: 1, mirroring: "addLater" },
    expected: {
      result: "pass",
      distinctStates: 4070,
      depth: 22,
      violations: {},
      witnesses: { ...WITNESSES_AS_IN_DEFAULT, MirrorPromoted: 6, AckedAfterFailover: 8, AckedWhileMirrorDown: 3, BackToPreferredRoles: 16 },
      liveness: LIVE,
      reference: [],
    },
  },
  {
    name: "deferred-reload",
    description:
      "the real asynchronous reload of synchronous_standby_names: FTS can write s before sync rep is in force (a finding, expected to fail)",
    input: { contents: 1, txns: 2, faults: 2, syncRepReload: "deferred" },
    expected: {
      result: "violation",
      distinctStates: 9712,
      depth: 29,
      violations: { NoLostAckedCommit: 9, OnePrimaryPerContent: 8, InSyncMirrorHasAllAcked: 8, InSyncImpliesSyncRep: 6 },
      witnesses: { ...WITNESSES_AS_IN_DEFAULT, AckedWhileMirrorDown: 6 },
      liveness: LIVE,
      reference: [],
    },
  },
  {
    name: "as-implemented",
    description:
      "Greenplum 6/7 as its code reads (deferred reload, no inSyncOnlyWhenCaughtUp): an acked commit can be lost (a finding, expected to fail)",
    input: { ...DEFAULT, syncRepReload: "deferred", off: ["inSyncOnlyWhenCaughtUp"] },
    expected: {
      result: "violation",
      distinctStates: 291698,
      depth: 26,
      violations: { NoLostAckedCommit: 8, OnePrimaryPerContent: 7, InSyncMirrorHasAllAcked: 7, InSyncImpliesSyncRep: 5 },
      witnesses: { ...WITNESSES_AS_IN_DEFAULT, AckedWhileMirrorDown: 6, BackToPreferredRoles: 10 },
      liveness: LIVE,
      reference: [],
    },
  },
  bug("promoteRequiresInSync", "FTS promotes a mirror whatever the catalog mode", {
    result: "violation",
    distinctStates: 141980,
    depth: 28,
    violations: { NoLostAckedCommit: 5, OnePrimaryPerContent: 5, InSyncMirrorHasAllAcked: 9 },
    witnesses: { ...WITNESSES_AS_IN_DEFAULT, BackToPreferredRoles: 7 },
    liveness: LIVE,
    reference: ["result", "violations"],
  }),
  bug("markDownBeforeSyncRepOff", "FTS sends SYNCREP_OFF before it writes mode n to the catalog", {
    result: "violation",
    distinctStates: 156834,
    depth: 28,
    violations: { InSyncMirrorHasAllAcked: 5, InSyncImpliesSyncRep: 3 },
    witnesses: { ...WITNESSES_AS_IN_DEFAULT, AckedWhileMirrorDown: 6 },
    liveness: LIVE,
    reference: ["result", "violations"],
  }),
  bug("syncRepOnBeforeInSync", "FTS may write mode s before the probe handler turned sync rep on", {
    result: "violation",
    distinctStates: 376897,
    depth: 26,
    violations: { NoLostAckedCommit: 8, OnePrimaryPerContent: 7, InSyncMirrorHasAllAcked: 7, InSyncImpliesSyncRep: 5 },
    witnesses: { ...WITNESSES_AS_IN_DEFAULT, BackToPreferredRoles: 10 },
    liveness: LIVE,
    reference: ["result", "violations"],
  }),
  bug("commitWaitsForMirror", "a commit is acknowledged without waiting for the mirror (the cancel/terminate bugs)", {
    result: "violation",
    distinctStates: 188662,
    depth: 28,
    violations: { NoLostAckedCommit: 3, InSyncMirrorHasAllAcked: 2 },
    witnesses: { ...WITNESSES_AS_IN_DEFAULT, AckedWhileMirrorDown: 4 },
    liveness: LIVE,
    reference: ["result", "violations"],
  }),
  bug("rebalanceRequiresInSync", "gprecoverseg -r stops an acting primary whose pair is not in sync", {
    result: "violation",
    distinctStates: 176468,
    depth: 28,
    violations: { NoDoubleFaultUnderOneFault: 3 },
    witnesses: WITNESSES_AS_IN_DEFAULT,
    // Over the whole graph (--all): a Rebalance of a pair in mode n stops the acting primary
    // and FTS (E4) does nothing, a fair cycle of stop and restart that never serves, never
    // resyncs, and keeps a zombie's waiting commit unanswered.
    liveness: {
      CommitsAreAnswered: ["txn=1", "txn=2"],
      ContentsServe: ["content=0", "content=1"],
      MirrorsResync: ["content=0", "content=1"],
      PreferredRolesReturn: ["content=0", "content=1"],
    },
    reference: ["result", "violations"],
  }),
  bug("inSyncOnlyWhenCaughtUp", "FTS writes s as soon as the walsender streams (Greenplum 6/7 as implemented)", {
    result: "violation",
    distinctStates: 141802,
    depth: 24,
    violations: { NoLostAckedCommit: 8, InSyncMirrorHasAllAcked: 7 },
    witnesses: { ...WITNESSES_AS_IN_DEFAULT, BackToPreferredRoles: 10 },
    liveness: LIVE,
    reference: ["result", "violations"],
  }),
  // The last two guard liveness only: every safety property holds; the fair cycles that
  // keep a content from resyncing are the violation (docs/protocol.md section 6).
  bug("resendLostPromote", "a PROMOTE lost to an FTS restart is never sent again (row C skipped)", {
    result: "violation",
    // default's count (the reference's): without row C the probe of a mirror-role catalog
    // primary leaves the state as it is, where row C would owe a PROMOTE.
    distinctStates: 126308,
    depth: 28,
    violations: {},
    witnesses: WITNESSES_AS_IN_DEFAULT,
    liveness: {
      CommitsAreAnswered: [],
      ContentsServe: ["content=0", "content=1"],
      MirrorsResync: ["content=0", "content=1"],
      PreferredRolesReturn: ["content=0", "content=1"],
    },
    reference: ["result", "distinctStates", "violations", "liveness"],
  }),
  bug("incrementalRecoveryRewinds", "gprecoverseg restarts a diverged mirror without pg_rewind: it never streams again", {
    result: "violation",
    distinctStates: 128790,
    depth: 28,
    violations: {},
    witnesses: WITNESSES_AS_IN_DEFAULT,
    liveness: {
      CommitsAreAnswered: [],
      ContentsServe: [],
      MirrorsResync: ["content=0", "content=1"],
      PreferredRolesReturn: ["content=0", "content=1"],
    },
    reference: ["result", "distinctStates", "depth", "violations", "liveness"],
  }),
];
