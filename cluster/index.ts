/**
 * Real clusters: mirror placement and its failure domains, and checking a cluster's
 * failover history (`gp_configuration_history`) against the model. See docs/cluster.md.
 */
export { ClusterInputError, parseCsv, parseCsvRecords, scanRecord, streamCsvRecords } from "./csv.js";
export type { CsvRecord, CsvTable, RecordScan } from "./csv.js";
export { parseSegmentConfiguration, SEGMENT_COLUMNS } from "./segmentConfig.js";
export type { ContentInstances, RowMode, RowRole, RowStatus, SegmentConfiguration, SegmentRow } from "./segmentConfig.js";
export { generatedLayout, layoutFromConfiguration, LAYOUT_LIMITS } from "./layout.js";
export type { ClusterLayout, HostLayout, HostName, MirroringKind } from "./layout.js";
export { analysePlacement } from "./failures.js";
export type { DoubleHostFailure, PlacementAnalysis, PlacementSummary, SingleHostFailure, Takeover } from "./failures.js";
export { classifyRow, historyRows, parseHistory, HISTORY_COLUMNS } from "./historyFile.js";
export { fileChunks, historyFileSource } from "./historyStream.js";
export type { HistoryEvent, HistoryFile, HistoryRow } from "./historyFile.js";
export { historyGraph, rulesOf, projectionOf, NO_MIRROR } from "./historyGraph.js";
export type { HistoryGraph, HistoryRules, Projection } from "./historyGraph.js";
export { advance, closeLayer, startLayer, allowedSteps } from "./historySearch.js";
export type { Layer, Letter, PathNode, AllowedStep } from "./historySearch.js";
export { checkHistory, checkHistoryRows, SKIPPED_ROWS_KEPT, WITNESS_ROW_LIMIT } from "./historyCheck.js";
export type { CatalogRow, ContentVerdict, HistoryCheckOptions, HistoryCheckResult, HistorySource, SkippedRow, Witness } from "./historyCheck.js";
export {
  compareJson,
  compareText,
  historyJson,
  historyText,
  placementJson,
  placementText,
  ranges,
  CONTENT_LINES_SHOWN,
  DOUBLE_FAILURE_ROWS_SHOWN,
} from "./report.js";
export type { CompareSide, CompareSideJson, HistoryJson, PlacementJson } from "./report.js";
