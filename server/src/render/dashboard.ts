/**
 * Tableau de bord de suivi (programme): milestones planned vs actual, deliverables by status, risk
 * trend, indicators. Every figure is computed here from the document and `today` (calendar days with
 * util/data daysBetween), and stated in a caption or a note where the reader cannot guess it.
 */
import { programmeModel } from '../language-service/model/build';
import { date, daysBetween, list, obj, str, type Obj } from '../language-service/util/data';
import { signedDays } from './charts';
import { actorName, type BuildInput } from './context';
import { dateFr, decimal } from './format';
import { enumLabel, phaseLabel } from './labels';
import { indicatorBlocks, indicatorViews, riskBlocks, riskTrend } from './dashboardTrends';
import { cell, heading, num as numCell, para, type Block, type DocModel, type Figure, type FollowUpStatus, type Line, type Row, type Table, type TimelineSpec } from './model';
import { documentHeader } from './header';

export const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ['attendu', 'recu', 'en_revue', 'valide', 'refuse'];

/**
 * True when a programme carries follow-up data: a deliverable with a status, a receipt date or a
 * review, a milestone with an actual date, a risk with a history, or an indicator. Only then is the
 * dashboard offered.
 */
export function hasFollowUp(data: Obj): boolean {
  const m = programmeModel(data);
  for (const p of m.phases) {
    if (p.livrables.some(({ o: l }) => l.statut !== undefined || l.date_reception !== undefined || list(l.revues).length > 0)) return true;
    if (p.jalons.some(({ o: j }) => j.date_reelle !== undefined)) return true;
  }
  return m.risks.some(({ o: r }) => list(r.historique).length > 0) || m.indicators.length > 0;
}

function phaseName(o: Obj): string {
  return str(o.code) ?? str(o.libelle) ?? phaseLabel(str(o.code)) ?? str(o.id) ?? '—';
}

// ---------------------------------------------------------------- milestones

export interface MilestoneView {
  label: string;
  phase: string;
  planned?: string;
  actual?: string;
  slip?: number;
  state: TimelineSpec['rows'][number]['state'];
  line: Line;
}

/**
 * Milestones by planned date. Achieved: slip = actual − planned. Not achieved and past its planned
 * date: overdue by today − planned, but only once milestones are tracked (one `date_reelle` in the
 * file); before that a past milestone is simply "not filled in".
 */
export function milestoneViews(input: BuildInput): { views: MilestoneView[]; tracked: boolean } {
  const { data, src } = input.doc;
  const views: MilestoneView[] = [];
  const { phases, milestones } = programmeModel(data);
  const tracked = milestones.some((j) => j.dateReelle);
  for (const p of phases) {
    for (const j of p.jalons) {
      const planned = j.date;
      const actual = j.dateReelle;
      let slip: number | undefined;
      let state: MilestoneView['state'] = 'pending';
      if (planned && actual) {
        slip = daysBetween(planned, actual);
        state = slip > 0 ? 'late' : slip < 0 ? 'early' : 'on_time';
      } else if (planned && tracked && planned < input.today) {
        slip = daysBetween(planned, input.today);
        state = 'overdue';
      }
      views.push({ label: j.libelle ?? j.id ?? '—', phase: phaseName(p.o), planned, actual, slip, state, line: src.at(...j.path) });
    }
  }
  views.sort((a, b) => (a.planned ?? a.actual ?? '9999').localeCompare(b.planned ?? b.actual ?? '9999'));
  return { views, tracked };
}

function milestoneState(m: MilestoneView, today: string): { text: string; tone?: Row['cells'][number]['tone'] } {
  switch (m.state) {
    case 'on_time':
      return { text: 'Atteint à la date prévue', tone: 'ok' };
    case 'early':
      return { text: `Atteint avec ${-(m.slip as number)} j d’avance`, tone: 'ok' };
    case 'late':
      return { text: `Atteint avec ${m.slip} j de retard`, tone: 'warn' };
    case 'overdue':
      return { text: `Non atteint : ${m.slip} j de retard`, tone: 'crit' };
    default:
      if (m.actual) return { text: 'Atteint (date prévue non renseignée)' };
      if (m.planned && m.planned >= today) return { text: `À venir (dans ${daysBetween(today, m.planned)} j)` };
      return { text: 'Date réelle non renseignée', tone: 'muted' };
  }
}

