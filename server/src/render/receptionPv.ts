import { daysBetween, list, obj, str, type Obj } from '../language-service/util/data';
import { items, type BuildInput } from './context';
import { dateFr } from './format';
import { enumLabel } from './labels';
import { cell, heading, para, strong, type Block, type DocModel, type Facts, type Row, type Table } from './model';
import { decisionLabel, holders, lotTitle, receptionView, reserveStatusLabel, type ReceptionView, type ReserveView } from './reception';

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

const MOA_ROLE = /^(moa|maitre (d )?ouvrage|maitrise (d )?ouvrage)\b/;
const MOE_ROLE = /^(moe|maitre (d )?oeuvre|maitrise (d )?oeuvre)\b/;

/** The first programme party whose free-text role matches, as "Nom (Organisme)". */
function party(programme: Obj | undefined, role: RegExp): string | undefined {
  const a = list(programme?.acteurs)
    .map(obj)
    .find((x) => role.test(norm(str(x.role) ?? '')));
  if (!a) return undefined;
  const nom = str(a.nom);
  const org = str(a.organisme);
  return nom && org ? `${nom} (${org})` : nom ?? org;
}

function facts(rows: [string, string | undefined, number | undefined][]): Facts {
  return { kind: 'facts', items: rows.filter(([, v]) => v !== undefined && v !== '—' && v !== '').map(([label, value, line]) => ({ label, value: value as string, line })) };
}

