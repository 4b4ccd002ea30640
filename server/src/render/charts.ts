/**
 * Inline SVG charts of the follow-up dashboard (milestone timeline, stacked bar, line chart,
 * sparklines). Same contract as svg.ts: numbers and escaped text only, class names from fixed
 * tables (never from the document), no script, no link, no element outside the set the HTML tests
 * allow (svg, g, title, text, rect, line, polygon, circle).
 */
import { daysBetween } from '../language-service/util/data';
import { dateFr, decimal } from './format';
import type { FollowUpStatus, LineChartSpec, SparklinesSpec, StackedBarSpec, TimelineSpec } from './model';
import { esc, lineAttr, ticks } from './svg';

/** A coordinate, compact and deterministic (as in svg.ts). */
const n = (x: number): string => String(Math.round(x * 10) / 10);

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function open(cls: string, w: number, h: number, label: string): string {
  return `<svg class="amo-svg ${cls}" viewBox="0 0 ${n(w)} ${n(h)}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">`;
}

/** Signed days: +12 j, −3 j, 0 j. */
export function signedDays(d: number): string {
  return `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d)} j`;
}

const SLIP_CLASS: Record<TimelineSpec['rows'][number]['state'], string> = {
  on_time: 'amo-slip-ok',
  early: 'amo-slip-ok',
  late: 'amo-slip-late',
  overdue: 'amo-slip-overdue',
  pending: 'amo-slip-ok',
};

/** Milestones as rows: ◇ planned, ◆ actual, a bar for the slippage (dashed up to today when overdue). */
export function timelineSvg(spec: TimelineSpec, today: string): string {
  const labelW = 250;
  const chartW = 620;
  const slipW = 70;
  const rowH = 22;
  const head = 30;
  const total = Math.max(1, daysBetween(spec.from, spec.to));
  const x = (d: string): number => labelW + (Math.min(Math.max(daysBetween(spec.from, d), 0), total) / total) * chartW;
  const chartH = head + spec.rows.length * rowH;
  const w = labelW + chartW + slipW;
  const h = chartH + 26;
  const parts = [open('amo-timeline', w, h, 'Jalons : dates prévues et réelles')];
  for (const t of ticks(spec.from, spec.to)) {
    const tx = n(x(t.date));
    parts.push(`<line class="${t.year ? 'amo-grid-year' : 'amo-grid'}" x1="${tx}" y1="${head - 22}" x2="${tx}" y2="${chartH}"/>`);
    if (t.label) parts.push(`<text class="amo-small" x="${n(x(t.date) + 2)}" y="${head - 14}">${esc(t.label)}</text>`);
  }
  parts.push(`<text class="amo-small" x="${labelW + chartW + slipW - 4}" y="${head - 14}" text-anchor="end">Écart</text>`);
  spec.rows.forEach((r, k) => {
    const y = head + k * rowH;
    const cy = y + rowH / 2;
    const px = x(r.planned);
    const end = r.actual ?? (r.state === 'overdue' ? today : undefined);
    const title = `${r.label} : prévu le ${dateFr(r.planned)}${r.actual ? `, réel le ${dateFr(r.actual)}` : ', non atteint'}${r.slip ? ` (${signedDays(r.slip)})` : ''}`;
    parts.push(`<g${lineAttr(r.line)}><title>${esc(title)}</title>`);
    parts.push(`<text x="4" y="${n(cy + 4)}">${esc(truncate(r.label, 40))}</text>`);
    if (end && end !== r.planned) {
      const ex = x(end);
      parts.push(`<rect class="${SLIP_CLASS[r.state]}" x="${n(Math.min(px, ex))}" y="${n(cy - 3)}" width="${n(Math.max(1, Math.abs(ex - px)))}" height="6"/>`);
    }
    parts.push(`<polygon class="amo-tl-planned" points="${n(px)},${n(cy - 6)} ${n(px + 6)},${n(cy)} ${n(px)},${n(cy + 6)} ${n(px - 6)},${n(cy)}"/>`);
    if (r.actual) {
      const ax = x(r.actual);
      parts.push(`<polygon class="amo-tl-actual" points="${n(ax)},${n(cy - 6)} ${n(ax + 6)},${n(cy)} ${n(ax)},${n(cy + 6)} ${n(ax - 6)},${n(cy)}"/>`);
    }
    if (r.slip !== undefined) {
      const cls = r.slip > 0 ? 'amo-txt-crit' : r.slip < 0 ? 'amo-txt-ok' : 'amo-small';
      parts.push(`<text class="${cls}" x="${labelW + chartW + slipW - 4}" y="${n(cy + 4)}" text-anchor="end">${esc(signedDays(r.slip))}</text>`);
    }
    parts.push('</g>');
  });
  if (today >= spec.from && today <= spec.to) {
    parts.push(`<line class="amo-today" x1="${n(x(today))}" y1="${head - 6}" x2="${n(x(today))}" y2="${chartH}"><title>${esc(`Aujourd’hui (${dateFr(today)})`)}</title></line>`);
  }
  const ly = chartH + 18;
  parts.push(`<polygon class="amo-tl-planned" points="10,${ly - 5} 15,${ly} 10,${ly + 5} 5,${ly}"/><text x="20" y="${ly + 4}">prévu</text>`);
  parts.push(`<polygon class="amo-tl-actual" points="70,${ly - 5} 75,${ly} 70,${ly + 5} 65,${ly}"/><text x="80" y="${ly + 4}">réel</text>`);
  parts.push(`<rect class="amo-slip-late" x="120" y="${ly - 3}" width="18" height="6"/><text x="142" y="${ly + 4}">retard</text>`);
  parts.push(`<rect class="amo-slip-overdue" x="195" y="${ly - 3}" width="18" height="6"/><text x="217" y="${ly + 4}">non atteint, en retard</text>`);
  parts.push(`<rect class="amo-slip-ok" x="350" y="${ly - 3}" width="18" height="6"/><text x="372" y="${ly + 4}">avance</text>`);
  parts.push('</svg>');
  return parts.join('');
}