function milestoneBlocks(input: BuildInput): Block[] {
  const { src } = input.doc;
  const { views, tracked } = milestoneViews(input);
  const out: Block[] = [heading(2, '2. Jalons : prévu et réel', src.at('phases'))];
  if (!views.length) return [...out, para('Aucun jalon dans les phases (« phases[].jalons »).', { tone: 'note' })];
  const drawn = views.filter((v) => v.planned);
  if (drawn.length) {
    const dates = drawn.flatMap((v) => [v.planned as string, ...(v.actual ? [v.actual] : [])]);
    if (drawn.some((v) => v.state === 'overdue')) dates.push(input.today);
    dates.sort();
    const from = dates[0];
    const to = dates[dates.length - 1] > from ? dates[dates.length - 1] : from;
    const slipped = drawn.filter((v) => v.slip !== undefined && v.slip !== 0).sort((a, b) => (b.slip as number) - (a.slip as number));
    const fallback: Table = {
      kind: 'table',
      columns: [{ label: 'Jalon' }, { label: 'Phase' }, { label: 'Écart', align: 'right' }],
      rows: slipped.map((v) => ({ line: v.line, kind: v.state === 'overdue' ? 'flag' : undefined, cells: [cell(v.label), cell(v.phase), numCell(signedDays(v.slip as number), { tone: (v.slip as number) > 0 ? 'crit' : 'ok' })] })),
      caption: slipped.length ? 'Jalons ayant glissé, du plus grand retard à la plus grande avance.' : 'Aucun glissement.',
    };
    const figure: Figure = {
      kind: 'figure',
      spec: { type: 'timeline', from, to, rows: drawn.map((v) => ({ label: v.phase === '—' ? v.label : `${v.phase} — ${v.label}`, planned: v.planned as string, actual: v.actual, slip: v.slip, state: v.state, line: v.line })) },
      caption: `Jalons du ${dateFr(from)} au ${dateFr(to)} : ◇ date prévue, ◆ date réelle, barre : glissement (en pointillé jusqu’au ${dateFr(input.today)} pour un jalon non atteint).`,
      fallback,
      line: src.at('phases'),
    };
    out.push(figure);
  }
  out.push({
    kind: 'table',
    columns: [{ label: 'Phase' }, { label: 'Jalon' }, { label: 'Prévu' }, { label: 'Réel' }, { label: 'Écart', align: 'right' }, { label: 'État' }],
    rows: views.map((v) => {
      const s = milestoneState(v, input.today);
      return {
        line: v.line,
        kind: v.state === 'overdue' ? 'flag' : undefined,
        cells: [cell(v.phase), cell(v.label), cell(dateFr(v.planned)), cell(dateFr(v.actual)), numCell(v.slip === undefined ? '—' : signedDays(v.slip)), cell(s.text, { tone: s.tone })],
      };
    }),
    caption: `Écart en jours calendaires : date réelle − date prévue${tracked ? `, ou ${dateFr(input.today)} − date prévue pour un jalon dépassé non atteint` : ''}.`,
  });
  return out;
}

// ---------------------------------------------------------------- deliverables

export interface DeliverableView {
  o: Obj;
  label: string;
  phase: string;
  status: FollowUpStatus;
  due?: string;
  received?: string;
  /** Days past `echeance` for a deliverable not received (only when follow-up is active). */
  late?: number;
  lastReview?: Obj;
  line: Line;
}

/** The latest review by date (the last written among those of the same date). */
export function lastReview(l: Obj): Obj | undefined {
  let best: Obj | undefined;
  for (const r of list(l.revues).map(obj)) {
    const d = date(r.date);
    if (d && (!best || d >= (date(best.date) as string))) best = r;
  }
  return best;
}

/**
 * Deliverables with their status. Follow-up is active once one deliverable has a `statut`; then a
 * deliverable without one counts as `attendu`, and one that is `attendu`, not received and past its
 * `echeance` is late by today − echeance (as SUI-001).
 */
export function deliverableViews(input: BuildInput): { views: DeliverableView[]; active: boolean } {
  const { data, src } = input.doc;
  const { phases, deliverables } = programmeModel(data);
  // Any written `statut` starts the follow-up here, a non-text one too (the schema reports it).
  const active = deliverables.some(({ o: l }) => l.statut !== undefined);
  const views: DeliverableView[] = [];
  for (const p of phases) {
    for (const d of p.livrables) {
      const l = d.o;
      const s = str(l.statut);
      const status: FollowUpStatus = s && (FOLLOW_UP_STATUSES as readonly string[]).includes(s) ? (s as FollowUpStatus) : 'attendu';
      const due = date(l.echeance);
      const received = date(l.date_reception);
      const late = active && status === 'attendu' && !received && due && due < input.today ? daysBetween(due, input.today) : undefined;
      views.push({ o: l, label: d.libelle ?? d.id ?? '—', phase: phaseName(p.o), status, due, received, late, lastReview: lastReview(l), line: src.at(...d.path) });
    }
  }
  return { views, active };
}

export function statusLabel(s: FollowUpStatus): string {
  return enumLabel('programme', '#livrable.statut', s);
}

function reviewText(data: Obj, r: Obj | undefined): string {
  if (!r) return '—';
  const who = str(r.relecteur);
  return `${dateFr(date(r.date))} — ${enumLabel('programme', '#revue.avis', r.avis)}${who ? ` (${actorName(data, who)})` : ''}`;
}

const STATUS_TONE: Partial<Record<FollowUpStatus, Row['cells'][number]['tone']>> = { valide: 'ok', refuse: 'crit', en_revue: 'warn' };

