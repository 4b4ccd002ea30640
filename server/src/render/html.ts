/**
 * HTML back end. Every string of the model is escaped; the only markup is ours. Elements carry
 * `data-line` (0-based source line) for reveal and scroll-sync. No inline `style` attribute and no
 * script: the output works under a CSP without 'unsafe-inline' (webview) and is inert in an export.
 */
import { lineChartSvg, sparklinesSvg, stackedBarSvg, timelineSvg } from './charts';
import { nonConformityMark } from './conformity';
import { sections } from './layout';
import { cssString, DELIVERABLE_CSS } from './css';
import type { Block, Cell, DocModel, Facts, Figure, Inline, List, Paragraph, Row, Table } from './model';
import { esc, ganttSvg, heatMapSvg, lineAttr } from './svg';

export { esc as escapeHtml } from './svg';
export { isWide, sections } from './layout';

function inline(content: Inline[]): string {
  return content
    .map((c) => {
      if (typeof c === 'string') return esc(c);
      let s = esc(c.text);
      if (c.code) s = `<code>${s}</code>`;
      if (c.em) s = `<em>${s}</em>`;
      if (c.strong) s = `<strong>${s}</strong>`;
      return s;
    })
    .join('');
}

function classes(...names: (string | false | undefined)[]): string {
  const list = names.filter(Boolean);
  return list.length ? ` class="${list.join(' ')}"` : '';
}

function td(c: Cell, tag: 'td' | 'th' = 'td'): string {
  const align = c.align === 'right' ? 'r' : c.align === 'center' ? 'c' : undefined;
  const span = c.colSpan && c.colSpan > 1 ? ` colspan="${Math.floor(c.colSpan)}"` : '';
  return `<${tag}${classes(align, c.strong && 'b', c.tone && `amo-tone-${c.tone}`, c.level && `amo-lvl-${c.level}`)}${span}${lineAttr(c.line)}>${esc(c.text)}</${tag}>`;
}

function tr(r: Row): string {
  return `<tr${classes(r.kind && `amo-row-${r.kind}`)}${lineAttr(r.line)}>${r.cells.map((c) => td(c)).join('')}</tr>`;
}

function table(t: Table): string {
  const head = t.columns.map((c) => td({ text: c.label, align: c.align }, 'th')).join('');
  const caption = t.caption ? `<caption>${esc(t.caption)}</caption>` : '';
  return `<div class="amo-table-wrap"${lineAttr(t.line)}><table${lineAttr(t.line)}>${caption}<thead><tr>${head}</tr></thead><tbody>\n${t.rows.map(tr).join('\n')}\n</tbody></table></div>`;
}

function paragraph(p: Paragraph): string {
  return `<p${classes(p.tone && `amo-${p.tone}`)}${lineAttr(p.line)}>${inline(p.content)}</p>`;
}

function list(l: List): string {
  const tag = l.ordered ? 'ol' : 'ul';
  return `<${tag}${lineAttr(l.line)}>${l.items.map((i) => `<li${lineAttr(i.line)}>${inline(i.content)}</li>`).join('')}</${tag}>`;
}

function facts(f: Facts): string {
  if (!f.items.length) return '';
  return `<dl class="amo-facts"${lineAttr(f.line)}>${f.items.map((i) => `<div${lineAttr(i.line)}><dt${lineAttr(i.line)}>${esc(i.label)}</dt><dd${lineAttr(i.line)}>${esc(i.value)}</dd></div>`).join('')}</dl>`;
}

function figure(f: Figure, today: string): string {
  const svg = figureSvg(f.spec, today);
  return `<figure class="amo-figure"${lineAttr(f.line)}>${svg}<figcaption>${esc(f.caption)}</figcaption></figure>`;
}

function figureSvg(spec: Figure['spec'], today: string): string {
  switch (spec.type) {
    case 'heatmap':
      return heatMapSvg(spec);
    case 'gantt':
      return ganttSvg(spec, today);
    case 'timeline':
      return timelineSvg(spec, today);
    case 'stackedbar':
      return stackedBarSvg(spec);
    case 'linechart':
      return lineChartSvg(spec);
    case 'sparklines':
      return sparklinesSvg(spec);
  }
}

function block(b: Block, ids: Map<Block, string>, today: string): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} id="${ids.get(b) ?? ''}"${lineAttr(b.line)}>${esc(b.text)}</h${b.level}>`;
    case 'paragraph':
      return paragraph(b);
    case 'list':
      return list(b);
    case 'facts':
      return facts(b);
    case 'table':
      return table(b);
    case 'figure':
      return figure(b, today);
  }
}

/**
 * The deliverable as an HTML fragment (`<article>`): what the preview shows, and the body of the
 * exported file. Headings get generated ids (`amo-h-1`…), never ids derived from user text.
 */
export function renderHtml(model: DocModel): string {
  const ids = new Map<Block, string>();
  let k = 0;
  for (const b of model.blocks) if (b.kind === 'heading') ids.set(b, `amo-h-${++k}`);
  const toc = model.blocks.filter((b) => b.kind === 'heading' && b.level === 2);
  const meta = model.meta.map((m) => `<div><dt>${esc(m.label)}</dt><dd>${esc(m.value)}</dd></div>`).join('');
  const mark = model.conformity ? `<p class="amo-nonconforme" role="alert">${esc(nonConformityMark(model.conformity.errors))}</p>` : '';
  return [
    `<article class="amo-doc${model.conformity ? ' amo-draft' : ''}" data-deliverable="${esc(model.deliverable)}">`,
    ...(mark ? [mark] : []),
    `<header class="amo-cover"><p class="amo-kicker">${esc(model.title)}</p><h1>${esc(model.subtitle)}</h1>${meta ? `<dl class="amo-meta">${meta}</dl>` : ''}</header>`,
    toc.length > 2 ? `<nav class="amo-toc"><strong>Sommaire</strong><ul>${toc.map((b) => `<li><a href="#${ids.get(b)}">${esc((b as { text: string }).text)}</a></li>`).join('')}</ul></nav>` : '',
    ...sections(model.blocks).map((g) => (g.landscape ? `<section class="amo-landscape">\n${g.blocks.map((b) => block(b, ids, model.date)).join('\n')}\n</section>` : g.blocks.map((b) => block(b, ids, model.date)).join('\n'))),
    '</article>',
  ].join('\n');
}

/**
 * A self-contained HTML file: CSS inline, no script, a CSP that forbids every fetch and every script,
 * A4 print layout with the deliverable's title as running header (for the PDF export).
 */
export function renderHtmlDocument(model: DocModel): string {
  const header = `${model.title} — ${model.subtitle}`;
  // The running header leaves room for the draft mark on the right.
  const max = model.conformity ? 60 : 90;
  // Every printed page of a document from a file with errors carries the mark (page margin box).
  const draft = model.conformity ? `\n@page { @top-right { content: ${cssString(nonConformityMark(model.conformity.errors))}; font: bold 9pt Arial, sans-serif; color: #b42318; } }` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="AMO Authoring">`,
    ...(model.author ? [`<meta name="author" content="${esc(model.author)}">`] : []),
    `<title>${esc(header)}</title>`,
    `<style>${DELIVERABLE_CSS}\n@page { @top-left { content: ${cssString(header.length > max ? `${header.slice(0, max - 1)}…` : header)}; font: 8pt Arial, sans-serif; color: #59636e; } }${draft}</style>`,
    '</head>',
    '<body>',
    renderHtml(model),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
