/** The two hand-built lassos the report tests print, as trace texts and as checker violations. */
import { violationFromReplay, type LassoViolation } from "../../report/index.js";
import { parseTrace, replayTrace, type ReplayResult } from "../../trace/index.js";

/** `default` with resendLostPromote off: a PROMOTE lost to an FTS restart is never resent. */
export const LOST_PROMOTE = `config contents=2 txns=2 faults=2 off=resendLostPromote
FtsProbeTimeout content=0
FtsRestart
loop
FtsProbe content=0
FtsProbe content=1
expect violated ContentsServe content=0
`;

/** `default` with incrementalRecoveryRewinds off: a diverged mirror that is never rewound. */
export const NO_REWIND = `config contents=2 txns=2 faults=2 off=incrementalRecoveryRewinds
ClientCommit content=0
FtsProbeTimeout content=0
FtsSendPromote content=0
RecoverIncremental content=0
loop
FtsProbe content=0
FtsProbe content=1
RecoverIncremental content=0
expect violated MirrorsResync content=0
`;

/** The replay of a lasso text and the Violation it stands for. */
export function replayedLasso(text: string, file = "t.trace"): { replay: ReplayResult; violation: LassoViolation } {
  const replay = replayTrace(parseTrace(text, file));
  const violation = violationFromReplay(replay);
  if (violation === null) throw new Error("not a lasso");
  return { replay, violation };
}