function deliverableBlocks(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const { views, active } = deliverableViews(input);
  const out: Block[] = [heading(2, '3. Livrables', src.at('phases'))];
  if (!views.length) return [...out, para('Aucun livrable dans les phases (« phases[].livrables »).', { tone: 'note' })];
  const counts = FOLLOW_UP_STATUSES.map((key) => ({ key, label: statusLabel(key), value: views.filter((v) => v.status === key).length }));
  out.push(heading(3, '3.1 Livrables par statut'));
  if (!active) out.push(para('Aucun livrable ne porte de statut : le suivi des livrables n’a pas commencé, tous comptent comme attendus et aucun n’est compté en retard.', { tone: 'note' }));
  out.push({
    kind: 'figure',
    spec: { type: 'stackedbar', segments: counts },
    caption: `${views.length} livrable(s) par statut ; un livrable sans statut compte comme attendu.`,
    fallback: {
      kind: 'table',
      columns: [{ label: 'Statut' }, { label: 'Livrables', align: 'right' }, { label: 'Part', align: 'right' }],
      rows: [...counts.map((c) => ({ cells: [cell(c.label), numCell(String(c.value)), numCell(`${decimal((c.value / views.length) * 100, 1)} %`)] })), { kind: 'total' as const, cells: [cell('Total'), numCell(String(views.length)), numCell('100 %')] }],
    },
  });
  const late = views.filter((v) => v.late !== undefined).sort((a, b) => (b.late as number) - (a.late as number));
  out.push(heading(3, `3.2 Livrables en retard (${late.length})`));
  if (late.length) {
    out.push({
      kind: 'table',
      columns: [{ label: 'Livrable' }, { label: 'Phase' }, { label: 'Émetteur' }, { label: 'Échéance' }, { label: 'Retard', align: 'right' }, { label: 'Dernière revue' }],
      rows: late.map((v) => ({ line: v.line, kind: 'flag' as const, cells: [cell(v.label), cell(v.phase), cell(actorName(data, str(v.o.emetteur))), cell(dateFr(v.due)), numCell(`${v.late} j`, { tone: 'crit' }), cell(reviewText(data, v.lastReview))] })),
      caption: `Livrables attendus, non reçus, dont l’échéance est passée au ${dateFr(input.today)} ; retard en jours calendaires depuis l’échéance.`,
    });
  } else {
    out.push(para(active ? `Aucun livrable en retard au ${dateFr(input.today)}.` : 'Sans objet tant que le suivi des livrables n’a pas commencé.', { tone: 'note' }));
  }
  out.push(heading(3, '3.3 Tous les livrables'), {
    kind: 'table',
    columns: [{ label: 'Livrable' }, { label: 'Phase' }, { label: 'Émetteur' }, { label: 'Échéance' }, { label: 'Reçu le' }, { label: 'Statut' }, { label: 'Dernière revue' }],
    rows: [...views]
      .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'))
      .map((v) => ({
        line: v.line,
        kind: v.late !== undefined ? ('flag' as const) : undefined,
        cells: [cell(v.label), cell(v.phase), cell(actorName(data, str(v.o.emetteur))), cell(dateFr(v.due)), cell(dateFr(v.received)), cell(statusLabel(v.status) + (v.late !== undefined ? ` (${v.late} j de retard)` : ''), { tone: v.late !== undefined ? 'crit' : STATUS_TONE[v.status] }), cell(reviewText(data, v.lastReview))],
      })),
  });
  return out;
}

// ---------------------------------------------------------------- synthesis

function synthesis(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const { views: ms } = milestoneViews(input);
  const { views: ds, active } = deliverableViews(input);
  const points = riskTrend(input);
  const now = points[points.length - 1];
  const ind = indicatorViews(input);
  const achieved = ms.filter((m) => m.actual);
  const items_: { label: string; value: string; line?: Line }[] = [
    { label: 'Jalons', value: ms.length ? `${achieved.length} atteint(s) sur ${ms.length}, dont ${achieved.filter((m) => m.state === 'late').length} en retard ; ${ms.filter((m) => m.state === 'overdue').length} non atteint(s) en retard` : '—', line: src.at('phases') },
    { label: 'Livrables', value: ds.length ? `${ds.length}, dont ${ds.filter((d) => d.status === 'valide').length} validé(s) et ${ds.filter((d) => d.late !== undefined).length} en retard${active ? '' : ' (suivi non commencé)'}` : '—', line: src.at('phases') },
    { label: 'Risques', value: programmeModel(data).risks.length ? `${now.open} non clos, dont ${now.critical} critique(s)` : '—', line: src.at('risques') },
    { label: 'Indicateurs', value: ind.length ? `${ind.length}, dont ${ind.filter((v) => v.ok === false).length} hors cible` : '—', line: src.at('indicateurs') },
  ];
  return [heading(2, '1. Synthèse'), { kind: 'facts', items: items_.filter((x) => x.value !== '—') }];
}

/** Tableau de bord de suivi of a programme (docs/deliverables.md). */
export function buildDashboard(input: BuildInput): DocModel {
  return {
    ...documentHeader(input, { deliverable: 'suivi', title: 'Tableau de bord de suivi', lines: ['buyer', 'situation'] }),
    blocks: [...synthesis(input), ...milestoneBlocks(input), ...deliverableBlocks(input), ...riskBlocks(input), ...indicatorBlocks(input)],
  };
}
