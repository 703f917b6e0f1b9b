/** The properties of the contract (docs/protocol.md section 5), in checking order. */
import { CatalogConsistent } from "./catalogConsistent.js";
import { InSyncImpliesSyncRep } from "./inSyncImpliesSyncRep.js";
import { InSyncMirrorHasAllAcked } from "./inSyncMirrorHasAllAcked.js";
import { MirrorWalIsPrefix } from "./mirrorWalIsPrefix.js";
import { NoDoubleFaultUnderOneFault } from "./noDoubleFaultUnderOneFault.js";
import { NoLostAckedCommit } from "./noLostAckedCommit.js";
import { OnePrimaryPerContent } from "./onePrimaryPerContent.js";
import { CommitsAreAnswered } from "./commitsAreAnswered.js";
import { ContentsServe } from "./contentsServe.js";
import { MirrorsResync } from "./mirrorsResync.js";
import { PreferredRolesReturn } from "./preferredRolesReturn.js";
import { AckedAfterFailover, AckedWhileMirrorDown, BackToPreferredRoles, DoubleFault, MirrorPromoted } from "./witnesses.js";

export type { LivenessProperty, Property, SafetyProperty, Witness } from "./property.js";
export { walText } from "./format.js";

export { SAFETY_PROPERTIES, WITNESSES, LIVENESS_PROPERTIES } from "./lists.js";
export { safetyPropertiesOf, witnessesOf } from "./variant.js";

export {
  CommitsAreAnswered,
  ContentsServe,
  MirrorsResync,
  PreferredRolesReturn,
  NoLostAckedCommit,
  OnePrimaryPerContent,
  InSyncMirrorHasAllAcked,
  InSyncImpliesSyncRep,
  MirrorWalIsPrefix,
  CatalogConsistent,
  NoDoubleFaultUnderOneFault,
  MirrorPromoted,
  AckedAfterFailover,
  AckedWhileMirrorDown,
  BackToPreferredRoles,
  DoubleFault,
};
