/**
 * The two trend sections of the follow-up dashboard (dashboard.ts): the risk trend, rebuilt from
 * `risques[].historique` and the current values, and the indicators with their measures against target.
 * Every figure is computed here from the document and `today`, and stated in a caption where the reader
 * cannot guess it.
 */
import { programmeModel } from '../language-service/model/build';
import { riskScale } from '../language-service/model/risks';
import { date, list, num, obj, str, type Obj } from '../language-service/util/data';
import type { BuildInput } from './context';
import { dateFr, decimal } from './format';
import { enumLabel } from './labels';
import { cell, heading, num as numCell, para, strong, type Block, type Line, type Row } from './model';

// ---------------------------------------------------------------- risks

interface Assessment {
  date: string;
  p?: number;
  i?: number;
  statut?: string;
}

/** The dated assessments of a risk before `today`, by date, each completed by the previous one (carried forward). */
function history(r: Obj, today: string): Assessment[] {
  const raw = list(r.historique)
    .map(obj)
    .map((h, k) => ({ h, k, d: date(h.date) }))
    .filter((x): x is { h: Obj; k: number; d: string } => !!x.d && x.d < today)
    .sort((a, b) => a.d.localeCompare(b.d) || a.k - b.k);
  const out: Assessment[] = [];
  let prev: Assessment | undefined;
  for (const { h, d } of raw) {
    const a: Assessment = { date: d, p: num(h.probabilite) ?? prev?.p, i: num(h.impact) ?? prev?.i, statut: str(h.statut) ?? prev?.statut };
    out.push(a);
    prev = a;
  }
  return out;
}

export interface RiskTrendPoint {
  date: string;
  open: number;
  critical: number;
  current: boolean;
}

/**
 * Open and critical risks at each assessment date of the histories, then at today from the current
 * values. At a past date a risk counts from its first dated assessment, with its latest assessment at
 * or before that date; open = statut other than `clos`; critical = open and P × I ≥ seuil_critique.
 */
export function riskTrend(input: BuildInput): RiskTrendPoint[] {
  const { data } = input.doc;
  const { seuil } = riskScale(data);
  const risks = programmeModel(data).risks.filter((r) => !r.notObject).map((r) => r.o);
  const histories = risks.map((r) => history(r, input.today));
  const dates = [...new Set(histories.flatMap((h) => h.map((a) => a.date)))].sort();
  const count = (states: { p?: number; i?: number; statut?: string }[]): { open: number; critical: number } => {
    const open = states.filter((s) => s.statut !== 'clos');
    return { open: open.length, critical: open.filter((s) => s.p !== undefined && s.i !== undefined && s.p * s.i >= seuil).length };
  };
  const points: RiskTrendPoint[] = dates.map((d) => {
    const states = histories.map((h) => h.filter((a) => a.date <= d).pop()).filter((a): a is Assessment => !!a);
    return { date: d, ...count(states), current: false };
  });
  points.push({ date: input.today, ...count(risks.map((r) => ({ p: num(r.probabilite), i: num(r.impact), statut: str(r.statut) }))), current: true });
  return points;
}

export function riskBlocks(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const { seuil } = riskScale(data);
  const points = riskTrend(input);
  const now = points[points.length - 1];
  const out: Block[] = [heading(2, '4. Évolution des risques', src.at('risques'))];
  if (!programmeModel(data).risks.length) return [...out, para('Aucun risque au registre.', { tone: 'note' })];
  if (points.length === 1) {
    out.push(para([`Aucune évaluation passée (« risques[].historique ») : seules les valeurs actuelles sont connues, soit `, strong(`${now.open} risque(s) non clos dont ${now.critical} critique(s)`), ` (P × I ≥ ${seuil}).`], { tone: 'note' }));
  } else {
    out.push({
      kind: 'figure',
      spec: { type: 'linechart', dates: points.map((p) => p.date), series: [{ key: 'open', label: 'Risques non clos', values: points.map((p) => p.open) }, { key: 'critical', label: `dont critiques (P × I ≥ ${seuil})`, values: points.map((p) => p.critical) }], current: points.length - 1 },
      caption: `Risques non clos et critiques (P × I ≥ ${seuil}) à chaque date d’évaluation, puis au ${dateFr(input.today)} d’après les valeurs actuelles du registre. Un risque compte à partir de sa première évaluation datée ; les valeurs actuelles comptent tous les risques.`,
      fallback: {
        kind: 'table',
        columns: [{ label: 'Date' }, { label: 'Risques non clos', align: 'right' }, { label: `dont critiques (≥ ${seuil})`, align: 'right' }],
        rows: points.map((p) => ({ cells: [cell(p.current ? `${dateFr(p.date)} (valeurs actuelles)` : dateFr(p.date)), numCell(String(p.open)), numCell(String(p.critical), { tone: p.critical ? 'crit' : undefined })] })),
      },
      line: src.at('risques'),
    });
  }
  const rows: Row[] = [];
  programmeModel(data).risks.forEach((r) => {
    const { o } = r;
    const h = history(o, input.today);
    const prev = h[h.length - 1];
    if (!prev) return;
    const before = prev.p !== undefined && prev.i !== undefined ? prev.p * prev.i : undefined;
    const c = r.criticality;
    const delta = before !== undefined && c !== undefined ? c - before : undefined;
    const closed = str(o.statut) === 'clos';
    rows.push({
      line: src.at(...r.path),
      kind: closed ? 'muted' : delta !== undefined && delta > 0 && (c as number) >= seuil ? 'flag' : undefined,
      cells: [
        cell(`${r.name} — ${r.titre ?? ''}`),
        cell(dateFr(prev.date)),
        numCell(before === undefined ? '—' : String(before)),
        numCell(c === undefined ? '—' : String(c)),
        numCell(delta === undefined ? '—' : delta > 0 ? `↑ +${delta}` : delta < 0 ? `↓ −${-delta}` : '=', { tone: delta === undefined || delta === 0 ? undefined : delta > 0 ? 'crit' : 'ok' }),
        cell(enumLabel('programme', 'risques.statut', o.statut)),
      ],
    });
  });
  if (rows.length) {
    out.push(heading(3, 'Évolution depuis la dernière évaluation'), {
      kind: 'table',
      columns: [{ label: 'Risque' }, { label: 'Évaluée le' }, { label: 'P × I alors', align: 'right' }, { label: 'P × I actuel', align: 'right' }, { label: 'Évolution', align: 'right' }, { label: 'Statut actuel' }],
      rows,
    });
  }
  return out;
}

