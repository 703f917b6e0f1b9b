/**
 * The HTML report of a trace (a counterexample or a replayed trace file): one self-contained
 * page with no script and no network access (inline CSS and SVG, and a Content Security
 * Policy that forbids loading anything). It shows, top to bottom: the violated property,
 * a sequence diagram of the messages between client, FTS and the instances, and the catalog
 * (`gp_segment_configuration`) after each step with the changed cells highlighted. A
 * liveness counterexample (a lasso) also shows its cycle: a shaded band on the diagram with
 * an arrow back to the loop state, and the fairness account as a table. A safety
 * counterexample names where the protocol first broke (rootCause.ts): a box under the
 * violation, and a `crux` marker ("first broke here") on that step's row and card. The
 * trace file itself is embedded in a `<details>` block with the command that replays it.
 * Contents no step touches are drawn once, in the initial state's table, and collapsed into
 * one line in the others. The page prints cleanly (@media print in html/style.ts).
 */
import type { FairnessEntry } from "../checker/index.js";
import {
  FAULT_ACTIONS,
  describeConfig,
  familyDescription,
  formatAction,
  type Action,
  type Config,
  type State,
} from "../model/index.js";
import { ftsDecision } from "./ftsRow.js";
import { diffStates } from "./describe.js";
import { rootCause, ruleText, type RootCause } from "./rootCause.js";
import { fairnessEntryText, fairnessGroups } from "./lasso.js";
import { catalogTable, txnTable } from "./html/catalog.js";
import { esc } from "./html/escape.js";
import { traceSection, untouchedContents, untouchedLine, type HtmlReportTrace } from "./html/traceFile.js";
import { stepPicture } from "./html/messages.js";
import { sequenceSvg } from "./html/sequence.js";
import { STYLE } from "./html/style.js";

export interface HtmlReportStep {
  readonly action: Action;
  readonly before: State;
  readonly after: State;
  /** The line of the trace file the action came from, for replays. */
  readonly line?: number;
}

export interface HtmlReportViolation {
  readonly property: string;
  readonly message: string;
  readonly description: string;
}

export interface HtmlReportExpectation {
  /** The number of steps taken when the expectation was checked (0: in the initial state). */
  readonly afterStep: number;
  readonly text: string;
  readonly ok: boolean;
  readonly actual: string;
}

/** A lasso: the steps after `loopStart` form a cycle that returns to the state after step `loopStart`. */
export interface HtmlReportLasso {
  readonly property: string;
  /** "content=0", "txn=1". */
  readonly subject: string;
  readonly description: string;
  /** Why the property stays false along the cycle (the property's explanation). */
  readonly explanation: string;
  readonly loopStart: number;
  /** One entry per weakly fair action instance (checker `Lasso.fairness`). */
  readonly fairness: readonly FairnessEntry[];
}

export interface HtmlReportInput {
  /** The page's heading, e.g. "bug-promoteRequiresInSync: NoLostAckedCommit". */
  readonly title: string;
  readonly config: Config;
  readonly initial: State;
  readonly steps: readonly HtmlReportStep[];
  /** The property the last state violates, if any. */
  readonly violation?: HtmlReportViolation | null;
  /** A liveness counterexample: the trace is a lasso (then `violation` is not shown). */
  readonly lasso?: HtmlReportLasso | null;
  /** The `expect` lines of a replayed trace, with their outcomes. */
  readonly expectations?: readonly HtmlReportExpectation[];
  /** How to replay the trace; default "mirrorcheck replay NAME" when `trace` is given (a what-if adds its options). */
  readonly replayCommand?: string;
  /** A line under the title, e.g. "replay of as-implemented.trace". */
  readonly subtitle?: string;
  /** The trace file's text, embedded in the page, and its name. */
  readonly trace?: HtmlReportTrace;
}

/** Nothing may be fetched: the file must read the same offline, from an attachment or a CI artifact. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function violationBox(v: HtmlReportViolation, steps: number): string {
  return (
    `<section class="violation" id="violation">` +
    `<div class="v-head">✖ Property violated: ${esc(v.property)}` +
    `<span class="muted" style="font-weight:400;font-size:14px"> after step ${steps}</span></div>` +
    `<p class="v-desc">${esc(v.property)}: ${esc(v.description)}</p>` +
    `<p class="v-msg">${esc(v.message)}</p></section>`
  );
}

/** Where the protocol first broke, and the rules that allowed it, step by step. */
function rootCauseBox(rc: RootCause): string {
  const where =
    rc.step === 0 ? "in the initial state" : `at <a href="#step-${rc.step}">step ${rc.step}</a> (<code>${esc(rc.action)}</code>)`;
  const rules =
    rc.rules.length === 0
      ? `<p>No switched-off safeguard and no deferred reload mattered up to there: the protocol's own rules allowed it.</p>`
      : `<p>Allowed by:</p><ul class="rules">${rc.rules
          .map(
            (r) =>
              `<li><b>${esc(ruleText(r))}</b><ul>${r.steps
                .map((st) => `<li><a href="#step-${st.step}">step ${st.step}</a> <code>${esc(st.action)}</code>: ${esc(st.detail)}</li>`)
                .join("")}</ul></li>`,
          )
          .join("")}</ul>`;
  return (
    `<section class="root-cause" id="root-cause"><h2>Where it first broke</h2>` +
    `<p>The protocol first broke ${where}: <b>${esc(rc.properties.join(", "))}</b>.</p>${rules}</section>`
  );
}

