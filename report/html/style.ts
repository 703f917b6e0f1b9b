/**
 * The report's stylesheet, inlined in the page (the file must open with no network). The page
 * fits a 900px window (wide tables and the diagram scroll inside their own boxes), and
 * prints cleanly: no dark backgrounds, hover details written out, no table cut across pages.
 */
export const STYLE = `
:root { --ink: #1d2330; --muted: #5d6675; --rule: #d9dde4; --bg-alt: #f6f7f9;
  --p: #1f5fbf; --m: #8a93a3; --bad: #c62828; --bad-bg: #fdecea; --ok: #2e7d32;
  --client: #1d2330; --wal: #00838f; --fts: #6a3fb5; --admin: #8d5a00; --changed: #fff2a8; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 28px 48px; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 15px; margin: 0 0 4px; display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
h4 { font-size: 13px; margin: 10px 0 4px; color: var(--muted); font-weight: 600; }
code, .mono, td { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
code { font-size: 13px; }
.meta { color: var(--muted); margin: 0; }
.replay { margin: 8px 0 0; }
.replay code { background: #1d2330; color: #e8ecf3; padding: 3px 8px; border-radius: 4px; }
.muted { color: var(--muted); }

.violation { margin: 18px 0 0; padding: 12px 16px; border: 2px solid var(--bad); border-left-width: 8px;
  border-radius: 6px; background: var(--bad-bg); }
.violation .v-head { font-size: 18px; font-weight: 700; color: var(--bad); }
.violation .v-desc { margin: 4px 0; }
.violation .v-msg { margin: 4px 0 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
.no-violation { margin: 18px 0 0; padding: 10px 16px; border: 1px solid var(--rule); border-left: 6px solid var(--ok); border-radius: 6px; }

.expectations ul { list-style: none; padding: 0; margin: 0; }
.expectations li, .step .expect li { margin: 2px 0; }
.expect-ok::before { content: "✔ "; color: var(--ok); font-weight: 700; }
.expect-failed::before { content: "✖ "; color: var(--bad); font-weight: 700; }
.expect-failed { color: var(--bad); }
.actual { color: var(--muted); }

.seq-wrap { display: inline-block; max-width: 100%; overflow-x: auto; border: 1px solid var(--rule); border-radius: 6px; }
svg.seq { display: block; font: 12px system-ui, "DejaVu Sans", sans-serif; }
svg.seq .row-bg { fill: #fff; }
svg.seq .row-bg.even { fill: var(--bg-alt); }
svg.seq .col-head { font-weight: 700; fill: var(--muted); }
svg.seq .lane-head rect { fill: #eef1f6; stroke: #b8c0cc; }
svg.seq .lane-head-actor rect { fill: #f3eefb; stroke: #c5b5e3; }
svg.seq .lane-title { font-weight: 700; fill: var(--ink); }
svg.seq .lane-sub { font-size: 11px; fill: var(--muted); }
.lane { stroke-linecap: butt; }
.lane-actor { stroke: #c5b5e3; stroke-width: 2; }
.lane-p { stroke: var(--p); stroke-width: 5; }
.lane-m { stroke: var(--m); stroke-width: 2.5; }
.lane-dead { stroke: #c9ced6; stroke-width: 2; stroke-dasharray: 4 4; }
svg.seq .step-dot { fill: var(--ink); }
svg.seq .step-num { fill: #fff; font-weight: 700; font-size: 11px; }
svg.seq .step-action { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; fill: var(--ink); }
svg.seq .step-action.fault { fill: var(--bad); }
svg.seq a:hover .step-action { text-decoration: underline; }
svg.seq .msg line, svg.seq .link line { stroke-width: 2; }
svg.seq .msg-label { font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
svg.seq .mark rect { fill: #fff; stroke-width: 1.5; }
svg.seq .mark text { font-weight: 600; }
svg.seq .link line { stroke-dasharray: 6 3; }
svg.seq .crash line { stroke: var(--bad); stroke-width: 3.5; stroke-linecap: round; }
svg.seq .crash text { fill: var(--bad); font-size: 11px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg.seq .note { fill: var(--ink); font-size: 12px; }
svg.seq .final-label { font-weight: 700; fill: var(--muted); }
svg.seq .lane-foot rect { fill: #fff; stroke: #b8c0cc; }
svg.seq .lane-foot text { font-size: 11px; fill: var(--ink); }
svg.seq .lane-foot.disagree rect { stroke: #f59e0b; stroke-width: 2; fill: #fff8e6; }
svg.seq .seq-foot { fill: var(--bad); font-weight: 700; font-size: 14px; }
svg.seq .seq-omitted { fill: var(--muted); font-size: 12.5px; }
.tone-client line, .tone-client rect { stroke: var(--client); } .tone-client text, marker.tone-client path { fill: var(--client); }
.tone-wal line, .tone-wal rect { stroke: var(--wal); } .tone-wal text, marker.tone-wal path { fill: var(--wal); }
.tone-fts line, .tone-fts rect { stroke: var(--fts); } .tone-fts text, marker.tone-fts path { fill: var(--fts); }
.tone-admin line, .tone-admin rect { stroke: var(--admin); } .tone-admin text, marker.tone-admin path { fill: var(--admin); }
.tone-fault line, .tone-fault rect { stroke: var(--bad); } .tone-fault text, marker.tone-fault path { fill: var(--bad); }
.tone-ok line, .tone-ok rect { stroke: var(--ok); } .tone-ok text, marker.tone-ok path { fill: var(--ok); }
svg.seq .msg-label { stroke: #fff; }
svg.seq .cycle-band { fill: #f59e0b; fill-opacity: 0.10; stroke: #d97706; stroke-width: 1.5; stroke-dasharray: 6 4; pointer-events: none; }
svg.seq .loop-back { fill: none; stroke: #b45309; stroke-width: 2.5; }
svg.seq marker.loop-head path { fill: #b45309; }
svg.seq .cycle-label { fill: #b45309; font-weight: 700; font-size: 11px; }
svg.seq .cycle-label.side { font-size: 12px; }

.lasso .cycle-note { margin: 6px 0 0; }
.step .tag.cycle { color: #b45309; border-color: #d97706; background: #fff8e6; }
.step.cycle-step { border-left: 4px solid #d97706; }
.step .loop-note { margin: 8px 0 0; color: #b45309; font-weight: 700; }
.fairness table { margin-top: 6px; }
.fairness td { text-align: left; }
.fairness td.taken { color: var(--ok); }
.fairness td.disabled { color: var(--muted); }
.fairness td.starved { color: var(--bad); font-weight: 700; }

.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 0 0; color: var(--muted); font-size: 12px; align-items: center; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.legend .sw { display: inline-block; width: 26px; height: 0; }
.legend .sw-p { border-top: 5px solid var(--p); }
.legend .sw-m { border-top: 3px solid var(--m); }
.legend .sw-dead { border-top: 2px dashed #b0b6c0; }
.legend .x { color: var(--bad); font-weight: 700; }
.legend .c-client { color: var(--client); } .legend .c-wal { color: var(--wal); } .legend .c-fts { color: var(--fts); }
.legend .c-admin { color: var(--admin); } .legend .c-fault { color: var(--bad); } .legend .c-ok { color: var(--ok); }
.legend .cell-changed { background: var(--changed); padding: 0 6px; border-radius: 3px; color: var(--ink); }
.legend .cell-disagree { color: #b45309; font-weight: 700; text-decoration: underline wavy #f59e0b; }

.step { margin: 14px 0 0; padding: 12px 14px; border: 1px solid var(--rule); border-radius: 6px; }
.step.final { border-color: var(--bad); }
.step .num { display: inline-flex; justify-content: center; align-items: center; min-width: 24px; height: 24px;
  padding: 0 6px; border-radius: 12px; background: var(--ink); color: #fff; font-size: 12px; }
.step .tag { font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 9px; border: 1px solid; }
.step .tag.fault { color: var(--bad); border-color: var(--bad); }
.step .tag.line { color: var(--muted); border-color: var(--rule); font-weight: 400; }
.step .desc { margin: 0 0 6px; color: var(--muted); }
.step .fts-row { margin: 0 0 6px; }
.step .fts-row b { color: var(--fts); }
.step .unsafe { color: var(--bad); font-weight: 600; }
.step .step-body { display: flex; flex-wrap: wrap; gap: 10px 22px; align-items: flex-start; }
.step .side { min-width: 300px; }
.step .side h4:first-child { margin-top: 0; }
.step .v-note { margin: 8px 0 0; color: var(--bad); font-weight: 700; }
.changes { margin: 0; padding-left: 18px; font-size: 13px; }
.changes .from { color: var(--muted); }
table { border-collapse: collapse; font-size: 12.5px; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; text-align: center; }
th { background: var(--bg-alt); font-weight: 600; font-family: system-ui, "DejaVu Sans", sans-serif; }
tr.group th { background: #e9edf3; font-size: 11.5px; color: var(--muted); }
th.sep, td.sep { border-left: 2px solid #9aa3b1; }
tr.content-first td { border-top: 2px solid #9aa3b1; }
td.changed { background: var(--changed); font-weight: 700; }
td.disagree { color: #b45309; font-weight: 700; text-decoration: underline wavy #f59e0b; }

.subtitle { margin: 0 0 2px; color: var(--muted); font-size: 15px; }
.replay code, .replay-how code { overflow-wrap: anywhere; }
a { color: #1f5fbf; }

.root-cause { margin: 14px 0 0; padding: 10px 16px; border: 1px solid #e0a4a4; border-left: 6px solid var(--bad); border-radius: 6px; }
.root-cause h2 { margin: 0 0 6px; border: 0; padding: 0; color: var(--bad); }
.root-cause p { margin: 4px 0; }
.root-cause ul.rules { margin: 2px 0 0; padding-left: 20px; }
.root-cause ul.rules ul { padding-left: 18px; font-size: 13px; }

.trace-file details { border: 1px solid var(--rule); border-radius: 6px; padding: 6px 10px; }
.trace-file summary { cursor: pointer; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.trace-file pre { margin: 8px 0 0; font-size: 12.5px; white-space: pre-wrap; overflow-wrap: anywhere; }
.trace-file .replay-how { margin: 6px 0 0; }

svg.seq .inst-change { font-size: 10.5px; font-weight: 600; fill: #8d5a00; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg.seq .crux-frame { fill: none; stroke: var(--bad); stroke-width: 3; }
svg.seq .crux-label { fill: var(--bad); font-weight: 700; font-size: 11px; }
.step.crux { border: 2px solid var(--bad); border-left-width: 8px; }
.step .tag.crux { color: var(--bad); border-color: var(--bad); background: var(--bad-bg); }
.step .crux-note { margin: 0 0 6px; color: var(--bad); font-weight: 700; }
.step .untouched { margin: 4px 0 0; color: var(--muted); font-size: 12.5px; }

.print-only { display: none; }

/* A 900px window: the page never scrolls sideways; wide tables scroll in their own box. */
.step .cat { max-width: 100%; overflow-x: auto; }
.step .side { flex: 1 1 240px; min-width: 0; max-width: 100%; }
.step .txns-same { margin: 0; font-size: 12.5px; }
section, header { max-width: 100%; }
@media (max-width: 1000px) { body { padding: 16px 14px 40px; } }

@media print {
  @page { margin: 12mm; }
  body { padding: 0; font-size: 11.5px; }
  a { color: inherit; text-decoration: none; }
  .replay code { background: none; color: var(--ink); padding: 0; border: 1px solid var(--rule); }
  .violation, .root-cause { background: none; }
  .step .num { background: none; color: var(--ink); border: 1.5px solid var(--ink); }
  svg.seq .step-dot { fill: #fff; stroke: var(--ink); stroke-width: 1.5; }
  svg.seq .step-num { fill: var(--ink); }
  svg.seq .row-bg.even { fill: #fafafa; }
  /* The diagram shrinks to the page instead of scrolling. */
  .seq-wrap { display: block; overflow: visible; border: 0; }
  svg.seq { min-width: 0 !important; width: 100% !important; }
  .step .cat { overflow: visible; }
  h2, h3, h4 { break-after: avoid; }
  .step, table, .violation, .root-cause, .legend, figure { break-inside: avoid; }
  tr { break-inside: avoid; }
  /* Hover details, written out under each table. */
  .print-only { display: block; }
  .cell-notes { margin: 3px 0 0; padding-left: 16px; font-size: 9.5px; color: var(--muted); }
  /* Tables fit the page's width: smaller type, tighter cells. */
  table { font-size: 9.5px; }
  th, td { padding: 2px 4px; }
  tr.group th { font-size: 9px; }
  .step .step-body { gap: 6px 16px; }
  .legend { font-size: 10px; }
  /* The trace text prints even where the block is closed. */
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
}
`;