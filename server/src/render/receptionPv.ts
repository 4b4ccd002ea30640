import { consultationModel, programmeModel } from '../language-service/model/build';
import { obj, str, type Obj } from '../language-service/util/data';
import type { BuildInput } from './context';
import { amount, dateFr } from './format';
import { enumLabel } from './labels';
import { cell, heading, para, strong, type Block, type DocModel, type Facts, type Row, type Table } from './model';
import { lotTitle, markets, receptionView, type MarketView, type ReceptionView, type ReserveView } from './reception';
import { dateWords, plural } from './typography';
import { documentHeader } from './header';

/** Lower case, accents and punctuation dropped: "Maître d'œuvre" → "maitre d oeuvre". */
function norm(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export const MOA_ROLE = /^(moa|maitre (d )?ouvrage|maitrise (d )?ouvrage)\b/;
export const MOE_ROLE = /^(moe|maitre (d )?oeuvre|maitrise (d )?oeuvre)\b/;

/** The first programme party whose free-text role matches, as "Nom (Organisme)". */
export function party(programme: Obj | undefined, role: RegExp): string | undefined {
  const a = (programme ? programmeModel(programme).actors : []).find((x) => role.test(norm(x.role ?? '')));
  if (!a) return undefined;
  const nom = a.nom;
  const org = a.organisme;
  return nom && org ? `${nom} (${org})` : nom ?? org;
}

export function facts(rows: [string, string | undefined, number | undefined][]): Facts {
  return { kind: 'facts', items: rows.filter(([, v]) => v !== undefined && v !== '—' && v !== '').map(([label, value, line]) => ({ label, value: value as string, line })) };
}

/** Reserves grouped by lot: the consultation's lots first (file order), then unknown lot ids, then reserves without lot. */
export function reservesByLot(data: Obj, reserves: ReserveView[]): { lot?: string; reserves: ReserveView[] }[] {
  const order = [...consultationModel(data).lots.map((l) => l.id), ...reserves.map((r) => r.lot)];
  const seen = new Set<string | undefined>();
  const out: { lot?: string; reserves: ReserveView[] }[] = [];
  for (const id of [...order.filter((x) => x !== undefined), undefined]) {
    if (seen.has(id)) continue;
    seen.add(id);
    const mine = reserves.filter((r) => r.lot === id);
    if (mine.length) out.push({ lot: id, reserves: mine });
  }
  return out;
}

/** "Lot LOT-02 — Gros œuvre", or the consultation's object when it has no lots. */
function marketTitle(data: Obj, m: MarketView): string {
  return m.lot ? lotTitle(data, m.lot) : str(data.objet) ?? 'Marché';
}

/** The date of the PV: the end of the OPR (the last reserve noted before the reception), never later than the reception. */
export function oprActDate(view: ReceptionView): string | undefined {
  const dates = view.reserves.filter((r) => !r.duringGpa && r.constat).map((r) => r.constat as string);
  if (view.opr) dates.push(view.opr);
  const last = dates.sort().pop();
  return last && view.reception && last > view.reception ? view.reception : last;
}

/** The reserves an act dated `at` can show: noted at the latest that day, none reported during the GPA. */
export function reservesAt(view: ReceptionView, at: string | undefined): ReserveView[] {
  return view.reserves.filter((r) => !r.duringGpa && (!at || !r.constat || r.constat <= at));
}

/** "LOT-02 : titulaire déduit du classement…" when a holder is not declared. */
export function inferredHolderNote(ms: MarketView[], src: { at(...p: (string | number)[]): number | undefined }): Block | undefined {
  const inferred = ms.filter((m) => !m.declared && m.titulaire);
  const missing = ms.filter((m) => !m.titulaire);
  if (!inferred.length && !missing.length) return undefined;
  const parts: string[] = [];
  if (inferred.length) parts.push(`titulaire non déclaré pour ${inferred.map((m) => m.lot ?? 'le marché').join(', ')} : le nom repris est celui du candidat classé premier au rapport d’analyse des offres, à vérifier sur le marché signé`);
  if (missing.length) parts.push(`aucun titulaire connu pour ${missing.map((m) => m.lot ?? 'le marché').join(', ')}`);
  return para(`À compléter avant signature\u00a0: ${parts.join(' ; ')} (« reception.marches[].titulaire »).`, { tone: 'warning', line: src.at('reception') });
}

export function marketsTable(data: Obj, ms: MarketView[], extra?: { label: string; value: (m: MarketView) => string }): Table {
  return {
    kind: 'table',
    columns: [{ label: 'Lot' }, { label: 'Marché n°' }, { label: 'Titulaire' }, { label: 'Notifié le' }, { label: 'Montant HT', align: 'right' }, ...(extra ? [{ label: extra.label }] : [])],
    rows: ms.map((m) => ({
      line: m.line,
      cells: [
        cell(m.lot ? lotTitle(data, m.lot).replace(/^Lot /, '') : 'Marché unique'),
        cell(m.numero ?? 'à compléter', { tone: m.numero ? undefined : 'muted' }),
        cell(m.titulaire ? `${m.titulaire}${m.declared ? '' : ' (non déclaré)'}` : 'à compléter', { tone: m.declared ? undefined : 'warn' }),
        cell(m.notification ? dateFr(m.notification) : '—'),
        cell(m.montant === undefined ? '—' : amount(m.montant), { align: 'right' }),
        ...(extra ? [cell(extra.value(m))] : []),
      ],
    })),
  };
}

function partiesBlocks(input: BuildInput, ms: MarketView[], n: number): Block[] {
  const { data, src } = input.doc;
  const prog = input.programme?.data;
  const op = obj(prog?.operation);
  const out: Block[] = [
    heading(2, `${n}. Opération et marchés`, src.at('objet')),
    facts([
      ['Opération', str(op.intitule), undefined],
      ['Maître d’ouvrage', str(op.maitre_ouvrage) ?? party(prog, MOA_ROLE), undefined],
      ['Maître d’œuvre', party(prog, MOE_ROLE), undefined],
      ['Objet de la consultation', str(data.objet), src.at('objet')],
      ['Consultation', str(data.id), src.at('id')],
      ['Procédure', obj(data.procedure).type === undefined ? undefined : enumLabel('consultation', 'procedure.type', obj(data.procedure).type), src.at('procedure')],
    ]),
  ];
  if (!prog) out.push(para('Programme de l’opération non lu : l’opération et les intervenants ne sont pas repris (clé « programme »).', { tone: 'note', line: src.at('programme') }));
  out.push(marketsTable(data, ms));
  const note = inferredHolderNote(ms, src);
  if (note) out.push(note);
  return out;
}

function reserveRowAt(r: ReserveView): Row {
  return { line: r.line, cells: [cell(r.id), cell(str(r.o.localisation) ?? '—'), cell(str(r.o.description) ?? '—'), cell(dateFr(r.constat)), cell(r.planned ? dateFr(r.planned) : 'à fixer')] };
}

/** The reserves of a lot as an act shows them: no lifting, no later event. */
export function reservesTable(rs: ReserveView[]): Table {
  return {
    kind: 'table',
    columns: [{ label: 'N°' }, { label: 'Localisation' }, { label: 'Description' }, { label: 'Constatée le' }, { label: 'À lever avant le' }],
    rows: rs.map(reserveRowAt),
  };
}

/** Procès-verbal des opérations préalables à la réception (CCAG-Travaux 2021 art. 41.2): by the maître d'œuvre, with each titulaire. */
export function buildReceptionPv(input: BuildInput): DocModel {
  const { data, src } = input.doc;
  const view = receptionView(input);
  const ms = markets(input, view);
  const at = oprActDate(view);
  const shown = reservesAt(view, at);
  const blocks: Block[] = [...partiesBlocks(input, ms, 1)];
  blocks.push(
    heading(2, '2. Opérations préalables à la réception', src.at('reception', 'date_opr')),
    facts([
      ['Date des opérations préalables', view.opr ? (at && at !== view.opr ? `du ${dateFr(view.opr)} au ${dateFr(at)}` : dateFr(view.opr)) : 'à compléter', src.at('reception', 'date_opr')],
      ['Date d’achèvement des travaux proposée', view.reception ? dateFr(view.reception) : 'à compléter', src.at('reception', 'date_reception')],
    ]),
    para(
      'Les opérations préalables à la réception comportent la reconnaissance des ouvrages exécutés, les épreuves éventuellement prévues, la constatation de l’inexécution de prestations prévues au marché, des imperfections ou malfaçons, et la constatation du repliement des installations de chantier et de la remise en état des terrains et des lieux (CCAG-Travaux 2021 art. 41.2). Le présent procès-verbal ne prononce pas la réception : le maître d’œuvre le transmet au maître d’ouvrage avec sa proposition, et le maître d’ouvrage décide (art. 41.3).',
      { tone: 'legal' },
    ),
  );
  let k = 3;
  for (const m of ms) {
    const mine = shown.filter((r) => (m.lot ? r.lot === m.lot : true));
    blocks.push(heading(2, `${k++}. ${marketTitle(data, m)} — constatations`, m.line));
    blocks.push(facts([['Titulaire', m.titulaire ? `${m.titulaire}${m.declared ? '' : ' (non déclaré, à vérifier)'}` : 'à compléter', m.line], ['Marché n°', m.numero ?? 'à compléter', m.line]]));
    if (mine.length) blocks.push(para(`${plural(mine.length, 'imperfection ou malfaçon constatée', 'imperfections ou malfaçons constatées')}\u00a0:`), reservesTable(mine));
    else blocks.push(para('Aucune imperfection ni malfaçon constatée.'));
    const proposal = m.decision === 'refus' ? 'de ne pas prononcer la réception' : mine.length ? 'de prononcer la réception avec réserves' : m.decision === 'avec_reserves' ? 'de prononcer la réception avec réserves' : 'de prononcer la réception sans réserve';
    blocks.push(para(['Proposition du maître d’œuvre\u00a0: ', strong(proposal), m.effet ? `, avec effet au ${dateWords(m.effet)}.` : '.'], { line: src.at('reception', 'decision') }));
    blocks.push({
      kind: 'table',
      columns: [{ label: 'Qualité' }, { label: 'Nom' }, { label: 'Date et signature', width: 40 }],
      rows: [
        { kind: 'sign', cells: [cell('Le maître d’œuvre', { strong: true }), cell(party(input.programme?.data, MOE_ROLE) ?? ''), cell('')] },
        { kind: 'sign', cells: [cell('Le titulaire', { strong: true }), cell(m.titulaire ?? ''), cell('')] },
      ],
    });
  }
  const orphan = shown.filter((r) => !r.lot || !ms.some((m) => m.lot === r.lot));
  if (orphan.length && ms.some((m) => m.lot)) {
    blocks.push(heading(2, `${k}. Constatations sans lot identifié`), para('Ces constatations doivent être rattachées à un lot avant signature.', { tone: 'warning' }), reservesTable(orphan));
  }
  const header = documentHeader(input, {
    deliverable: 'reception',
    title: 'Procès-verbal des opérations préalables à la réception',
    lines: ['operation', 'buyer', { label: 'Opérations préalables', value: view.opr ? dateWords(view.opr) : '—' }],
    omitUnknown: true,
    date: at,
  });
  return { ...header, blocks };
}
