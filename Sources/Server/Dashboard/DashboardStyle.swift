/// The dashboard's style sheet (`/dashboard/app.css`): one column on a phone, tables that scroll sideways, light and dark schemes; a status is always a word and a symbol, its colour only adds.
enum DashboardStyle {
    static let text = #"""
/* geotool dashboard: readable on a phone and a laptop; status is always text + symbol, colour only adds. */
:root { --fg: #1b1f24; --muted: #57606a; --bg: #fff; --line: #d0d7de; --accent: #0a58ca; --panel: #f6f8fa;
  --ok: #1a7f37; --bad: #b42318; --warn: #9a6700; --run: #0a58ca; --idle: #57606a; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --line: #30363d; --accent: #6cb6ff; --panel: #161b22;
    --ok: #56d364; --bad: #ff7b72; --warn: #e3b341; --run: #6cb6ff; --idle: #9da7b3; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header { background: var(--panel); border-bottom: 1px solid var(--line); }
header nav { max-width: 80rem; margin: 0 auto; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.brand { font-weight: 700; }
#live { margin-left: auto; color: var(--muted); font-size: .875rem; }
#live.offline { color: var(--bad); font-weight: 600; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
main:focus, main:focus-visible { outline: none; }
h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: var(--bg); padding: .25rem .5rem; z-index: 10; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
button, .button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--line); border-radius: .4rem; background: var(--panel);
  color: var(--fg); cursor: pointer; text-decoration: none; display: inline-block; min-height: 2.25rem; }
button:disabled { opacity: .5; cursor: not-allowed; }
input, select { font: inherit; padding: .3rem .4rem; border: 1px solid var(--muted); border-radius: .3rem; background: var(--bg); color: var(--fg); max-width: 100%; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--panel); white-space: nowrap; }
td.num { font-variant-numeric: tabular-nums; }
td.error { color: var(--bad); max-width: 28rem; overflow-wrap: anywhere; }
.seq { color: var(--muted); font-size: .85rem; }
button.sort { border: 0; background: none; padding: 0; min-height: 0; font-weight: 700; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; border: 1px solid currentColor; white-space: nowrap; font-size: .875rem; }
.s-completed, .t-completed { color: var(--ok); } .s-failed, .t-failed, .s-partially_failed { color: var(--bad); }
.s-running, .t-running { color: var(--run); } .s-cancelled, .t-cancelled, .s-skipped, .t-skipped { color: var(--warn); }
.s-queued, .s-created, .s-waiting { color: var(--idle); }
.bar { display: inline-flex; align-items: center; gap: .4rem; min-width: 9rem; }
progress { width: 7rem; height: .9rem; accent-color: var(--ok); }
.pct { font-variant-numeric: tabular-nums; font-size: .875rem; white-space: nowrap; }
ul.counts { list-style: none; padding: 0; margin: .15rem 0 0; font-size: .85rem; display: flex; flex-wrap: wrap; gap: 0 .6rem; }
.total { font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; color: var(--muted); } dl.facts dd { margin: 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: flex-end; margin: .5rem 0 1rem; }
.field { display: flex; flex-direction: column; gap: .15rem; }
.field label, legend { font-size: .85rem; font-weight: 600; }
fieldset { border: 1px solid var(--line); border-radius: .4rem; }
.check { margin-right: .75rem; white-space: nowrap; }
.pager { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .75rem 0; }
pre.error { white-space: pre-wrap; overflow-wrap: anywhere; color: var(--bad); background: var(--panel); border-left: 4px solid var(--bad); padding: .6rem .8rem; }
p.error { color: var(--bad); }
ul.thumbs { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; }
ul.thumbs img { width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
ul.thumbs a { display: block; text-decoration: none; font-size: .85rem; }
ul.outputs { list-style: none; padding: 0; }
ul.outputs li { padding: .6rem 0; border-bottom: 1px solid var(--line); }
.meta { color: var(--muted); font-size: .875rem; }
.preview img { display: block; max-width: min(100%, 40rem); height: auto; margin-top: .5rem; border: 1px solid var(--line); background: #fff; }
.preview.full img { max-width: none; }
.preview button.zoom { padding: 0; border: 0; background: none; cursor: zoom-in; }
.preview.full button.zoom { cursor: zoom-out; }
.preview { overflow-x: auto; }
.crumbs ol { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .4rem; font-size: .9rem; }
.crumbs li + li::before { content: "›"; margin-right: .4rem; color: var(--muted); }
form.login { max-width: 26rem; display: flex; flex-direction: column; gap: .5rem; }
.graph { overflow-x: auto; }
.graph svg { max-width: none; font-size: 14px; }
.graph .box { fill: var(--panel); stroke: currentColor; stroke-width: 2; }
.graph .stage:focus-visible .box { stroke-width: 4; }
.graph text { fill: var(--fg); } .graph text.name { font-weight: 700; } .graph text.small { font-size: 12px; fill: var(--muted); }
.graph .track { fill: var(--line); } .graph .fill { fill: currentColor; }
.graph .edge { fill: none; stroke: var(--muted); stroke-width: 2; } .graph .edge.per-item { stroke-dasharray: 6 4; }
.graph .head { fill: var(--muted); }
@media (max-width: 40rem) {
  main { padding: .6rem; } th, td { padding: .3rem .4rem; } h1 { font-size: 1.25rem; }
  dl.facts { grid-template-columns: 1fr; } progress { width: 5rem; }
}
"""#
}
