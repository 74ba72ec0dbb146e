/**
 * The one stylesheet, small enough to ship inside every page: a phone on a weak signal gets the page whole in one
 * answer. Made for a 360-px screen first; touch targets are at least 44 px; focus is always visible.
 */
export const styles = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 17px/1.55 system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1b1f24; background: #f6f8fa; }
a { color: #0b57d0; }
a:hover { color: #062e6f; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; box-shadow: 0 0 0 5px #1b1f24; }
.skip { position: absolute; left: -999px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { left: .5rem; top: .5rem; background: #fff; padding: .5rem; z-index: 2; }
.site-header { background: #0b3d2e; color: #fff; padding: .5rem 1rem; }
.site-header a, .site-header button.link { color: #fff; }
.site-header .bar { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; justify-content: space-between; max-width: 48rem; margin: 0 auto; }
.site-header .app { font-weight: 700; text-decoration: none; }
.who { font-size: .9rem; display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; }
.who form { margin: 0; }
button.link { background: none; border: 0; padding: .5rem 0; min-height: 44px; font: inherit; text-decoration: underline; cursor: pointer; color: inherit; }
.site-nav { background: #fff; border-bottom: 1px solid #d0d7de; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: 0 1rem; list-style: none; margin: 0 auto; padding: 0 1rem; max-width: 48rem; }
.site-nav a { display: inline-block; padding: .6rem 0; min-height: 44px; }
.site-nav a[aria-current=page] { font-weight: 700; text-decoration: none; border-bottom: 3px solid #0b3d2e; }
/* On a phone the navigation is one row that scrolls sideways rather than ragged lines wrapped under each other: the
   page one is on is scrolled into view, a shade at an edge says more lies that way, and the row keeps room for the
   focus ring it would otherwise clip. */
@media (max-width: 47.99rem) {
  .site-nav ul { flex-wrap: nowrap; gap: 0 1.25rem; padding-block: .4rem; scroll-padding-inline: 1rem; overflow-x: auto; overscroll-behavior-x: contain; scrollbar-width: thin;
    background: linear-gradient(to right, #fff 30%, #fff0) left / 2.5rem 100% no-repeat local, linear-gradient(to left, #fff 30%, #fff0) right / 2.5rem 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, #1b1f2440, #1b1f2400) left / .9rem 100% no-repeat scroll, radial-gradient(farthest-side at 100% 50%, #1b1f2440, #1b1f2400) right / .9rem 100% no-repeat scroll; }
  .site-nav li { flex: none; }
  .site-nav li:has(> a[aria-current=page]) { scroll-initial-target: nearest; }
  .site-nav a { white-space: nowrap; }
}
main { display: block; max-width: 48rem; margin: 0 auto; padding: 1rem; background: #fff; min-height: 60vh; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; }
.lead { font-size: 1.05rem; }
label, .label { display: block; font-weight: 600; }
.field { margin: 0 0 1.25rem; }
.hint { display: block; color: #57606a; font-weight: normal; font-size: .95rem; margin: .1rem 0 .3rem; }
input[type=text], input[type=tel], input[type=url], input[type=datetime-local], input[type=password], select, textarea {
  display: block; width: 100%; min-height: 44px; padding: .5rem .6rem; font: inherit; color: inherit; background: #fff;
  border: 2px solid #57606a; border-radius: 4px; margin-top: .25rem; }
textarea { min-height: 6rem; }
[aria-invalid=true] { border-color: #b42318; }
.field.invalid { border-left: 4px solid #b42318; padding-left: .75rem; }
.field-error { color: #b42318; font-weight: 700; margin: .25rem 0; }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; min-width: 0; }
legend { font-weight: 700; padding: 0; margin-bottom: .3rem; font-size: 1.05rem; }
fieldset.party { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem; margin-bottom: .75rem; }
.choices { display: grid; gap: .5rem; }
.choice { display: flex; align-items: center; gap: .75rem; min-height: 48px; padding: .5rem .75rem; border: 2px solid #d0d7de; border-radius: 6px; font-weight: normal; cursor: pointer; background: #fff; }
.choice input { width: 28px; height: 28px; margin: 0; flex: none; accent-color: #0b3d2e; }
.choice:has(input:checked) { border-color: #0b3d2e; background: #eaf5ef; }
.readonly { padding: .5rem 0; }
button, .button { display: inline-block; min-height: 44px; font: inherit; font-weight: 600; padding: .6rem 1.4rem; background: #0b3d2e; color: #fff; border: 0; border-radius: 6px; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #eaeef2; color: #1b1f24; border: 2px solid #8c959f; }
button.warning { background: #fff; color: #b42318; border: 2px solid #b42318; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: 1rem 0; }
.error-summary { border: 4px solid #b42318; padding: .75rem 1rem; margin-bottom: 1.5rem; }
.error-summary h2 { margin: 0 0 .5rem; }
.error-summary a { color: #b42318; font-weight: 700; }
.notice { border-left: 6px solid #0b57d0; background: #eef4ff; padding: .75rem 1rem; margin: 0 0 1rem; }
.notice.success { border-color: #1a7f37; background: #eaf5ef; }
.notice.important { border-color: #9a6700; background: #fff8c5; font-weight: 600; }
.secret { font: 700 1.6rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; letter-spacing: .06em; padding: .75rem 1rem; margin: 0 0 1rem; border: 2px dashed #0b3d2e; background: #eaf5ef; overflow-wrap: anywhere; user-select: all; }
.status-line { min-height: 1.5rem; }
dl.summary { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .4rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; overflow-wrap: anywhere; }
ul.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
ul.cards li { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem; }
ul.cards a.card-link { display: block; font-size: 1.1rem; font-weight: 700; min-height: 44px; }
.tag { display: inline-block; padding: 0 .5rem; border-radius: 4px; background: #eaeef2; font-size: .9rem; }
.tag.joined { background: #fff8c5; }
.muted { color: #57606a; font-size: .95rem; }
.site-footer { max-width: 48rem; margin: 0 auto; padding: 1rem; color: #57606a; font-size: .9rem; }
.channel-tabs { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.channel-tabs a { display: inline-block; min-height: 44px; padding: .55rem .75rem; border: 2px solid #d0d7de; border-radius: 6px; text-decoration: none; font-size: .95rem; }
.channel-tabs a[aria-current=page] { border-color: #0b3d2e; background: #eaf5ef; color: #0b3d2e; font-weight: 700; }
.mark { display: inline-block; padding: 0 .5rem; border-radius: 4px; font-size: .9rem; font-weight: 700; border: 1px solid #57606a; background: #eaeef2; }
.mark.warning { background: #fff8c5; color: #6b4400; border-color: #9a6700; }
.mark.breached { background: #b42318; color: #fff; border-color: #b42318; }
.mark.escalated { background: #ffe2dd; color: #8c1d18; border-color: #b42318; }
ul.clocks { list-style: none; padding: 0; margin: .25rem 0; display: grid; gap: .25rem; }
ul.clocks li { padding-left: .6rem; border-left: 4px solid #d0d7de; }
ul.clocks li.warning { border-left-color: #9a6700; }
ul.clocks li.breached { border-left-color: #b42318; }
.step { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem; margin: 0 0 .75rem; }
.step h3 { margin: 0 0 .5rem; font-size: 1.1rem; }
details.step > summary { cursor: pointer; font-weight: 700; min-height: 44px; padding: .5rem 0; }
.refusal { border-left: 6px solid #b42318; background: #fdecea; padding: .5rem .75rem; font-weight: 600; margin: 0 0 .75rem; }
ol.timeline { list-style: none; padding: 0 0 0 .75rem; margin: 0; border-left: 3px solid #d0d7de; }
ol.timeline li { padding: 0 0 .6rem; }
.issued-token { display: block; word-break: break-all; font-size: 1.05rem; padding: .5rem; background: #fff; border: 1px solid #d0d7de; user-select: all; }
.tag.token-expired, .tag.token-revoked { background: #fdecea; color: #8c1d18; }
ul.cards li.unread { border-left: 6px solid #0b57d0; }
.pager { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
/* The supervisor's pages: wide tables and charts on a desktop, stacked rows on a phone. */
main:has(.wide), body:has(.wide) .site-header .bar, body:has(.wide) .site-nav ul, body:has(.wide) .site-footer { max-width: 80rem; }
.block { display: block; }
.nowrap { white-space: nowrap; }
/* A date, a time or a phone number broken at its hyphen reads as two wrong ones on a phone. */
time, .phone { white-space: nowrap; }
details > summary { cursor: pointer; min-height: 44px; padding: .6rem 0; font-weight: 600; color: #0b57d0; }
.filters { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem 1rem; margin-bottom: 1rem; background: #f6f8fa; }
.filters .field { margin-bottom: .75rem; }
.filters .actions { align-items: flex-end; }
.filters .actions .field { margin: 0; }
.search-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
.search-row .field { flex: 1 1 16rem; margin: 0; }
input[type=search], input[type=date], input[type=month], input[type=file] { display: block; width: 100%; min-height: 44px; padding: .5rem .6rem; font: inherit; color: inherit; background: #fff; border: 2px solid #57606a; border-radius: 4px; margin-top: .25rem; }
.filter-grid { display: grid; gap: 0 1rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
.filters details { margin-top: .5rem; }
ul.chips { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 0 0 .75rem; }
a.chip { display: inline-flex; align-items: center; min-height: 44px; padding: 0 .75rem; border: 1px solid #0b57d0; border-radius: 22px; background: #eef4ff; text-decoration: none; overflow-wrap: anywhere; }
a.chip-clear { display: inline-block; min-height: 44px; padding-top: .6rem; }
table.totals { border-collapse: collapse; margin: .25rem 0 1rem; }
table.totals th, table.totals td { text-align: left; padding: .35rem .75rem .35rem 0; border-bottom: 1px solid #d0d7de; }
table.totals td.number, table.totals tfoot td { font-variant-numeric: tabular-nums; }
.bulk-dispatch { border: 1px solid #d0d7de; border-radius: 6px; padding: .25rem 1rem .75rem; margin-bottom: 1rem; }
.bulk-dispatch .field { margin: 0; flex: 1 1 14rem; }
label.pick { display: inline-flex; align-items: center; min-width: 44px; min-height: 44px; }
label.pick input { width: 1.4rem; height: 1.4rem; }
ul.bulk-results { list-style: none; padding: 0; }
ul.bulk-results li { padding: .5rem 0; border-bottom: 1px solid #d0d7de; overflow-wrap: anywhere; }
.results-bar { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; justify-content: space-between; align-items: baseline; }
.downloads { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; margin: .5rem 0; }
.downloads a { display: inline-block; padding: .55rem 0; min-height: 44px; }
.tag.hard { background: #fff1e5; }
.tags { display: inline-flex; flex-wrap: wrap; gap: .25rem; margin-left: .25rem; }
.late { color: #b42318; font-weight: 600; }
table.board { width: 100%; border-collapse: collapse; font-size: .95rem; }
table.board th, table.board td { text-align: left; vertical-align: top; padding: .6rem .5rem; border-bottom: 1px solid #d0d7de; }
table.board thead th { background: #eaeef2; white-space: nowrap; }
table.board tbody th { font-weight: normal; }
table.board a.case-link { font-weight: 700; display: inline-block; min-height: 44px; padding-top: .4rem; }
tr.case-row.breached > th { border-left: 6px solid #b42318; }
tr.case-row.warning > th { border-left: 6px solid #9a6700; }
.paging { display: flex; gap: 1.5rem; margin: 1rem 0; }
.paging a { display: inline-block; min-height: 44px; padding: .55rem 0; }
dl.figures { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); margin: 0 0 1.5rem; }
dl.figures > div { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .75rem; }
dl.figures dt { font-weight: 600; }
dl.figures dd { margin: 0; }
dl.figures .figure { display: block; font-size: 1.6rem; font-weight: 700; }
.charts { display: grid; gap: 1.5rem; }
figure.chart { margin: 0; border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem; }
figure.chart figcaption { font-weight: 700; font-size: 1.05rem; }
figure.chart svg { display: block; max-width: 40rem; overflow: visible; }
figure.chart .bar rect { fill: #0b3d2e; }
figure.chart .bar.late rect { fill: #b42318; }
figure.chart .bar-label { font-size: 14px; fill: #1b1f24; }
figure.chart .bar-value { font-size: 14px; font-weight: 700; fill: #1b1f24; }
figure.chart .axis { stroke: #8c959f; }
figure.chart a:hover .bar-label { text-decoration: underline; }
.chart-data table { border-collapse: collapse; }
.chart-data th, .chart-data td { text-align: left; padding: .25rem .75rem .25rem 0; border-bottom: 1px solid #d0d7de; }
.progress-row { display: grid; grid-template-columns: 7rem 1fr auto; gap: .75rem; align-items: center; margin: .5rem 0; }
.progress-row progress { width: 100%; height: 1.25rem; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding: 0; }
ul.tree ul { padding-left: .9rem; border-left: 2px solid #d0d7de; margin: .25rem 0 .25rem .35rem; }
ul.tree li { padding: .35rem 0; }
ul.tree li > a { display: inline-block; min-height: 44px; padding-top: .55rem; font-weight: 700; }
ul.tree li.retired > a { color: #57606a; text-decoration: line-through; }
pre { overflow-x: auto; background: #f6f8fa; padding: .75rem; }
/* A recorded error is one long word at times: it wraps rather than push a phone's page sideways. */
.wrap-anywhere { overflow-wrap: anywhere; }
@media (max-width: 47.99rem) {
  table.board thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.board, table.board tbody, table.board tr, table.board th, table.board td { display: block; width: 100%; }
  table.board tr { border: 1px solid #d0d7de; border-radius: 6px; margin-bottom: .75rem; }
  table.board th, table.board td { border-bottom: 0; padding: .35rem .75rem; }
  table.board td[data-label]::before { content: attr(data-label); display: block; font-size: .85rem; font-weight: 600; color: #57606a; }
  tr.case-row.breached, tr.case-row.warning { border-left-width: 6px; }
  tr.case-row.breached { border-left-color: #b42318; }
  tr.case-row.warning { border-left-color: #9a6700; }
  tr.case-row > th { border-left: 0 !important; }
}
@media (min-width: 64rem) { .charts { grid-template-columns: 1fr 1fr; } }
@media (min-width: 40rem) { .choices { grid-template-columns: 1fr 1fr; } }
/* A document to print (the mediation agreement): on screen a sheet on the page, on paper A4 with the page's own
   margins and nothing of the site around it. */
main:has(.document) > h1 { text-align: center; letter-spacing: .2em; }
.document { background: #fff; border: 1px solid #d0d7de; padding: 1.5rem; font-family: "Songti SC", "Noto Serif CJK SC", "SimSun", serif; }
.document h2 { font-size: 1.05rem; margin: 1.25rem 0 .35rem; }
.document .doc-number { text-align: right; margin: 0 0 1rem; }
.document .doc-text { white-space: pre-wrap; margin: 0; }
.document table.doc-parties { border-collapse: collapse; width: 100%; }
.document table.doc-parties th, .document table.doc-parties td { border: 1px solid #57606a; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.document .signature-lines { list-style: none; padding: 0; margin: 1.5rem 0 0; }
.document .signature-lines li { display: flex; gap: .5rem; align-items: flex-end; min-height: 3rem; }
.document .signature-lines .line { flex: 1; border-bottom: 1px solid #1b1f24; min-width: 8rem; }
.document .seal { text-align: right; margin-top: 2rem; }
.print-actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: 0 0 1rem; }
@page { size: A4; margin: 20mm 18mm; }
@media print {
  body { background: #fff; font-size: 12pt; }
  .site-header, .site-nav, .site-footer, .skip, .print-actions, .no-print { display: none !important; }
  main { max-width: none; margin: 0; padding: 0; }
  .document { border: 0; padding: 0; }
  .document .signature-lines li, .document .seal { break-inside: avoid; }
}
`;
