/**
 * Inline SVG drawings of the deliverables (heat map, Gantt), built from numbers and escaped text only:
 * no user text ever reaches an attribute other than through `esc`, coordinates are formatted numbers.
 */
import { daysBetween } from '../language-service/util/data';
import { dateFr, monthShort } from './format';
import type { GanttSpec, HeatMapSpec, Line } from './model';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

/** HTML/XML escaping of text and attribute values (the five special characters). */
export function esc(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITIES[c]) : s;
}

/** A coordinate, compact and deterministic. */
const n = (x: number): string => String(Math.round(x * 10) / 10);

export function lineAttr(line: Line): string {
  return line !== undefined && Number.isInteger(line) && line >= 0 ? ` data-line="${line}"` : '';
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function heatMapSvg(spec: HeatMapSpec): string {
  const cw = 120;
  const ch = 64;
  const left = 58;
  const top = 10;
  const w = left + spec.impact * cw + 10;
  const h = top + spec.probabilite * ch + 44;
  const parts: string[] = [`<svg class="amo-svg amo-heatmap" viewBox="0 0 ${w} ${h}" role="img" aria-label="Carte de chaleur probabilité × impact" xmlns="http://www.w3.org/2000/svg">`];
  for (let p = spec.probabilite; p >= 1; p--) {
    const y = top + (spec.probabilite - p) * ch;
    parts.push(`<text class="amo-axis" x="${left - 8}" y="${n(y + ch / 2 + 4)}" text-anchor="end">${p}</text>`);
    for (let i = 1; i <= spec.impact; i++) {
      const x = left + (i - 1) * cw;
      const ids = spec.cells[p - 1][i - 1];
      parts.push(`<rect class="amo-cell amo-lvl-${spec.levels[p - 1][i - 1]}" x="${x}" y="${y}" width="${cw}" height="${ch}"/>`);
      parts.push(`<text class="amo-small" x="${x + cw - 5}" y="${y + ch - 5}" text-anchor="end">${p * i}</text>`);
      const shown = ids.slice(0, 3);
      shown.forEach((r, k) => parts.push(`<text${lineAttr(r.line)} x="${x + 6}" y="${n(y + 18 + k * 14)}">${esc(truncate(r.id, 17))}</text>`));
      if (ids.length > 3) parts.push(`<text class="amo-small" x="${x + 6}" y="${n(y + 18 + 3 * 14)}">+ ${ids.length - 3}</text>`);
    }
  }
  for (let i = 1; i <= spec.impact; i++) parts.push(`<text class="amo-axis" x="${n(left + (i - 0.5) * cw)}" y="${top + spec.probabilite * ch + 16}" text-anchor="middle">${i}</text>`);
  parts.push(`<text class="amo-axis" x="${n(left + (spec.impact * cw) / 2)}" y="${h - 6}" text-anchor="middle">Impact →</text>`);
  parts.push(`<text class="amo-axis" x="14" y="${n(top + (spec.probabilite * ch) / 2)}" text-anchor="middle" transform="rotate(-90 14 ${n(top + (spec.probabilite * ch) / 2)})">Probabilité →</text>`);
  parts.push('</svg>');
  return parts.join('');
}

export interface Tick {
  date: string;
  label?: string;
  year: boolean;
}

/** Month, quarter or year ticks depending on the span (shared with charts.ts). */
export function ticks(from: string, to: string): Tick[] {
  const months = (+to.slice(0, 4) - +from.slice(0, 4)) * 12 + (+to.slice(5, 7) - +from.slice(5, 7));
  // At most about 20 year ticks whatever the span (a phase from year 1 to 9999 must not draw 10,000 lines).
  const step = months <= 24 ? 1 : months <= 60 ? 3 : 12 * Math.max(1, Math.ceil(months / 240));
  const out: Tick[] = [];
  let y = +from.slice(0, 4);
  let m = +from.slice(5, 7) - 1;
  for (;;) {
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
    const d = `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
    // Dates compare as text: year 10000 would sort before 9999.
    if (y > 9999 || d > to) break;
    if (step >= 12 ? m === 0 && y % (step / 12) === 0 : m % step === 0) out.push({ date: d, label: step >= 12 ? String(y) : monthShort(y, m), year: m === 0 });
  }
  return out;
}

export function ganttSvg(spec: GanttSpec, today?: string): string {
  const labelW = 250;
  const chartW = 720;
  const rowH = 22;
  const head = 38;
  const total = Math.max(1, daysBetween(spec.from, spec.to));
  const x = (d: string): number => labelW + (Math.min(Math.max(daysBetween(spec.from, d), 0), total) / total) * chartW;
  const chartH = head + spec.rows.length * rowH;
  const legendH = spec.milestones.length * 15 + (spec.milestones.length ? 10 : 0);
  const w = labelW + chartW + 10;
  const h = chartH + 8 + legendH;
  const parts: string[] = [`<svg class="amo-svg" viewBox="0 0 ${w} ${h}" role="img" aria-label="Diagramme de Gantt" xmlns="http://www.w3.org/2000/svg">`];
  for (const t of ticks(spec.from, spec.to)) {
    const tx = n(x(t.date));
    parts.push(`<line class="${t.year ? 'amo-grid-year' : 'amo-grid'}" x1="${tx}" y1="${head - 30}" x2="${tx}" y2="${chartH}"/>`);
    if (t.label) parts.push(`<text class="amo-small" x="${n(x(t.date) + 2)}" y="${head - 22}">${esc(t.label)}</text>`);
  }
  spec.rows.forEach((r, k) => {
    const y = head + k * rowH;
    const label = r.code ? `${r.code} — ${r.label}` : r.label;
    parts.push(`<g${lineAttr(r.line)}><title>${esc(`${label} : du ${dateFr(r.start)} au ${dateFr(r.end)}`)}</title>`);
    parts.push(`<text x="4" y="${y + 15}">${esc(truncate(label, 40))}</text>`);
    const x1 = x(r.start);
    parts.push(`<rect class="amo-bar" x="${n(x1)}" y="${y + 5}" width="${n(Math.max(2, x(r.end) - x1))}" height="${rowH - 10}" rx="2"/></g>`);
    for (const m of r.marks) {
      const mx = x(m.date);
      const cy = y + rowH / 2;
      const shape =
        m.kind === 'jalon'
          ? `<polygon class="amo-jalon" points="${n(mx)},${n(cy - 6)} ${n(mx + 6)},${n(cy)} ${n(mx)},${n(cy + 6)} ${n(mx - 6)},${n(cy)}"/>`
          : `<polygon class="amo-livrable" points="${n(mx)},${n(cy - 5)} ${n(mx + 5)},${n(cy + 4)} ${n(mx - 5)},${n(cy + 4)}"/>`;
      parts.push(`<g${lineAttr(m.line)}><title>${esc(`${m.kind === 'jalon' ? 'Jalon' : 'Livrable'} : ${m.label} (${dateFr(m.date)})`)}</title>${shape}</g>`);
    }
  });
  if (today && today >= spec.from && today <= spec.to) {
    parts.push(`<line class="amo-today" x1="${n(x(today))}" y1="${head - 6}" x2="${n(x(today))}" y2="${chartH}"><title>${esc(`Aujourd’hui (${dateFr(today)})`)}</title></line>`);
  }
  let prevX = -Infinity;
  let level = 0;
  spec.milestones.forEach((m, k) => {
    const mx = n(x(m.date));
    // Markers closer than their size alternate between two heights so that their numbers stay legible.
    level = x(m.date) - prevX < 14 ? 1 - level : 0;
    prevX = x(m.date);
    const cy = head - 4 - level * 13;
    parts.push(`<line class="amo-ms" x1="${mx}" y1="${cy}" x2="${mx}" y2="${chartH}"/>`);
    parts.push(`<circle class="amo-ms-dot" cx="${mx}" cy="${cy}" r="6"/><text class="amo-ms-num" x="${mx}" y="${cy + 3}" text-anchor="middle">${k + 1}</text>`);
    parts.push(`<text x="4" y="${chartH + 18 + k * 15}">${esc(`${k + 1}. ${dateFr(m.date)} — ${m.label}`)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
