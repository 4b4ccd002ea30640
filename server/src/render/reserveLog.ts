import { daysBetween, str } from '../language-service/util/data';
import type { BuildInput } from './context';
import { dateFr } from './format';
import { cell, heading, num as numCell, para, strong, type Block, type DocModel, type Paragraph, type Row, type Table } from './model';
import { receptionView, reserveStatusLabel, type ReceptionView, type ReserveView } from './reception';
import { documentHeader } from './header';

const NO_FIRM = 'Entreprise non renseignée';

export interface FirmLog {
  name: string;
  reserves: ReserveView[];
  lots: string[];
  lifted: number;
  open: number;
  /** Open reserves past their planned lifting date. */
  late: number;
  /** Largest days late among the firm's reserves (open or lifted late). */
  maxLate?: number;
}

/** Reserves by firm (`entreprise` as written), firms in French alphabetical order, the unnamed ones last. */
export function firmLogs(reserves: ReserveView[]): FirmLog[] {
  const byName = new Map<string, ReserveView[]>();
  for (const r of reserves) {
    const name = r.firm ?? NO_FIRM;
    byName.set(name, [...(byName.get(name) ?? []), r]);
  }
  const logs = [...byName].map(([name, rs]): FirmLog => {
    const lates = rs.map((r) => r.daysLate).filter((d): d is number => d !== undefined);
    return {
      name,
      reserves: [...rs].sort((a, b) => (a.planned ?? '9999').localeCompare(b.planned ?? '9999') || a.i - b.i),
      lots: [...new Set(rs.map((r) => r.lot).filter((l): l is string => !!l))],
      lifted: rs.filter((r) => !r.open).length,
      open: rs.filter((r) => r.open).length,
      late: rs.filter((r) => r.overdue).length,
      maxLate: lates.length ? Math.max(...lates) : undefined,
    };
  });
  return logs.sort((a, b) => Number(a.name === NO_FIRM) - Number(b.name === NO_FIRM) || a.name.localeCompare(b.name, 'fr'));
}

function gpaSentence(view: ReceptionView, today: string): Paragraph {
  if (!view.gpaEnd || !view.reception) return para('Date de réception non renseignée : la fin de la garantie de parfait achèvement ne peut pas être calculée.', { tone: 'warning' });
  const open = view.reserves.filter((r) => r.open).length;
  if (today <= view.gpaEnd) {
    return para([`Garantie de parfait achèvement : du ${dateFr(view.reception)} au `, strong(dateFr(view.gpaEnd)), ` (réception + 1 an, C. civ. art. 1792-6) ; encore ${daysBetween(today, view.gpaEnd)} jour(s) au ${dateFr(today)}.`], { tone: 'note' });
  }
  return para(
    [`La garantie de parfait achèvement a pris fin le `, strong(dateFr(view.gpaEnd)), ` (réception du ${dateFr(view.reception)} + 1 an, il y a ${daysBetween(view.gpaEnd, today)} jour(s))`, open ? ` : ${open > 1 ? `${open} réserves restent ouvertes` : '1 réserve reste ouverte'}.` : '.'],
    { tone: open ? 'warning' : 'note' },
  );
}

function lateCell(r: ReserveView): Row['cells'][number] {
  if (r.daysLate === undefined) return numCell('—');
  return numCell(`${r.daysLate} j`, { tone: r.overdue ? 'crit' : 'warn' });
}