function stepRange(l: HtmlReportLasso, n: number): string {
  return n === l.loopStart ? "none: it stutters" : n === l.loopStart + 1 ? `step ${n}` : `steps ${l.loopStart + 1}–${n}`;
}

function lassoBox(l: HtmlReportLasso, n: number): string {
  const loopState = l.loopStart === 0 ? "the initial state" : `the state after step ${l.loopStart}`;
  const cycle =
    n === l.loopStart
      ? `From ${loopState} on, the behaviour stutters for ever: nothing happens, and no fair action is enabled to end it.`
      : `From ${loopState}, ${stepRange(l, n)} lead back to that same state and repeat for ever; the cycle is fair, and along it ${l.property} never holds for ${l.subject.replace("=", " ")}.`;
  return (
    `<section class="violation lasso" id="violation">` +
    `<div class="v-head">✖ Liveness property violated: ${esc(l.property)} ${esc(l.subject)}` +
    `<span class="muted" style="font-weight:400;font-size:14px"> a stem of ${l.loopStart} step${l.loopStart === 1 ? "" : "s"}, then a cycle (repeats forever)</span></div>` +
    `<p class="v-desc">${esc(l.property)}: ${esc(l.description)}</p>` +
    `<p class="v-msg">${esc(l.explanation)}</p>` +
    `<p class="cycle-note">${esc(cycle)}</p></section>`
  );
}

/** The fairness account: each fair instance, taken in the cycle or disabled in one of its states. */
function fairnessSection(l: HtmlReportLasso): string {
  const cls = (e: FairnessEntry): string => (e.taken !== null ? "taken" : e.disabledAt !== null ? "disabled" : "starved");
  const rows = l.fairness.map(
    (e) =>
      `<tr><td>${esc(e.instance)}</td><td class="${cls(e)}">${esc(fairnessEntryText(e, l.loopStart))}</td>` +
      `<td>${e.taken !== null ? `<a href="#step-${e.taken}">step ${e.taken}</a>` : e.disabledAt !== null ? `<a href="#step-${e.disabledAt}">state ${e.disabledAt}</a>` : ""}</td></tr>`,
  );
  const groups = fairnessGroups(l.fairness);
  const taken = groups.filter((g) => g.kind === "taken").reduce((k, g) => k + g.instances.length, 0);
  const starved = groups.find((g) => g.kind === "starved");
  const summary =
    starved === undefined
      ? `The cycle is fair: of ${l.fairness.length} weakly fair action instances, ${taken} ${taken === 1 ? "is" : "are"} taken in the cycle and the others are disabled in one of its states, so fairness does not force the cluster off it.`
      : `The cycle is NOT fair: ${starved.instances.join(", ")} stays enabled and is never taken.`;
  return (
    `<section class="fairness" id="fairness"><h2>Fairness of the cycle</h2><p>${esc(summary)}</p>` +
    `<table><thead><tr><th>fair action instance</th><th>in the cycle</th><th>where</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table></section>`
  );
}

function expectationItems(list: readonly HtmlReportExpectation[], withStep: boolean): string {
  return list
    .map((e) => {
      const where = withStep ? `<span class="muted">after step ${e.afterStep}:</span> ` : "";
      const actual = e.ok ? "" : ` <span class="actual">— actual: ${esc(e.actual)}</span>`;
      return `<li class="${e.ok ? "expect-ok" : "expect-failed"}">${where}<code>${esc(e.text)}</code>${actual}</li>`;
    })
    .join("");
}

function expectationsSection(list: readonly HtmlReportExpectation[]): string {
  if (list.length === 0) return "";
  const failed = list.filter((e) => !e.ok).length;
  const summary = failed === 0 ? `all ${list.length} held` : `${failed} of ${list.length} failed`;
  return (
    `<section class="expectations"><h2>Expectations (${summary})</h2>` +
    `<ul>${expectationItems(list, true)}</ul></section>`
  );
}