/** Reserves grouped by lot: the consultation's lots first (file order), then unknown lot ids, then reserves without lot. */
export function reservesByLot(data: Obj, reserves: ReserveView[]): { lot?: string; reserves: ReserveView[] }[] {
  const order = [...items(data, 'lots').map(({ o }) => str(o.id)), ...reserves.map((r) => r.lot)];
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

function marketBlocks(input: BuildInput, view: ReceptionView, held: Map<string, string>): Block[] {
  const { data, src } = input.doc;
  const prog = input.programme?.data;
  const op = obj(prog?.operation);
  const lots = items(data, 'lots');
  const out: Block[] = [
    heading(2, '1. Opération et marché', src.at('objet')),
    facts([
      ['Opération', str(op.intitule), undefined],
      ['Maître d’ouvrage', str(op.maitre_ouvrage) ?? party(prog, MOA_ROLE), undefined],
      ['Maître d’œuvre', party(prog, MOE_ROLE), undefined],
      ['Objet du marché', str(data.objet), src.at('objet')],
      ['Consultation', str(data.id), src.at('id')],
      ['Procédure', obj(data.procedure).type === undefined ? undefined : enumLabel('consultation', 'procedure.type', obj(data.procedure).type), src.at('procedure')],
      ['Titulaire', lots.length ? undefined : held.get(''), src.at('offres')],
    ]),
  ];
  if (!prog) out.push(para('Programme de l’opération non lu : l’opération et les intervenants ne sont pas repris (clé « programme »).', { tone: 'note', line: src.at('programme') }));
  if (lots.length) {
    out.push({
      kind: 'table',
      columns: [{ label: 'Lot' }, { label: 'Intitulé' }, { label: 'Titulaire' }, { label: 'Réserves', align: 'right' }, { label: 'dont non levées', align: 'right' }],
      rows: lots.map(({ o, i }) => {
        const id = str(o.id);
        const mine = view.reserves.filter((r) => r.lot === id);
        return { line: src.at('lots', i), cells: [cell(id ?? '—'), cell(str(o.intitule) ?? '—'), cell((id && held.get(id)) ?? '—'), cell(String(mine.length), { align: 'right' }), cell(String(mine.filter((r) => r.open).length), { align: 'right', tone: mine.some((r) => r.open) ? 'warn' : undefined })] };
      }),
      caption: 'Titulaire : candidat de l’offre classée première au rapport d’analyse des offres.',
    });
  }
  return out;
}

function decisionText(view: ReceptionView): Block {
  const effect = view.reception ? ` avec effet au ${dateFr(view.reception)}` : '';
  const atReception = view.reserves.filter((r) => !r.duringGpa).length;
  switch (view.decision) {
    case 'sans_reserve':
      return para(['Le maître de l’ouvrage ', strong('prononce la réception sans réserve'), `${effect}.`]);
    case 'avec_reserves':
      return para(['Le maître de l’ouvrage ', strong('prononce la réception'), `${effect}, `, strong('assortie de réserves'), ` : les ${atReception} réserve(s) formulée(s) à la réception sont énumérées ci-après, avec l’entreprise chargée de leur levée et la date de levée prévue.`]);
    case 'refus':
      return para(['Le maître de l’ouvrage ', strong('refuse de prononcer la réception'), '.']);
    default:
      return para(`Décision de réception ${view.decision ? `« ${view.decision} » inconnue` : 'non renseignée'} (« reception.decision » : sans_reserve, avec_reserves ou refus).`, { tone: 'warning' });
  }
}

function receptionBlocks(input: BuildInput, view: ReceptionView): Block[] {
  const { src } = input.doc;
  const at = (k: string): number | undefined => src.at('reception', k);
  const gap = view.opr && view.reception ? daysBetween(view.opr, view.reception) : undefined;
  return [
    heading(2, '2. Réception', src.at('reception')),
    facts([
      ['Opérations préalables à la réception (OPR)', view.opr ? dateFr(view.opr) : 'non renseignées', at('date_opr')],
      ['Date de réception (date d’effet)', view.reception ? `${dateFr(view.reception)}${gap !== undefined && gap >= 0 ? ` (${gap} jour(s) après les OPR)` : ''}` : 'non renseignée', at('date_reception')],
      ['Décision', view.decision ? decisionLabel(view.decision) : 'non renseignée', at('decision')],
      ['Fin de la garantie de parfait achèvement', view.gpaEnd ? `${dateFr(view.gpaEnd)} (réception + 1 an)` : '—', at('date_reception')],
    ]),
    { ...decisionText(view), line: at('decision') },
    para(
      'La réception est l’acte par lequel le maître de l’ouvrage déclare accepter l’ouvrage avec ou sans réserves ; elle fait courir la garantie de parfait achèvement, d’un an, qui s’étend à la réparation des désordres signalés soit au moyen de réserves mentionnées au procès-verbal de réception, soit par voie de notification écrite pour ceux révélés postérieurement à la réception (C. civ. art. 1792-6 ; CCAG-Travaux 2021 art. 41).',
      { tone: 'legal' },
    ),
  ];
}

function reserveRow(r: ReserveView, today: string): Row {
  const state = r.status === 'levee' ? `${reserveStatusLabel(r.status)}${r.lifted ? ` le ${dateFr(r.lifted)}` : ''}` : `${reserveStatusLabel(r.status)}${r.overdue && r.daysLate ? ` — en retard de ${r.daysLate} j au ${dateFr(today)}` : ''}`;
  return {
    line: r.line,
    kind: r.overdue ? 'flag' : undefined,
    cells: [
      cell(r.id),
      cell(str(r.o.localisation) ?? '—'),
      cell(str(r.o.description) ?? '—'),
      cell(r.firm ?? '—'),
      cell(`${dateFr(r.constat)}${r.duringGpa ? ' (pendant la GPA)' : ''}`),
      cell(dateFr(r.planned)),
      cell(state, { tone: r.overdue ? 'crit' : r.open ? undefined : 'ok' }),
    ],
  };
}

function reserveBlocks(input: BuildInput, view: ReceptionView): Block[] {
  const { data, src } = input.doc;
  const n = view.reserves.length;
  const out: Block[] = [heading(2, `3. Réserves (${n})`, src.at('reception', 'reserves'))];
  if (!n) {
    out.push(para('Aucune réserve enregistrée.', { line: src.at('reception') }));
    return out;
  }
  const later = view.reserves.filter((r) => r.duringGpa).length;
  const open = view.reserves.filter((r) => r.open).length;
  out.push(
    para(
      `${n} réserve(s)${later ? `, dont ${n - later} formulée(s) à la réception et ${later} désordre(s) signalé(s) pendant la garantie de parfait achèvement` : ''} ; ${open} non levée(s) au ${dateFr(input.today)}.`,
      { line: src.at('reception', 'reserves') },
    ),
  );
  for (const g of reservesByLot(data, view.reserves)) {
    const lotIndex = items(data, 'lots').find(({ o }) => str(o.id) === g.lot)?.i;
    out.push(heading(3, lotTitle(data, g.lot), lotIndex === undefined ? undefined : src.at('lots', lotIndex)));
    const t: Table = {
      kind: 'table',
      columns: [{ label: 'N°' }, { label: 'Localisation' }, { label: 'Description' }, { label: 'Entreprise' }, { label: 'Constatée le' }, { label: 'Levée prévue le' }, { label: 'État' }],
      rows: g.reserves.map((r) => reserveRow(r, input.today)),
    };
    out.push(t);
  }
  return out;
}

/** The firms that sign: holders of the lots, then any other firm named by a reserve, each with its lots. */
function firms(input: BuildInput, view: ReceptionView, held: Map<string, string>): { name: string; lots: string[] }[] {
  const out = new Map<string, Set<string>>();
  const add = (name: string | undefined, lot: string | undefined): void => {
    if (!name) return;
    if (!out.has(name)) out.set(name, new Set());
    if (lot) out.get(name)?.add(lot);
  };
  for (const { o } of items(input.doc.data, 'lots')) {
    const id = str(o.id);
    if (id) add(held.get(id), id);
  }
  add(held.get(''), undefined);
  for (const r of view.reserves) add(r.firm, r.lot);
  return [...out].map(([name, lots]) => ({ name, lots: [...lots] }));
}

function signatureBlocks(input: BuildInput, view: ReceptionView, held: Map<string, string>): Block[] {
  const prog = input.programme?.data;
  const op = obj(prog?.operation);
  const sign = (quality: string, name: string, lots = ''): Row => ({ kind: 'sign', cells: [cell(quality, { strong: true }), cell(name), cell(lots), cell('')] });
  const rows: Row[] = [sign('Pour le maître d’ouvrage', party(prog, MOA_ROLE) ?? str(op.maitre_ouvrage) ?? ''), sign('Pour le maître d’œuvre', party(prog, MOE_ROLE) ?? '')];
  for (const f of firms(input, view, held)) rows.push(sign('Pour l’entreprise', f.name, f.lots.join(', ')));
  return [
    heading(2, '4. Signatures'),
    para(`Fait en autant d’exemplaires que de signataires${view.reception ? `, la réception prenant effet au ${dateFr(view.reception)}` : ''}.`),
    { kind: 'table', columns: [{ label: 'Qualité' }, { label: 'Nom' }, { label: 'Lot(s)' }, { label: 'Date et signature', width: 35 }], rows },
  ];
}

/** Procès-verbal de réception des travaux (CCAG-Travaux 2021 art. 41, C. civ. art. 1792-6). */
export function buildReceptionPv(input: BuildInput): DocModel {
  const { data } = input.doc;
  const view = receptionView(input);
  const held = holders(input);
  const op = obj(input.programme?.data.operation);
  return {
    deliverable: 'reception',
    title: 'Procès-verbal de réception des travaux',
    subtitle: str(data.objet) ?? str(data.id) ?? 'Consultation',
    meta: [
      { label: 'Opération', value: str(op.intitule) ?? '—' },
      { label: 'Maître d’ouvrage', value: str(op.maitre_ouvrage) ?? '—' },
      { label: 'Édité le', value: dateFr(input.today) },
    ].filter((m) => m.value !== '—'),
    blocks: [...marketBlocks(input, view, held), ...receptionBlocks(input, view), ...reserveBlocks(input, view), ...signatureBlocks(input, view, held)],
    date: input.today,
  };
}
