import { programmeModel } from '../language-service/model/build';
import { riskScale } from '../language-service/model/risks';
import { date, daysBetween, list, num, obj, str, type Obj } from '../language-service/util/data';
import { actorName, type BuildInput } from './context';
import { dateFr } from './format';
import { categoryLabel, enumLabel, strategyLabel } from './labels';
import { cell, heading, num as numCell, para, strong, type Block, type DocModel, type Figure, type Line, type RiskLevel, type Row, type Table } from './model';
import { documentHeader } from './header';

/** Actions whose `statut` says they are done are never overdue. */
const DONE = /^(fait|faite|realise|realisee|termine|terminee|clos|close|solde|soldee)$/i;

/** How many critical risks the register and the programme dossier put forward. */
export const TOP_CRITICAL = 5;

export interface RiskView {
  o: Obj;
  i: number;
  id: string;
  c?: number;
  residual?: number;
  level?: RiskLevel;
  line: Line;
}

/**
 * Class of a criticality on the register's scale: critical from `seuil_critique` (as RSK-004), then
 * élevé from 8, modéré from 4, faible below (the 4 × 4 classes of language-service/catalog/criticality.ts).
 */
export function riskLevel(c: number, seuil: number): RiskLevel {
  if (c >= seuil) return 'critique';
  if (c >= 8) return 'eleve';
  if (c >= 4) return 'modere';
  return 'faible';
}

export const LEVEL_LABEL: Record<RiskLevel, string> = { faible: 'Faible', modere: 'Modéré', eleve: 'Élevé', critique: 'Critique' };

export function riskViews(input: BuildInput): RiskView[] {
  const { data, src } = input.doc;
  const { seuil } = riskScale(data);
  return programmeModel(data).risks.map((r) => {
    const c = r.criticality;
    return { o: r.o, i: r.index, id: r.name, c, residual: r.residual, level: c === undefined ? undefined : riskLevel(c, seuil), line: src.at(...r.path) };
  });
}

/** Critical risks, most critical first (ties by id), at most `n`. */
export function topCritical(views: RiskView[], seuil: number, n = TOP_CRITICAL): RiskView[] {
  return views
    .filter((v) => v.c !== undefined && v.c >= seuil && str(v.o.statut) !== 'clos')
    .sort((a, b) => (b.c as number) - (a.c as number) || a.id.localeCompare(b.id))
    .slice(0, n);
}

function actionText(a: unknown): string {
  return typeof a === 'string' ? a : str(obj(a).libelle) ?? '—';
}

export function heatMap(input: BuildInput, views: RiskView[]): Figure {
  const scale = riskScale(input.doc.data);
  const cells: { id: string; line?: Line }[][][] = Array.from({ length: scale.p }, () => Array.from({ length: scale.i }, () => []));
  const levels: RiskLevel[][] = Array.from({ length: scale.p }, (_, p) => Array.from({ length: scale.i }, (_, i) => riskLevel((p + 1) * (i + 1), scale.seuil)));
  for (const v of views) {
    const p = num(v.o.probabilite);
    const im = num(v.o.impact);
    if (p === undefined || im === undefined || !Number.isInteger(p) || !Number.isInteger(im) || p < 1 || im < 1 || p > scale.p || im > scale.i) continue;
    if (str(v.o.statut) === 'clos') continue;
    cells[p - 1][im - 1].push({ id: v.id, line: v.line });
  }
  const rows: Row[] = [];
  for (let p = scale.p; p >= 1; p--) {
    rows.push({ cells: [cell(`P = ${p}`, { strong: true }), ...cells[p - 1].map((ids, i) => cell(ids.map((x) => x.id).join(', ') || '·', { level: levels[p - 1][i], align: 'center' }))] });
  }
  const fallback: Table = { kind: 'table', columns: [{ label: 'Probabilité / impact' }, ...Array.from({ length: scale.i }, (_, i) => ({ label: `I = ${i + 1}`, align: 'center' as const }))], rows };
  return {
    kind: 'figure',
    spec: { type: 'heatmap', probabilite: scale.p, impact: scale.i, cells, levels },
    caption: `Carte de chaleur probabilité × impact (échelle ${scale.p} × ${scale.i}, risque critique à partir de ${scale.seuil}) ; risques clos exclus.`,
    fallback,
    line: input.doc.src.at('echelle_risques') ?? input.doc.src.at('risques'),
  };
}

function criticalTable(input: BuildInput, top: RiskView[]): Table {
  const prog = input.doc.data;
  return {
    kind: 'table',
    columns: [{ label: 'Risque' }, { label: 'P × I', align: 'right' }, { label: 'Propriétaire' }, { label: 'Stratégie' }, { label: 'Actions' }, { label: 'Résiduel', align: 'right' }],
    rows: top.map((v) => ({
      line: v.line,
      cells: [
        cell(`${v.id} — ${str(v.o.titre) ?? ''}`),
        numCell(String(v.c), { level: v.level }),
        cell(actorName(prog, str(v.o.proprietaire))),
        cell(strategyLabel(str(v.o.strategie)) + (str(v.o.justification) ? ` — ${str(v.o.justification)}` : '')),
        cell(list(v.o.actions).map(actionText).join(' ; ') || '—'),
        numCell(v.residual === undefined ? '—' : String(v.residual)),
      ],
    })),
  };
}