function legend(): string {
  return (
    `<div class="legend">` +
    `<span><i class="sw sw-p"></i>runs as primary</span>` +
    `<span><i class="sw sw-m"></i>runs as mirror</span>` +
    `<span><i class="sw sw-dead"></i>stopped</span>` +
    `<span><b class="x">✕</b>stopped in this step</span>` +
    `<span class="c-client">→ client commit</span><span class="c-ok">→ ack</span>` +
    `<span class="c-wal">→ WAL streamed</span><span class="c-fts">→ FTS message (row of the probe table)</span>` +
    `<span class="c-admin">→ admin tool</span><span class="c-fault">→ fault</span>` +
    `</div>` +
    `<div class="legend"><span>Upper half of a row: before the action; lower half: after it. ` +
    `Catalog tables: <span class="cell-changed">changed by the step</span> ` +
    `<span class="cell-disagree">catalog and process disagree</span> (hover a cell for details; in print they are listed under each table).</span></div>`
  );
}

function changeList(cfg: Config, before: State, after: State): string {
  const changes = diffStates(cfg, before, after);
  if (changes.length === 0) return `<p class="muted">no change</p>`;
  const items = changes.map(
    (ch) => `<li>${esc(ch.field)}: <span class="from">${esc(ch.before)}</span> → <b>${esc(ch.after)}</b></li>`,
  );
  return `<ul class="changes">${items.join("")}</ul>`;
}

/** What every step card shares: the root cause and the contents no step touches. */
interface CardContext {
  readonly crux: RootCause | null;
  readonly untouched: ReadonlySet<number>;
}

function stepCard(
  input: HtmlReportInput,
  ctx: CardContext,
  n: number,
  state: State,
  step: HtmlReportStep | null,
  expectations: readonly HtmlReportExpectation[],
): string {
  const cfg = input.config;
  const last = n === input.steps.length;
  const lasso = input.lasso ?? null;
  const violated = last && input.violation && lasso === null ? input.violation : null;
  const inCycle = lasso !== null && n > lasso.loopStart;
  const head: string[] = [`<span class="num">${n}</span>`];
  let explain = "";
  if (step === null) {
    head.push(`<span>initial state</span>`);
  } else {
    head.push(`<code>${esc(formatAction(step.action))}</code>`);
    if (FAULT_ACTIONS.has(step.action.type)) head.push(`<span class="tag fault">fault</span>`);
    if (inCycle) head.push(`<span class="tag cycle">cycle</span>`);
    if (step.line !== undefined) head.push(`<span class="tag line">trace line ${step.line}</span>`);
    if (ctx.crux !== null && ctx.crux.step === n) head.push(`<span class="tag crux">▶ first broke here</span>`);
    explain = `<p class="desc">${esc(familyDescription(cfg, step.action.type))}</p>`;
    const probe = stepPicture(cfg, step.action, step.before, step.after).probe;
    if (probe !== null) {
      const handler = probe.handlerEnablesSyncRep ? " The probe handler first turned sync rep on." : "";
      const unsafe = probe.unsafePromotion
        ? `<br><span class="unsafe">⚠ The catalog mode was n: FTS promotes a mirror it never saw in sync, ` +
          `because safeguard promoteRequiresInSync is off.</span>`
        : "";
      // Under a proposal that changed this step, the row is the built-in table's: say so beside it.
      const changed = ftsDecision(cfg, step.before, step.action, step.after)?.proposal ?? null;
      const proposal = changed === null ? "" : `<br><span class="unsafe">⚠ Built-in table: ${esc(changed)}.</span>`;
      explain += `<p class="fts-row"><b>FTS row ${esc(probe.row)}</b>: ${esc(probe.meaning)}.${esc(handler)}${unsafe}${proposal}</p>`;
    }
  }
  const side =
    `<div class="side"><h4>client txns</h4>${txnTable(state, step?.before ?? null)}` +
    `<h4>faults spent: ${state.faults} of ${cfg.faults}</h4>` +
    (step === null ? "" : `<h4>what changed</h4>${changeList(cfg, step.before, state)}`) +
    `</div>`;
  const exp = expectations.length === 0 ? "" : `<h4>expectations</h4><ul class="expect">${expectationItems(expectations, false)}</ul>`;
  const vnote = violated === null ? "" : `<p class="v-note">✖ ${esc(violated.property)} is violated in this state: ${esc(violated.message)}</p>`;
  const isCrux = ctx.crux !== null && ctx.crux.step === n;
  const cruxNote =
    !isCrux || ctx.crux === null
      ? ""
      : `<p class="crux-note">▶ The protocol first broke here: ${esc(ctx.crux.properties.join(", "))} ${ctx.crux.properties.length === 1 ? "is" : "are"} violated after this step (<a href="#root-cause">what allowed it</a>).</p>`;
  // The initial state shows every content; later tables leave out those no step touches.
  const omit = step === null ? new Set<number>() : ctx.untouched;
  const loopNote =
    lasso === null
      ? ""
      : n === lasso.loopStart
        ? `<p class="loop-note">↺ The loop state: the cycle starts here${last ? " and stutters for ever" : ""}.</p>`
        : last
          ? `<p class="loop-note">↺ Back in the loop state (${lasso.loopStart === 0 ? "the initial state" : `after step ${lasso.loopStart}`}): the cycle repeats for ever.</p>`
          : "";
  return (
    `<section class="step${violated ? " final" : ""}${inCycle ? " cycle-step" : ""}${isCrux ? " crux" : ""}" id="step-${n}" data-step="${n}">` +
    `<h3>${head.join(" ")}</h3>${explain}${cruxNote}` +
    `<div class="step-body"><div class="cat">${catalogTable(cfg, state, step?.before ?? null, omit)}${omit.size === 0 ? "" : untouchedLine(omit)}</div>${side}</div>` +
    exp +
    vnote +
    loopNote +
    `</section>`
  );
}