const STATUS_CLASS: Record<FollowUpStatus, string> = {
  attendu: 'amo-st-attendu',
  recu: 'amo-st-recu',
  en_revue: 'amo-st-en_revue',
  valide: 'amo-st-valide',
  refuse: 'amo-st-refuse',
};

/** One bar split by status, with a legend giving each count and share. */
export function stackedBarSvg(spec: StackedBarSpec): string {
  const w = 720;
  const barH = 28;
  const total = spec.segments.reduce((a, s) => a + s.value, 0);
  const legendRows = Math.ceil(spec.segments.length / 3);
  const h = 10 + barH + 12 + legendRows * 18;
  const parts = [open('amo-stacked', w, h, 'Livrables par statut')];
  let x = 0;
  for (const s of spec.segments) {
    if (!s.value || !total) continue;
    const sw = (s.value / total) * w;
    parts.push(`<g><title>${esc(`${s.label} : ${s.value}`)}</title><rect class="${STATUS_CLASS[s.key] ?? 'amo-st-attendu'}" x="${n(x)}" y="10" width="${n(sw)}" height="${barH}"/>`);
    if (sw >= 22) parts.push(`<text class="amo-bar-num" x="${n(x + sw / 2)}" y="${10 + barH / 2 + 4}" text-anchor="middle">${s.value}</text>`);
    parts.push('</g>');
    x += sw;
  }
  if (!total) parts.push(`<rect class="amo-grid" x="0" y="10" width="${w}" height="${barH}"/>`);
  spec.segments.forEach((s, k) => {
    const lx = (k % 3) * 240;
    const ly = 10 + barH + 12 + Math.floor(k / 3) * 18;
    const share = total ? ` (${decimal((s.value / total) * 100, 1)} %)` : '';
    parts.push(`<rect class="${STATUS_CLASS[s.key] ?? 'amo-st-attendu'}" x="${lx}" y="${ly}" width="12" height="12"/><text x="${lx + 17}" y="${ly + 10}">${esc(`${s.label} : ${s.value}${share}`)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

const SERIES_CLASS: Record<LineChartSpec['series'][number]['key'], string> = { open: 'amo-series-open', critical: 'amo-series-critical' };

/** Counts per date: time-proportional x axis, integer y axis from 0, the value written at each point. */
export function lineChartSvg(spec: LineChartSpec): string {
  const left = 50;
  const right = 60;
  const top = 14;
  const plotW = 660;
  const plotH = 180;
  const w = left + plotW + right;
  const h = top + plotH + 44 + 18;
  const max = Math.max(1, ...spec.series.flatMap((s) => s.values));
  const step = max <= 10 ? 1 : max <= 25 ? 5 : max <= 100 ? 10 : Math.ceil(max / 10);
  // One step of headroom above the highest count, so that its label stays inside the plot.
  const yMax = Math.floor(max / step) * step + step;
  const y = (v: number): number => top + plotH - (v / yMax) * plotH;
  const first = spec.dates[0];
  const span = spec.dates.length > 1 ? Math.max(1, daysBetween(first, spec.dates[spec.dates.length - 1])) : 0;
  const x = (d: string): number => (span ? left + (daysBetween(first, d) / span) * plotW : left + plotW / 2);
  const parts = [open('amo-linechart', w, h, 'Évolution des risques ouverts et critiques')];
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line class="amo-grid" x1="${left}" y1="${n(y(v))}" x2="${left + plotW}" y2="${n(y(v))}"/><text class="amo-small" x="${left - 6}" y="${n(y(v) + 3)}" text-anchor="end">${v}</text>`);
  }
  // Date labels left to right, skipping those that would overlap; the last one (the current values) always shows.
  const labelled: number[] = [];
  spec.dates.forEach((d, k) => {
    const prev = labelled[labelled.length - 1];
    const fits = prev === undefined || x(d) - x(spec.dates[prev]) >= 80;
    if (k === spec.dates.length - 1 && !fits) labelled.pop();
    if (fits || k === spec.dates.length - 1) labelled.push(k);
  });
  spec.dates.forEach((d, k) => {
    const dx = x(d);
    parts.push(`<line class="amo-grid" x1="${n(dx)}" y1="${top}" x2="${n(dx)}" y2="${top + plotH}"/>`);
    if (!labelled.includes(k)) return;
    const label = k === spec.current ? `${dateFr(d)} (actuel)` : dateFr(d);
    parts.push(`<text class="amo-small" x="${n(dx)}" y="${top + plotH + 14}" text-anchor="middle">${esc(label)}</text>`);
  });
  for (const s of spec.series) {
    const cls = SERIES_CLASS[s.key] ?? 'amo-series-open';
    for (let k = 1; k < s.values.length; k++) {
      parts.push(`<line class="${cls}" x1="${n(x(spec.dates[k - 1]))}" y1="${n(y(s.values[k - 1]))}" x2="${n(x(spec.dates[k]))}" y2="${n(y(s.values[k]))}"/>`);
    }
    s.values.forEach((v, k) => {
      const px = x(spec.dates[k]);
      const dy = s.key === 'critical' ? 14 : -7;
      parts.push(`<g><title>${esc(`${dateFr(spec.dates[k])} : ${s.label.toLowerCase()} ${v}`)}</title><circle class="${cls}-dot" cx="${n(px)}" cy="${n(y(v))}" r="3.5"/><text class="amo-small" x="${n(px)}" y="${n(y(v) + dy)}" text-anchor="middle">${v}</text></g>`);
    });
  }
  const ly = top + plotH + 34;
  spec.series.forEach((s, k) => {
    const lx = left + k * 220;
    parts.push(`<line class="${SERIES_CLASS[s.key] ?? 'amo-series-open'}" x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}"/><text x="${lx + 28}" y="${ly + 4}">${esc(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** One row per indicator: label, sparkline with the target as a dashed line, last value against the target. */
export function sparklinesSvg(spec: SparklinesSpec): string {
  const labelW = 260;
  const sparkW = 220;
  const rowH = 44;
  const textX = labelW + sparkW + 20;
  const w = textX + 240;
  const h = spec.rows.length * rowH + 6;
  const parts = [open('amo-sparklines', w, h, 'Indicateurs : mesures et cible')];
  spec.rows.forEach((r, k) => {
    const top = k * rowH + 6;
    const plotTop = top + 4;
    const plotH = rowH - 14;
    const values = r.points.map((p) => p.value);
    const all = r.target === undefined ? values : [...values, r.target];
    let lo = Math.min(...all);
    let hi = Math.max(...all);
    if (!all.length) [lo, hi] = [0, 1];
    if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
    const y = (v: number): number => plotTop + plotH - ((v - lo) / (hi - lo)) * plotH;
    const first = r.points[0]?.date;
    const lastDate = r.points[r.points.length - 1]?.date;
    const span = first && lastDate ? daysBetween(first, lastDate) : 0;
    const x = (d: string, i: number): number => labelW + (span > 0 ? (daysBetween(first as string, d) / span) * sparkW : r.points.length > 1 ? (i / (r.points.length - 1)) * sparkW : sparkW / 2);
    const unit = r.unit ? ` ${truncate(r.unit, 20)}` : '';
    parts.push(`<g${lineAttr(r.line)}>`);
    parts.push(`<text x="4" y="${top + 16}">${esc(truncate(r.label, 42))}</text>`);
    if (r.unit) parts.push(`<text class="amo-small" x="4" y="${top + 30}">${esc(truncate(r.unit, 50))}</text>`);
    parts.push(`<rect class="amo-spark-bg" x="${labelW}" y="${plotTop}" width="${sparkW}" height="${plotH}"/>`);
    if (r.target !== undefined) {
      parts.push(`<line class="amo-target" x1="${labelW}" y1="${n(y(r.target))}" x2="${labelW + sparkW}" y2="${n(y(r.target))}"><title>${esc(`Cible : ${r.sens === 'au_moins' ? '≥' : '≤'} ${decimal(r.target, 4)}${unit}`)}</title></line>`);
    }
    for (let i = 1; i < r.points.length; i++) {
      parts.push(`<line class="amo-spark" x1="${n(x(r.points[i - 1].date, i - 1))}" y1="${n(y(r.points[i - 1].value))}" x2="${n(x(r.points[i].date, i))}" y2="${n(y(r.points[i].value))}"/>`);
    }
    r.points.forEach((p, i) => {
      const last = i === r.points.length - 1;
      const cls = last ? (r.ok === false ? 'amo-spark-ko' : r.ok ? 'amo-spark-ok' : 'amo-spark-dot') : 'amo-spark-dot';
      parts.push(`<circle class="${cls}" cx="${n(x(p.date, i))}" cy="${n(y(p.value))}" r="${last ? 3.5 : 2}"><title>${esc(`${dateFr(p.date)} : ${decimal(p.value, 4)}${unit}`)}</title></circle>`);
    });
    const last = r.points[r.points.length - 1];
    const lastText = last ? `${decimal(last.value, 4)}${unit} au ${dateFr(last.date)}` : 'aucune mesure';
    const tone = r.ok === false ? ' class="amo-txt-crit"' : r.ok ? ' class="amo-txt-ok"' : '';
    parts.push(`<text${tone} x="${textX}" y="${top + 16}">${esc(`${r.ok === false ? '✗ ' : r.ok ? '✓ ' : ''}${lastText}`)}</text>`);
    if (r.target !== undefined) parts.push(`<text class="amo-small" x="${textX}" y="${top + 30}">${esc(`cible ${r.sens === 'au_moins' ? '≥' : '≤'} ${decimal(r.target, 4)}${unit}`)}</text>`);
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}