function summaryTable(logs: FirmLog[], all: ReserveView[]): Table {
  const maxes = logs.map((l) => l.maxLate).filter((d): d is number => d !== undefined);
  return {
    kind: 'table',
    columns: [{ label: 'Entreprise' }, { label: 'Lot(s)' }, { label: 'Réserves', align: 'right' }, { label: 'Levées', align: 'right' }, { label: 'Non levées', align: 'right' }, { label: 'En retard', align: 'right' }, { label: 'Retard max.', align: 'right' }],
    rows: [
      ...logs.map(
        (l): Row => ({
          kind: l.late ? 'flag' : undefined,
          line: l.reserves[0]?.line,
          cells: [cell(l.name), cell(l.lots.join(', ') || '—'), numCell(String(l.reserves.length)), numCell(String(l.lifted)), numCell(String(l.open)), numCell(String(l.late), { tone: l.late ? 'crit' : undefined }), numCell(l.maxLate === undefined ? '—' : `${l.maxLate} j`)],
        }),
      ),
      {
        kind: 'total',
        cells: [cell('Total'), cell(''), numCell(String(all.length)), numCell(String(all.filter((r) => !r.open).length)), numCell(String(all.filter((r) => r.open).length)), numCell(String(all.filter((r) => r.overdue).length)), numCell(maxes.length ? `${Math.max(...maxes)} j` : '—')],
      },
    ],
    caption: 'En retard : réserve non levée dont la date de levée prévue est dépassée. Retard : jours calendaires entre la date de levée prévue et la levée, ou la date du jour pour une réserve non levée.',
  };
}

function firmTable(l: FirmLog): Table {
  return {
    kind: 'table',
    columns: [{ label: 'Réserve' }, { label: 'Lot' }, { label: 'Localisation — description' }, { label: 'Constatée le' }, { label: 'Levée prévue le' }, { label: 'Levée le' }, { label: 'Statut' }, { label: 'Retard', align: 'right' }],
    rows: l.reserves.map((r) => ({
      line: r.line,
      kind: r.overdue ? 'flag' : undefined,
      cells: [
        cell(r.id),
        cell(r.lot ?? '—'),
        cell([str(r.o.localisation), str(r.o.description)].filter(Boolean).join(' — ') || '—'),
        cell(dateFr(r.constat)),
        cell(dateFr(r.planned)),
        cell(dateFr(r.lifted)),
        cell(reserveStatusLabel(r.status), { tone: r.open ? (r.overdue ? 'crit' : undefined) : 'ok' }),
        lateCell(r),
      ],
    })),
  };
}

/** Journal de levée des réserves par entreprise: counts, then each firm's reserves, overdue ones highlighted. */
export function buildReserveLog(input: BuildInput): DocModel {
  const { src } = input.doc;
  const view = receptionView(input);
  const logs = firmLogs(view.reserves);
  const all = view.reserves;
  const open = all.filter((r) => r.open).length;
  const overdue = all.filter((r) => r.overdue).length;
  const named = logs.filter((l) => l.name !== NO_FIRM).length;
  const unnamed = all.filter((r) => !r.firm).length;
  const blocks: Block[] = [
    para(
      [`${all.length} réserve(s) enregistrée(s) pour ${named} entreprise(s)${unnamed ? ` (dont ${unnamed} sans entreprise désignée)` : ''} : ${all.length - open} levée(s), `, strong(`${open} non levée(s)`), overdue ? ', dont ' : '', overdue ? strong(`${overdue} en retard`) : '', ` au ${dateFr(input.today)}.`],
      { line: src.at('reception', 'reserves') ?? src.at('reception') },
    ),
  ];
  blocks.push({ ...gpaSentence(view, input.today), line: src.at('reception', 'date_reception') });
  blocks.push(heading(2, '1. Synthèse par entreprise', src.at('reception', 'reserves')));
  if (!all.length) {
    blocks.push(para('Aucune réserve enregistrée.'));
  } else {
    blocks.push(summaryTable(logs, all), heading(2, '2. Réserves par entreprise'));
    for (const l of logs) {
      blocks.push(heading(3, `${l.name} — ${l.reserves.length} réserve(s), ${l.open} non levée(s)${l.late ? `, ${l.late} en retard` : ''}`, l.reserves[0]?.line), firmTable(l));
    }
  }
  const header = documentHeader(input, {
    deliverable: 'reserves',
    title: 'Journal de levée des réserves',
    lines: ['operation', { label: 'Réception', value: view.reception ? dateFr(view.reception) : '—' }, { label: 'Fin de la GPA', value: view.gpaEnd ? dateFr(view.gpaEnd) : '—' }, 'situation'],
    omitUnknown: true,
  });
  return { ...header, blocks };
}