/** The whole page, as one string (write it to a file and open it in any browser). */
export function htmlReport(input: HtmlReportInput): string {
  const { config: cfg, steps } = input;
  const expectations = input.expectations ?? [];
  const lasso = input.lasso ?? null;
  const violation = lasso === null ? (input.violation ?? null) : null;
  // Only a safety counterexample has a crux: a lasso is about liveness.
  const crux = lasso === null ? rootCause(cfg, steps.map((st) => st.action), [input.initial, ...steps.map((st) => st.after)]) : null;
  const ctx: CardContext = { crux, untouched: untouchedContents(cfg, steps) };
  const cards = [stepCard(input, ctx, 0, input.initial, null, expectations.filter((e) => e.afterStep === 0))];
  steps.forEach((st, k) => {
    cards.push(stepCard(input, ctx, k + 1, st.after, st, expectations.filter((e) => e.afterStep === k + 1)));
  });
  const footer =
    lasso !== null
      ? `↺ ${steps.length === lasso.loopStart ? `stutters for ever after step ${steps.length}` : `${stepRange(lasso, steps.length)} repeat forever`}: ${lasso.property} ${lasso.subject} violated — ${lasso.explanation}`
      : violation === null
        ? null
        : `✖ after step ${steps.length}: ${violation.property} violated — ${violation.message}`;
  const summary =
    lasso !== null
      ? lassoBox(lasso, steps.length)
      : violation !== null
      ? violationBox(violation, steps.length)
      : expectations.length === 0
        ? `<section class="no-violation">No property violation is reported for this trace.</section>`
        : "";
  const trace = input.trace ?? null;
  const replayCommand = input.replayCommand ?? (trace !== null ? `mirrorcheck replay ${trace.fileName}` : undefined);
  const replay =
    replayCommand === undefined
      ? ""
      : `<p class="replay">Replay it: <code>${esc(replayCommand)}</code>${
          trace !== null && !trace.saved ? ` <span class="muted">(save the <a href="#trace-file">trace text</a> as ${esc(trace.fileName)} first)</span>` : ""
        }</p>`;
  return [
    `<!DOCTYPE html>`,
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(input.title)} — mirrorcheck</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${esc(input.title)}</h1>`,
    input.subtitle === undefined ? "" : `<p class="subtitle">${esc(input.subtitle)}</p>`,
    `<p class="meta">mirrorcheck · ${esc(describeConfig(cfg))}${cfg.variant ? ` · variant ${esc(cfg.variant.name)} (${esc(cfg.variant.file)})` : ""} · ${steps.length} step${steps.length === 1 ? "" : "s"}</p>`,
    replay,
    `</header>`,
    summary,
    crux === null ? "" : rootCauseBox(crux),
    expectationsSection(expectations),
    trace === null ? "" : traceSection(trace),
    `<section class="sequence"><h2>Sequence diagram</h2>`,
    `<div class="seq-wrap">${sequenceSvg(cfg, input.initial, steps, footer, lasso === null ? null : { loopStart: lasso.loopStart }, crux === null || crux.step === 0 ? null : { step: crux.step, properties: crux.properties })}</div>`,
    legend(),
    `</section>`,
    lasso === null ? "" : fairnessSection(lasso),
    `<section class="catalogs"><h2>The catalog after each step</h2>`,
    cards.join("\n"),
    `</section>`,
    `</body></html>`,
    ``,
  ].join("\n");
}
