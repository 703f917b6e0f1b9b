/**
 * The trace file inside the HTML report: its text in a `<details>` block with the command that
 * replays it by the file's base name (never a local path), and the contents no step touches,
 * which the step cards collapse into one line.
 */
import type { Config, State } from "../../model/index.js";
import { esc } from "./escape.js";

export interface HtmlReportTrace {
  /** The trace file's text. */
  readonly text: string;
  /** Its base name, e.g. "as-implemented.trace": the replay command names it. */
  readonly fileName: string;
  /** True when the file was written (--trace-out, or the file replayed); false: the reader saves the text. */
  readonly saved: boolean;
}

/** The trace text, collapsed, and how to replay it. */
export function traceSection(t: HtmlReportTrace): string {
  const lines = t.text.trimEnd().split("\n").length;
  const how = t.saved
    ? `Replay it: <code>mirrorcheck replay ${esc(t.fileName)}</code>`
    : `To replay it, save the text above as ${esc(t.fileName)} and run <code>mirrorcheck replay ${esc(t.fileName)}</code>`;
  return (
    `<section class="trace-file" id="trace-file"><h2>The trace file</h2>` +
    `<details><summary>${esc(t.fileName)} (${lines} line${lines === 1 ? "" : "s"})</summary>` +
    `<pre class="trace-text">${esc(t.text.trimEnd())}</pre></details>` +
    `<p class="replay-how">${how}</p></section>`
  );
}

/** The contents whose part of the state (instances, catalog, link, FTS) no step changes. */
export function untouchedContents(cfg: Config, steps: readonly { readonly before: State; readonly after: State }[]): Set<number> {
  const out = new Set<number>();
  for (let c = 0; c < cfg.contents; c++) {
    const same = steps.every((st) => JSON.stringify(st.before.contents[c]) === JSON.stringify(st.after.contents[c]));
    if (same && steps.length > 0) out.add(c);
  }
  return out;
}

/** "content 1: untouched, as in the initial state", or "contents 2, 3: …". */
export function untouchedLine(contents: ReadonlySet<number>): string {
  const list = [...contents].sort((a, b) => a - b);
  const label = list.length === 1 ? `content ${list[0]}` : `contents ${list.join(", ")}`;
  return `<p class="untouched">${esc(label)}: untouched, as in the <a href="#step-0">initial state</a></p>`;
}
