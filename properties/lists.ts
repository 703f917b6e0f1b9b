/** The contract's properties, witnesses and liveness properties as lists, in checking order. */
import { CatalogConsistent } from "./catalogConsistent.js";
import { InSyncImpliesSyncRep } from "./inSyncImpliesSyncRep.js";
import { InSyncMirrorHasAllAcked } from "./inSyncMirrorHasAllAcked.js";
import { MirrorWalIsPrefix } from "./mirrorWalIsPrefix.js";
import { NoDoubleFaultUnderOneFault } from "./noDoubleFaultUnderOneFault.js";
import { NoLostAckedCommit } from "./noLostAckedCommit.js";
import { OnePrimaryPerContent } from "./onePrimaryPerContent.js";
import type { LivenessProperty, SafetyProperty, Witness } from "./property.js";
import { CommitsAreAnswered } from "./commitsAreAnswered.js";
import { ContentsServe } from "./contentsServe.js";
import { MirrorsResync } from "./mirrorsResync.js";
import { PreferredRolesReturn } from "./preferredRolesReturn.js";
import { AckedAfterFailover, AckedWhileMirrorDown, BackToPreferredRoles, DoubleFault, MirrorPromoted } from "./witnesses.js";


/** Safety properties in checking order: at equal depth the first violated is reported first. */
export const SAFETY_PROPERTIES: readonly SafetyProperty[] = [
  NoLostAckedCommit,
  OnePrimaryPerContent,
  InSyncMirrorHasAllAcked,
  InSyncImpliesSyncRep,
  MirrorWalIsPrefix,
  CatalogConsistent,
  NoDoubleFaultUnderOneFault,
];

export const WITNESSES: readonly Witness[] = [
  MirrorPromoted,
  AckedAfterFailover,
  AckedWhileMirrorDown,
  BackToPreferredRoles,
  DoubleFault,
];

/** Liveness properties (`GF P` under weak fairness) in checking order. */
export const LIVENESS_PROPERTIES: readonly LivenessProperty[] = [
  CommitsAreAnswered,
  ContentsServe,
  MirrorsResync,
  PreferredRolesReturn,
];