function actionsDue(input: BuildInput, views: RiskView[]): Table {
  const { src } = input.doc;
  const rows: { due: string; row: Row }[] = [];
  for (const v of views) {
    if (str(v.o.statut) === 'clos') continue;
    list(v.o.actions).forEach((a, j) => {
      const o = obj(a);
      const due = date(o.echeance);
      if (!due) return;
      const done = DONE.test(str(o.statut) ?? '');
      const late = !done && due < input.today;
      const soon = !done && !late && daysBetween(input.today, due) <= 30;
      const state = done ? 'Réalisée' : late ? `En retard de ${daysBetween(due, input.today)} j` : soon ? `Dans ${daysBetween(input.today, due)} j` : 'À venir';
      rows.push({
        due,
        row: {
          line: src.at('risques', v.i, 'actions', j),
          kind: late ? 'flag' : undefined,
          cells: [cell(dateFr(due)), cell(actionText(a)), cell(actorName(input.doc.data, str(o.responsable))), cell(v.id), cell(state, { tone: late ? 'crit' : soon ? 'warn' : done ? 'ok' : undefined })],
        },
      });
    });
  }
  rows.sort((a, b) => a.due.localeCompare(b.due));
  return { kind: 'table', columns: [{ label: 'Échéance' }, { label: 'Action' }, { label: 'Responsable' }, { label: 'Risque' }, { label: 'État' }], rows: rows.map((r) => r.row) };
}

function registerTable(input: BuildInput, views: RiskView[]): Table {
  const prog = input.doc.data;
  return {
    kind: 'table',
    columns: [{ label: 'Id' }, { label: 'Risque' }, { label: 'Catégorie' }, { label: 'P', align: 'right' }, { label: 'I', align: 'right' }, { label: 'P × I', align: 'right' }, { label: 'Propriétaire' }, { label: 'Stratégie' }, { label: 'Statut' }, { label: 'Résiduel', align: 'right' }],
    rows: views.map((v) => ({
      line: v.line,
      kind: str(v.o.statut) === 'clos' ? 'muted' : undefined,
      cells: [
        cell(v.id),
        cell([str(v.o.titre), str(v.o.description)].filter(Boolean).join(' — ') || '—'),
        cell(categoryLabel(str(v.o.categorie))),
        numCell(String(num(v.o.probabilite) ?? '—')),
        numCell(String(num(v.o.impact) ?? '—')),
        numCell(v.c === undefined ? '—' : String(v.c), { level: v.level }),
        cell(actorName(prog, str(v.o.proprietaire))),
        cell(strategyLabel(str(v.o.strategie))),
        cell(enumLabel('programme', 'risques.statut', v.o.statut)),
        numCell(v.residual === undefined ? '—' : String(v.residual)),
      ],
    })),
  };
}

/** The risk register: heat map, top critical risks, actions due, full table (docs/deliverables.md). */
export function buildRiskRegister(input: BuildInput): DocModel {
  const { data, src } = input.doc;
  const scale = riskScale(data);
  const views = riskViews(input);
  const top = topCritical(views, scale.seuil);
  const open = views.filter((v) => str(v.o.statut) !== 'clos');
  const byLevel = (l: RiskLevel): number => open.filter((v) => v.level === l).length;
  const blocks: Block[] = [
    para(
      [
        `${views.length} risque(s) au registre, dont ${open.length} non clos : `,
        strong(`${byLevel('critique')} critique(s)`),
        `, ${byLevel('eleve')} élevé(s), ${byLevel('modere')} modéré(s), ${byLevel('faible')} faible(s). Criticité = probabilité × impact sur une échelle ${scale.p} × ${scale.i}${scale.declared ? '' : ' (échelle par défaut : « echelle_risques » non déclarée)'} ; un risque est critique à partir de ${scale.seuil}.`,
      ],
      { line: src.at('echelle_risques') ?? src.at('risques') },
    ),
    heading(2, '1. Carte de chaleur', src.at('echelle_risques')),
    heatMap(input, views),
    heading(2, `2. Risques critiques (${top.length})`),
    top.length ? criticalTable(input, top) : para('Aucun risque non clos n’atteint le seuil de criticité.', { tone: 'note' }),
    heading(2, '3. Actions à échéance'),
    para(`État au ${dateFr(input.today)} : actions des risques non clos ayant une échéance, par date.`, { tone: 'note' }),
    actionsDue(input, views),
    heading(2, '4. Registre complet', src.at('risques')),
    registerTable(input, views),
  ];
  return { ...documentHeader(input, { deliverable: 'risques', title: 'Registre des risques', lines: ['buyer', 'situation'] }), blocks };
}
