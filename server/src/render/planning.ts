import { addDays, date, daysBetween, str } from '../language-service/util/data';
import { programmeModel } from '../language-service/model/build';
import { orDash, type BuildInput } from './context';
import { dateFr, decimal } from './format';
import { phaseLabel } from './labels';
import { cell, heading, num as numCell, para, type Block, type DocModel, type Figure, type GanttItem, type Row, type Table } from './model';
import { consultationMilestones, plannedOk, programmeMilestones, type LegalMilestone } from './milestones';
import { documentHeader } from './header';

function ganttRows(input: BuildInput): GanttItem[] {
  const { data, src } = input.doc;
  const rows: GanttItem[] = [];
  for (const p of programmeModel(data).phases) {
    const start = p.debut;
    const end = p.fin;
    if (!start || !end || end < start) continue;
    const marks: GanttItem['marks'] = [];
    for (const l of p.livrables) {
      const d = date(l.o.echeance);
      if (d) marks.push({ date: d, label: l.libelle ?? l.id ?? '', kind: 'livrable', line: src.at(...l.path) });
    }
    for (const m of p.jalons) {
      if (m.date) marks.push({ date: m.date, label: m.libelle ?? m.id ?? '', kind: 'jalon', line: src.at(...m.path) });
    }
    rows.push({ label: p.libelle ?? phaseLabel(str(p.o.code)) ?? p.id ?? '', code: str(p.o.code), start, end, line: src.at(...p.path), marks });
  }
  return rows;
}

/** At most this many period columns in the table that stands for the Gantt (DOCX): quarters, else years, else groups of years. */
const MAX_PERIODS = 40;

/** The columns of the Gantt's table: quarters over 10 years at most, else years, else groups of years (any span stays 40 columns at most). */
function periods(from: string, to: string): { label: string; start: string; end: string }[] {
  const fy = +from.slice(0, 4);
  const ty = +to.slice(0, 4);
  const out: { label: string; start: string; end: string }[] = [];
  const pad = (y: number): string => String(y).padStart(4, '0');
  if ((ty - fy + 1) * 4 <= MAX_PERIODS) {
    let y = fy;
    let q = Math.floor((+from.slice(5, 7) - 1) / 3);
    for (;;) {
      const start = `${pad(y)}-${String(q * 3 + 1).padStart(2, '0')}-01`;
      if (start > to) break;
      const next = q === 3 ? `${pad(y + 1)}-01-01` : `${pad(y)}-${String(q * 3 + 4).padStart(2, '0')}-01`;
      out.push({ label: `T${q + 1} ${String(y).slice(2)}`, start, end: addDays(next, -1) });
      if (++q === 4) {
        q = 0;
        y++;
      }
    }
    return out;
  }
  const years = Math.max(1, Math.ceil((ty - fy + 1) / MAX_PERIODS));
  for (let y = fy; y <= ty; y += years) {
    const last = Math.min(ty, y + years - 1);
    out.push({ label: years === 1 ? String(y) : `${y}–${last}`, start: `${pad(y)}-01-01`, end: `${pad(last)}-12-31` });
  }
  return out;
}

/** Period columns of the table that stands for the Gantt chart in DOCX. */
function quarterTable(rows: GanttItem[], from: string, to: string): Table {
  const quarters = periods(from, to);
  return {
    kind: 'table',
    columns: [{ label: 'Phase' }, ...quarters.map((x) => ({ label: x.label, align: 'center' as const }))],
    rows: rows.map((r) => ({
      line: r.line,
      cells: [
        cell(r.code ? `${r.code} — ${r.label}` : r.label),
        ...quarters.map((x) => {
          const active = r.start <= x.end && r.end >= x.start;
          const jalon = r.marks.some((m) => m.kind === 'jalon' && m.date >= x.start && m.date <= x.end);
          return cell(jalon ? '◆' : active ? '■' : '', { align: 'center', tone: active ? 'info' : undefined });
        }),
      ],
    })),
    caption: `■ phase en cours pendant ${quarters.length && quarters[0].label.startsWith('T') ? 'le trimestre' : 'la période'} ; ◆ jalon.`,
  };
}