// ---------------------------------------------------------------- indicators

export interface IndicatorView {
  o: Obj;
  label: string;
  unit?: string;
  target?: number;
  sens: 'au_plus' | 'au_moins';
  points: { date: string; value: number }[];
  ok?: boolean;
  line: Line;
}

/** Indicators with their measures by date; the last measure (latest date) is compared with the target. */
export function indicatorViews(input: BuildInput): IndicatorView[] {
  const { data, src } = input.doc;
  return programmeModel(data).indicators.map((ind) => {
    const { o } = ind;
    const points = ind.mesures
      .map(({ o: m }, k) => ({ date: date(m.date), value: num(m.valeur), k }))
      .filter((m): m is { date: string; value: number; k: number } => !!m.date && m.value !== undefined)
      .sort((a, b) => a.date.localeCompare(b.date) || a.k - b.k)
      .map(({ date: d, value }) => ({ date: d, value }));
    const target = ind.cible;
    const sens = ind.sens === 'au_moins' ? 'au_moins' : 'au_plus';
    const last = points[points.length - 1];
    const ok = last && target !== undefined ? (sens === 'au_plus' ? last.value <= target : last.value >= target) : undefined;
    return { o, label: str(o.libelle) ?? ind.id ?? `#${ind.index + 1}`, unit: str(o.unite), target, sens, points, ok, line: src.at(...ind.path) };
  });
}

export function indicatorBlocks(input: BuildInput): Block[] {
  const { src } = input.doc;
  const views = indicatorViews(input);
  const out: Block[] = [heading(2, '5. Indicateurs', src.at('indicateurs'))];
  if (!views.length) return [...out, para('Aucun indicateur (« indicateurs »).', { tone: 'note' })];
  const u = (v: IndicatorView): string => (v.unit ? ` ${v.unit}` : '');
  out.push({
    kind: 'figure',
    spec: { type: 'sparklines', rows: views.map((v) => ({ label: v.label, unit: v.unit, target: v.target, sens: v.sens, points: v.points, ok: v.ok, line: v.line })) },
    caption: 'Mesures de chaque indicateur par date ; trait pointillé : cible. ✓ dernière mesure conforme à la cible, ✗ hors cible (au plus : mesure ≤ cible ; au moins : mesure ≥ cible).',
    fallback: {
      kind: 'table',
      columns: [{ label: 'Indicateur' }, { label: 'Cible', align: 'right' }, { label: 'Dernière mesure', align: 'right' }, { label: 'Le' }, { label: 'Écart à la cible', align: 'right' }, { label: 'Mesures', align: 'right' }],
      rows: views.map((v) => {
        const last = v.points[v.points.length - 1];
        const gap = last && v.target !== undefined ? last.value - v.target : undefined;
        return {
          line: v.line,
          kind: v.ok === false ? ('flag' as const) : undefined,
          cells: [
            cell(v.label),
            numCell(v.target === undefined ? '—' : `${v.sens === 'au_moins' ? '≥' : '≤'} ${decimal(v.target, 4)}${u(v)}`),
            numCell(last ? `${decimal(last.value, 4)}${u(v)}` : '—', { tone: v.ok === false ? 'crit' : v.ok ? 'ok' : undefined }),
            cell(dateFr(last?.date)),
            numCell(gap === undefined ? '—' : `${gap > 0 ? '+' : gap < 0 ? '−' : ''}${decimal(Math.abs(gap), 4)}${u(v)}`),
            numCell(String(v.points.length)),
          ],
        };
      }),
    },
    line: src.at('indicateurs'),
  });
  return out;
}
