/**
 * The FTS decision a probe step applied, in the words every report uses (explain, the HTML
 * report, explore): the row of the decision table (docs/protocol.md section 4), what it meant
 * for this content, whether the probe handler turned sync rep on first, whether FTS promoted a
 * mirror whose catalog mode was n, and, under a proposal that changed the step, that the row
 * is the built-in table's.
 */
import {
  FTS_ROWS,
  probeDecision,
  probeFailureRow,
  proposalChangedStep,
  proposalStepText,
  type Action,
  type Config,
  type FtsRow,
  type State,
} from "../model/index.js";

export interface FtsDecision {
  readonly row: FtsRow;
  /** The row's meaning for this content (rowMeaning). */
  readonly meaning: string;
  readonly handlerEnablesSyncRep: boolean;
  /** Row E3 taken in mode n: only promoteRequiresInSync off allows it. */
  readonly unsafePromotion: boolean;
  /** Under a proposal that changed this step: why the built-in row does not tell what happened. */
  readonly proposal: string | null;
}

/**
 * What a row meant for this content. Row E3's table text says the pair was in sync; with
 * promoteRequiresInSync off FTS also takes it in mode n, and then says what really happened.
 */
export function rowMeaning(row: FtsRow, content: State["contents"][number]): string {
  if (row === "E3" && content.catalog.mode === "n") {
    return "probe failed and the catalog mode was n (not in sync): FTS flipped the catalog and sent PROMOTE to a mirror whose catalog mode was n, which only the off safeguard promoteRequiresInSync allows";
  }
  return FTS_ROWS[row];
}

/**
 * The decision of a probe step (FtsProbe, FtsProbeTimeout) from `before`; null for any other
 * action. `after` (the state the step led to) lets it say whether a proposal changed the step;
 * without it, `proposal` is null.
 */
export function ftsDecision(cfg: Config, before: State, action: Action, after: State | null): FtsDecision | null {
  if (action.type !== "FtsProbe" && action.type !== "FtsProbeTimeout") return null;
  const content = before.contents[action.content];
  const probe = action.type === "FtsProbe" ? probeDecision(cfg, content) : { row: probeFailureRow(cfg, content), handlerEnablesSyncRep: false };
  const changed = after === null ? null : proposalChangedStep(cfg, before, action, after);
  return {
    row: probe.row,
    meaning: rowMeaning(probe.row, content),
    handlerEnablesSyncRep: probe.handlerEnablesSyncRep,
    unsafePromotion: probe.row === "E3" && content.catalog.mode !== "s",
    proposal: changed === null ? null : proposalStepText(changed),
  };
}
