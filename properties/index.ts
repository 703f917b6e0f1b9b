/** The properties of the contract (PROTOCOL.md section 5), in checking order. */
import { CatalogConsistent } from "./catalogConsistent.js";
import { InSyncImpliesSyncRep } from "./inSyncImpliesSyncRep.js";
import { InSyncMirrorHasAllAcked } from "./inSyncMirrorHasAllAcked.js";
import { MirrorWalIsPrefix } from "./mirrorWalIsPrefix.js";
import { NoDoubleFaultUnderOneFault } from "./noDoubleFaultUnderOneFault.js";
import { NoLostAckedCommit } from "./noLostAckedCommit.js";
import { OnePrimaryPerContent } from "./onePrimaryPerContent.js";
import type { SafetyProperty, Witness } from "./property.js";
import { AckedAfterFailover, AckedWhileMirrorDown, BackToPreferredRoles, DoubleFault, MirrorPromoted } from "./witnesses.js";

export type { Property, SafetyProperty, Witness } from "./property.js";
export { walText } from "./format.js";

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

export {
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
