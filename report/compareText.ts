/**
 * `mirrorcheck compare` for a terminal: the side-by-side table of the built-in model and the
 * model with a proposal, then the shortest counterexample of every property the proposal
 * breaks (its own) or fixes (the built-in model's), drawn as `check` draws them.
 */
import { describeConfig } from "../model/index.js";
import { safetyPropertiesOf } from "../properties/index.js";
import { compareTraceFileName, type Comparison, type CompareMark, type CompareRowKind } from "./compare.js";
import { isLasso } from "./lasso.js";
import { livenessViolationText } from "./livenessText.js";
import { renderTable } from "./table.js";
import { traceTable } from "./traceTable.js";

/** The proposal as the user named it. */
export interface ProposalInfo {
  readonly name: string;
  readonly file: string;
  readonly description: string;
}

export interface CompareTextOptions {
  /** Trace files written for the counterexamples, in their order (--trace-out DIR); "" where writing failed. */
  readonly traceFiles?: readonly string[];
  /** The command line that writes them, for the replay hint when none were written. */
  readonly traceOutHint?: string;
}

const MARK_TEXT: Readonly<Record<CompareMark, string>> = {
  breaks: "BREAKS",
  fixes: "fixes",
  "new-fails": "NEW, FAILS",
  new: "new",
  changed: "changed",
  same: "",
};
const KIND_TEXT: Readonly<Record<CompareRowKind, string>> = {
  verdict: "",
  states: "",
  depth: "",
  safety: "safety",
  witness: "witness",
  liveness: "liveness",
};

function actions(n: number): string {
  return n === 1 ? "1 action" : `${n} actions`;
}

function list(names: readonly string[]): string {
  return names.join(", ");
}

/** The one-line summary: WORSE (it breaks something, or its own property fails), BETTER (it only fixes), else NEUTRAL. */
export function compareHeadline(c: Comparison): string {
  const parts: string[] = [];
  parts.push(c.breaks.length === 0 ? "breaks nothing that held" : `BREAKS ${c.breaks.length}: ${list(c.breaks)}`);
  parts.push(c.fixes.length === 0 ? "fixes nothing" : `fixes ${c.fixes.length}: ${list(c.fixes)}`);
  if (c.newFailing.length > 0) parts.push(`its own ${list(c.newFailing)} FAIL${c.newFailing.length === 1 ? "S" : ""}`);
  const still = c.rows
    .filter((r) => r.mark !== "new-fails" && (r.variant.status === "violated" || r.variant.status === "unreached"))
    .map((r) => r.name);
  if (still.length > 0) parts.push(`still failing with it: ${list(still)}`);
  const incomplete = c.incomplete ? " (a run was cut short: \"holds\" means no violation found so far)" : "";
  const tag = c.breaks.length > 0 || c.newFailing.length > 0 ? "WORSE" : c.fixes.length > 0 ? "BETTER" : "NEUTRAL";
  return `${tag}  ${c.variantName} ${parts.join("; ")}${incomplete}`;
}

export function compareText(c: Comparison, proposal: ProposalInfo, options: CompareTextOptions = {}): string {
  const out: string[] = [];
  out.push(`mirrorcheck compare ${c.builtin.name}: ${describeConfig(c.builtin.config)}, built-in model vs proposal ${proposal.name} (${proposal.file})`);
  out.push(`Proposal: ${proposal.description}`);
  out.push(compareHeadline(c));
  out.push("");
  const rows = c.rows.map((r) => [KIND_TEXT[r.kind], r.name, r.builtin.text, r.variant.text, MARK_TEXT[r.mark]]);
  out.push(renderTable(["", "", "built-in", `with ${c.variantName}`, "proposal"], rows));
  c.counterexamples.forEach((x, k) => {
    const file = options.traceFiles?.[k];
    const replay =
      file !== undefined && file !== ""
        ? `mirrorcheck replay ${file}`
        : `${options.traceOutHint ?? "mirrorcheck compare … --trace-out DIR"}, then mirrorcheck replay DIR/${compareTraceFileName(x)}`;
    const v = x.violation;
    const whose = x.side === "variant" ? `with ${c.variantName}` : "in the built-in model";
    out.push("");
    out.push(
      x.mark === "breaks"
        ? `${c.variantName} BREAKS ${x.row}: the shortest counterexample ${whose}, ${actions(v.length)}.`
        : x.mark === "new-fails"
          ? `${c.variantName}'s own ${x.row} FAILS: the shortest counterexample ${whose}, ${actions(v.length)}.`
          : `${c.variantName} fixes ${x.row}: the shortest counterexample ${whose} (gone with the proposal), ${actions(v.length)}.`,
    );
    out.push("");
    if (isLasso(v)) {
      out.push(livenessViolationText(x.report.config, v, { replay }));
      return;
    }
    const desc = [...safetyPropertiesOf(x.report.config), ...x.report.properties].find((p) => p.name === v.property)?.description;
    out.push(`Counterexample to ${v.property}${desc === undefined ? "" : ` (${desc})`}, ${actions(v.length)}:`);
    out.push("");
    out.push(traceTable(x.report.config, v.trace));
    out.push("");
    out.push(`${v.property} violated: ${v.message}`);
    out.push(`Replay it: ${replay}`);
  });
  return out.join("\n");
}
