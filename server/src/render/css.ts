/**
 * The stylesheet of the deliverables: one source for the preview (inlined with a nonce) and the
 * exported HTML/PDF (inlined). Screen: follows VS Code's theme in the webview (body.vscode-dark…) and
 * the system's colour scheme elsewhere. Print: A4, black on white, page numbers and running header.
 * No `url()`, no `@import`: nothing is fetched.
 */
export const DELIVERABLE_CSS = `
:root {
  --amo-fg: #1f2328; --amo-muted: #59636e; --amo-bg: #ffffff; --amo-line: #d0d7de; --amo-head: #f3f5f7;
  --amo-accent: #1f5fa8; --amo-note-bg: #f4f8fc; --amo-warn-bg: #fff8e1; --amo-warn: #9a6700; --amo-legal-bg: #f6f3fb;
  --amo-ok: #1a7f37; --amo-crit: #b42318; --amo-info: #cfe2f7;
  --amo-lvl-faible: #cdebd3; --amo-lvl-modere: #fbeeb8; --amo-lvl-eleve: #fcd3a8; --amo-lvl-critique: #f4b4ae;
  --amo-bar: #3f7fc8; --amo-ms: #b42318;
}
@media screen and (prefers-color-scheme: dark) {
  :root:not(.amo-light) {
    --amo-fg: #e6edf3; --amo-muted: #9aa4ae; --amo-bg: #16191d; --amo-line: #3a4048; --amo-head: #22272e;
    --amo-accent: #6cb1ff; --amo-note-bg: #1b2530; --amo-warn-bg: #2d2610; --amo-warn: #e3b341; --amo-legal-bg: #231d2e;
    --amo-ok: #56d364; --amo-crit: #ff7b72; --amo-info: #1f3b5c;
    --amo-lvl-faible: #1f4a2a; --amo-lvl-modere: #524515; --amo-lvl-eleve: #5c3816; --amo-lvl-critique: #6b2420;
    --amo-bar: #4d8fd6; --amo-ms: #ff7b72;
  }
}
body.vscode-light { --amo-fg: var(--vscode-editor-foreground, #1f2328); --amo-bg: var(--vscode-editor-background, #fff); }
body.vscode-dark, body.vscode-high-contrast:not(.vscode-high-contrast-light) {
  --amo-fg: var(--vscode-editor-foreground, #e6edf3); --amo-muted: #9aa4ae; --amo-bg: var(--vscode-editor-background, #1e1e1e);
  --amo-line: #3a4048; --amo-head: rgba(255,255,255,0.06); --amo-accent: var(--vscode-textLink-foreground, #6cb1ff);
  --amo-note-bg: rgba(108,177,255,0.08); --amo-warn-bg: rgba(227,179,65,0.12); --amo-warn: #e3b341; --amo-legal-bg: rgba(180,140,255,0.09);
  --amo-ok: #56d364; --amo-crit: #ff7b72; --amo-info: #1f3b5c;
  --amo-lvl-faible: #1f4a2a; --amo-lvl-modere: #524515; --amo-lvl-eleve: #5c3816; --amo-lvl-critique: #6b2420;
  --amo-bar: #4d8fd6; --amo-ms: #ff7b72;
}
.amo-doc { color: var(--amo-fg); background: var(--amo-bg); font: 14px/1.5 "Segoe UI", "Helvetica Neue", Arial, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
.amo-doc h1, .amo-doc h2, .amo-doc h3 { line-height: 1.25; color: var(--amo-fg); }
.amo-doc h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
.amo-doc h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--amo-accent); }
.amo-doc h3 { font-size: 1.08rem; margin: 1.3rem 0 .4rem; }
.amo-cover { border-bottom: 1px solid var(--amo-line); margin-bottom: 1rem; padding-bottom: .8rem; }
.amo-kicker { color: var(--amo-accent); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; font-size: .8rem; margin: 0; }
.amo-subtitle { font-size: 1.1rem; margin: .1rem 0 .6rem; }
.amo-meta, .amo-facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0 .8rem; }
.amo-meta div, .amo-facts div { display: contents; }
.amo-meta dt, .amo-facts dt { color: var(--amo-muted); }
.amo-meta dd, .amo-facts dd { margin: 0; }
.amo-toc { font-size: .92rem; margin: .5rem 0 1rem; }
.amo-toc ul { margin: .2rem 0; padding-left: 0; list-style: none; }
.amo-toc a { color: var(--amo-accent); text-decoration: none; }
.amo-doc p { margin: .45rem 0; }
.amo-note { background: var(--amo-note-bg); padding: .4rem .7rem; border-left: 3px solid var(--amo-accent); font-size: .93rem; }
.amo-warning { background: var(--amo-warn-bg); padding: .4rem .7rem; border-left: 3px solid var(--amo-warn); }
.amo-legal { background: var(--amo-legal-bg); padding: .4rem .7rem; border-left: 3px solid #7d5bbe; font-size: .93rem; }
.amo-doc code { font-family: "Cascadia Code", Consolas, monospace; font-size: .88em; }
.amo-table-wrap { overflow-x: auto; margin: .5rem 0 1rem; }
.amo-doc table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.amo-doc caption { caption-side: bottom; text-align: left; color: var(--amo-muted); font-size: .85rem; padding-top: .3rem; }
.amo-doc th, .amo-doc td { border: 1px solid var(--amo-line); padding: .25rem .45rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; hyphens: auto; }
.amo-doc td:first-child { overflow-wrap: break-word; }
.amo-doc th { background: var(--amo-head); font-weight: 600; }
.amo-doc .r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.amo-doc th.r { white-space: normal; }
.amo-doc .c { text-align: center; }
.amo-doc .b { font-weight: 600; }
.amo-row-total td { font-weight: 700; background: var(--amo-head); }
.amo-row-sub td:first-child { padding-left: 1.6rem; }
.amo-row-flag td { background: var(--amo-warn-bg); }
.amo-row-muted td { color: var(--amo-muted); }
.amo-tone-ok { color: var(--amo-ok); }
.amo-tone-warn { color: var(--amo-warn); font-weight: 600; }
.amo-tone-crit { color: var(--amo-crit); font-weight: 600; }
.amo-tone-muted { color: var(--amo-muted); }
td.amo-tone-info { background: var(--amo-info); }
td.amo-lvl-faible { background: var(--amo-lvl-faible); }
td.amo-lvl-modere { background: var(--amo-lvl-modere); }
td.amo-lvl-eleve { background: var(--amo-lvl-eleve); }
td.amo-lvl-critique { background: var(--amo-lvl-critique); }
.amo-figure { margin: .5rem 0 1rem; }
.amo-figure svg { width: 100%; height: auto; display: block; }
.amo-figure svg.amo-heatmap { max-width: 36rem; }
.amo-figure figcaption { color: var(--amo-muted); font-size: .85rem; margin-top: .2rem; }
.amo-svg text { fill: var(--amo-fg); font: 11px "Segoe UI", Arial, sans-serif; }
.amo-svg .amo-small { font-size: 9px; fill: var(--amo-muted); }
.amo-svg .amo-axis { font-weight: 600; }
.amo-svg .amo-grid { stroke: var(--amo-line); stroke-width: 1; }
.amo-svg .amo-grid-year { stroke: var(--amo-muted); stroke-width: 1; }
.amo-svg .amo-cell { stroke: var(--amo-bg); stroke-width: 2; }
.amo-svg .amo-lvl-faible { fill: var(--amo-lvl-faible); }
.amo-svg .amo-lvl-modere { fill: var(--amo-lvl-modere); }
.amo-svg .amo-lvl-eleve { fill: var(--amo-lvl-eleve); }
.amo-svg .amo-lvl-critique { fill: var(--amo-lvl-critique); }
.amo-svg .amo-bar { fill: var(--amo-bar); }
.amo-svg .amo-jalon { fill: var(--amo-fg); }
.amo-svg .amo-livrable { fill: var(--amo-accent); stroke: var(--amo-bg); stroke-width: .5; }
.amo-svg .amo-ms { stroke: var(--amo-ms); stroke-width: 1.2; stroke-dasharray: 4 3; }
.amo-svg .amo-ms-dot { fill: var(--amo-ms); }
.amo-svg .amo-ms-num { fill: #fff; font-size: 9px; font-weight: 700; }
.amo-svg .amo-today { stroke: var(--amo-ok); stroke-width: 1.5; }
.amo-figure svg.amo-stacked { max-width: 45rem; }
.amo-figure svg.amo-linechart { max-width: 45rem; }
.amo-svg .amo-tl-planned { fill: var(--amo-bg); stroke: var(--amo-fg); stroke-width: 1.2; }
.amo-svg .amo-tl-actual { fill: var(--amo-fg); }
.amo-svg .amo-slip-late { fill: var(--amo-crit); }
.amo-svg .amo-slip-overdue { fill: none; stroke: var(--amo-crit); stroke-width: 1.2; stroke-dasharray: 3 2; }
.amo-svg .amo-slip-ok { fill: var(--amo-ok); }
.amo-svg .amo-txt-crit { fill: var(--amo-crit); font-weight: 600; }
.amo-svg .amo-txt-ok { fill: var(--amo-ok); font-weight: 600; }
.amo-svg .amo-st-attendu { fill: var(--amo-line); }
.amo-svg .amo-st-recu { fill: var(--amo-info); }
.amo-svg .amo-st-en_revue { fill: var(--amo-lvl-modere); }
.amo-svg .amo-st-valide { fill: var(--amo-lvl-faible); }
.amo-svg .amo-st-refuse { fill: var(--amo-lvl-critique); }
.amo-svg .amo-bar-num { font-weight: 700; }
.amo-svg .amo-series-open { stroke: var(--amo-bar); stroke-width: 2; }
.amo-svg .amo-series-critical { stroke: var(--amo-crit); stroke-width: 2; }
.amo-svg .amo-series-open-dot { fill: var(--amo-bar); }
.amo-svg .amo-series-critical-dot { fill: var(--amo-crit); }
.amo-svg .amo-spark-bg { fill: var(--amo-head); }
.amo-svg .amo-spark { stroke: var(--amo-bar); stroke-width: 1.5; }
.amo-svg .amo-spark-dot { fill: var(--amo-bar); }
.amo-svg .amo-spark-ok { fill: var(--amo-ok); }
.amo-svg .amo-spark-ko { fill: var(--amo-crit); }
.amo-svg .amo-target { stroke: var(--amo-muted); stroke-width: 1; stroke-dasharray: 4 3; }
.amo-row-sign td { height: 4.5rem; }
.amo-row-blank td { height: 3.2rem; }
.amo-nonconforme { color: #fff; background: var(--amo-crit); font-weight: 700; padding: .35rem .7rem; margin: 0 0 .8rem; text-transform: uppercase; letter-spacing: .03em; }
[data-line] { scroll-margin-top: 2rem; }
.amo-active-line { outline: 2px solid var(--amo-accent); outline-offset: 2px; }
@page { size: A4; margin: 18mm 15mm 18mm 15mm;
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font: 9pt Arial, sans-serif; color: #59636e; }
}
@page amo-landscape { size: A4 landscape; margin: 15mm 15mm 15mm 15mm; }
@media print {
  :root, body { --amo-fg: #000; --amo-bg: #fff; --amo-muted: #444; --amo-line: #999; --amo-head: #eee; background: #fff; }
  .amo-doc { max-width: none; padding: 0; font-size: 10pt; }
  .amo-doc h2, .amo-doc h3, .amo-kept { break-after: avoid; }
  .amo-doc h2, .amo-doc h3 { break-inside: avoid; }
  .amo-landscape { page: amo-landscape; }
  .amo-landscape .amo-figure svg { max-height: 165mm; }
  .amo-doc tr, .amo-figure, .amo-facts { break-inside: avoid; }
  .amo-doc thead { display: table-header-group; }
  .amo-table-wrap { overflow: visible; }
  .amo-active-line { outline: none; }
}
`;

/**
 * A CSS string literal for `content:` (page header): every character outside a safe set becomes a
 * hexadecimal escape, so user text can neither close the string nor the style element.
 */
export function cssString(s: string): string {
  let out = '"';
  for (const ch of s) {
    out += /[A-Za-z0-9 ,.()'’«»—–-]/.test(ch) ? ch : `\\${ch.codePointAt(0)?.toString(16)} `;
  }
  return `${out}"`;
}