function gantt(input: BuildInput, rows: GanttItem[], milestones: LegalMilestone[]): Figure | undefined {
  if (!rows.length) return undefined;
  let from = rows[0].start;
  let to = rows[0].end;
  for (const r of rows) {
    if (r.start < from) from = r.start;
    if (r.end > to) to = r.end;
    for (const m of r.marks) {
      if (m.date < from) from = m.date;
      if (m.date > to) to = m.date;
    }
  }
  const drawn = milestones.filter((m) => m.chart !== false && m.date >= from);
  for (const m of drawn) if (m.date > to) to = m.date;
  return {
    kind: 'figure',
    spec: { type: 'gantt', from, to, rows, milestones: drawn.map((m) => ({ date: m.date, label: m.label })) },
    caption: `Diagramme de Gantt du ${dateFr(from)} au ${dateFr(to)} : barres des phases, ◆ jalons, ▲ livrables ; traits pointillés : jalons légaux calculés.`,
    fallback: quarterTable(rows, from, to),
    line: input.doc.src.at('phases'),
  };
}

function detailTable(input: BuildInput): Table {
  const { data, src } = input.doc;
  const rows: Row[] = [];
  for (const p of programmeModel(data).phases) {
    const { o } = p;
    const d = p.debut;
    const f = p.fin;
    rows.push({ line: src.at(...p.path), cells: [cell(orDash(o.code), { strong: true }), cell(p.libelle ?? phaseLabel(str(o.code)) ?? '—', { strong: true }), cell(dateFr(d)), cell(dateFr(f)), numCell(d && f ? `${decimal((daysBetween(d, f) + 1) / 7, 1)} sem.` : '—')] });
    const marks = [
      ...p.livrables.map((l) => ({ d: date(l.o.echeance), row: { kind: 'sub' as const, line: src.at(...l.path), cells: [cell('▲', { align: 'center' }), cell(orDash(l.o.libelle)), cell(dateFr(date(l.o.echeance))), cell(''), cell('')] } })),
      ...p.jalons.map((m) => ({ d: m.date, row: { kind: 'sub' as const, line: src.at(...m.path), cells: [cell('◆', { align: 'center' }), cell(orDash(m.o.libelle)), cell(dateFr(m.date)), cell(''), cell('')] } })),
    ];
    marks.sort((a, b) => (a.d ?? '').localeCompare(b.d ?? ''));
    rows.push(...marks.map((m) => m.row));
  }
  return { kind: 'table', columns: [{ label: 'Code' }, { label: 'Phase, livrable ou jalon' }, { label: 'Début / date' }, { label: 'Fin' }, { label: 'Durée', align: 'right' }], rows, caption: '▲ livrable ; ◆ jalon. Durée en semaines calendaires, bornes incluses.' };
}

function milestoneTable(milestones: LegalMilestone[]): Table {
  return {
    kind: 'table',
    columns: [{ label: 'Jalon légal' }, { label: 'Date', align: 'right' }, { label: 'Calcul' }, { label: 'Fondement' }, { label: 'Prévu au dossier' }],
    rows: milestones.map((m) => {
      const ok = plannedOk(m);
      return {
        line: m.line,
        kind: ok === false ? 'flag' : undefined,
        cells: [
          cell(m.label + (m.conf === 'U' ? ' [repère]' : '')),
          numCell(dateFr(m.date), { strong: true }),
          cell(m.how),
          cell(m.basis),
          cell(m.planned ? `${dateFr(m.planned)}${ok === false ? ' — à revoir' : ok ? ' — conforme' : ''}` : '—', { tone: ok === false ? 'crit' : ok ? 'ok' : undefined }),
        ],
      };
    }),
  };
}

/** The planning: Gantt of phases, deliverables and milestones, and the computed legal milestones. */
export function buildPlanning(input: BuildInput): DocModel {
  const { src } = input.doc;
  const rows = ganttRows(input);
  const milestones = [...programmeMilestones(input.doc, input.consultations), ...(input.consultations ?? []).flatMap(consultationMilestones)].sort((a, b) => a.date.localeCompare(b.date));
  const figure = gantt(input, rows, milestones);
  const blocks: Block[] = [
    heading(2, '1. Diagramme de Gantt', src.at('phases')),
    figure ?? para('Aucune phase datée : renseignez « debut » et « fin » des phases.', { tone: 'warning' }),
    heading(2, '2. Phases, livrables et jalons'),
    detailTable(input),
    heading(2, '3. Jalons légaux calculés'),
    para(
      (input.consultations ?? []).length
        ? `Calculés à partir du programme et de ${input.consultations?.length} consultation(s) qui s’y rattachent ; délais en jours calendaires.`
        : 'Calculés à partir du programme (aucune consultation rattachée trouvée) ; délais en jours calendaires.',
      { tone: 'note' },
    ),
    milestones.length ? milestoneTable(milestones) : para('Aucun jalon légal calculable : renseignez la date d’affichage du permis et un jalon de réception.', { tone: 'note' }),
  ];
  return { ...documentHeader(input, { deliverable: 'planning', title: 'Planning de l’opération', lines: ['buyer', 'situation'] }), blocks };
}
