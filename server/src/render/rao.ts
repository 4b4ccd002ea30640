import { consultationModel } from '../language-service/model/build';
import { rankingLots } from '../language-service/model/lotRanking';
import { PRICE_FORMULAS, PRICE_METHOD_NOTES, type PriceMethod } from '../language-service/scoring';
import { date, daysBetween, num, obj, str } from '../language-service/util/data';
import { strings, type BuildInput } from './context';
import { criteriaViews } from './criteria';
import { amount, dateFr } from './format';
import { enumLabel } from './labels';
import { cell, heading, num as numCell, para, strong, type Block, type DocModel } from './model';
import { consultationMilestones, plannedOk } from './milestones';
import { lotSections, proposalLine, simulationTable, type LotOffers } from './raoLot';
import { candidaturesBlocks, closingBlocks, negotiationBlocks, publicText, reportMetaLines } from './raoReport';
import { documentHeader } from './header';

/**
 * The lots that received offers (or the whole consultation when it has no lots), with their criteria:
 * those the ranking analyses (language-service/lotRanking.ts), with a title and the criteria view.
 */
function lotsWithOffers(input: BuildInput): LotOffers[] {
  const views = criteriaViews(input.doc);
  return rankingLots(input.doc.data).map((lot) => ({ ...lot, title: lot.lot ? `Lot ${lot.lotId}${str(lot.lot.intitule) ? ` — ${str(lot.lot.intitule)}` : ''}` : 'Marché unique', view: views[lot.setIndex] }));
}

function procedureSummary(input: BuildInput, analysed: LotOffers[]): Block[] {
  const { data, src } = input.doc;
  const proc = obj(data.procedure);
  const launch = date(data.date_envoi_avis) ?? date(data.date_lancement);
  const deadline = date(data.date_limite_offres);
  const supports = strings(obj(data.publicite).supports).map((s) => enumLabel('consultation', 'publicite.supports', s));
  const { offers, offersByLot, lots } = consultationModel(data);
  const out: Block[] = [
    heading(2, '1. Déroulement de la procédure', src.at('procedure')),
    {
      kind: 'facts',
      items: [
        { label: 'Objet', value: str(data.objet) ?? '—', line: src.at('objet') },
        { label: 'Procédure', value: `${enumLabel('consultation', 'procedure.type', proc.type)}${str(proc.fondement) ? ` (${str(proc.fondement)})` : ''}`, line: src.at('procedure', 'type') },
        { label: 'Valeur estimée', value: num(data.valeur_estimee_ht) === undefined ? '—' : `${amount(num(data.valeur_estimee_ht) as number)} HT`, line: src.at('valeur_estimee_ht') },
        { label: 'Lancement (envoi de l’avis)', value: dateFr(launch), line: src.at(date(data.date_envoi_avis) ? 'date_envoi_avis' : 'date_lancement') },
        { label: 'Publicité', value: supports.length ? supports.join(', ') : '—', line: src.at('publicite') },
        { label: 'Date limite de réception des offres', value: deadline ? `${dateFr(deadline)}${launch ? ` (${daysBetween(launch, deadline)} jours après le lancement)` : ''}` : '—', line: src.at('date_limite_offres') },
        { label: 'Offres reçues', value: `${offers.length} offre(s)${lots.length ? ` sur ${lots.length} lot(s)` : ''}`, line: src.at('offres') },
      ].filter((x) => x.value !== '—'),
    },
  ];
  if (lots.length) {
    out.push({
      kind: 'table',
      columns: [{ label: 'Lot' }, { label: 'Intitulé' }, { label: 'Estimation HT', align: 'right' }, { label: 'Offres', align: 'right' }, { label: 'Analyse' }],
      rows: lots.map(({ o, id, path }) => {
        const n = offersByLot.get(id)?.length ?? 0;
        return { line: src.at(...path), cells: [cell(id ?? '—'), cell(str(o.intitule) ?? '—'), numCell(num(o.valeur_estimee_ht) === undefined ? '—' : amount(num(o.valeur_estimee_ht) as number)), numCell(String(n)), cell(analysed.some((l) => l.lotId === id) ? 'ci-après' : 'en cours', { tone: n ? undefined : 'muted' })] };
      }),
    });
  }
  const milestones = consultationMilestones(input.doc);
  if (milestones.length) {
    out.push({
      kind: 'table',
      columns: [{ label: 'Délai légal ou repère' }, { label: 'Date calculée', align: 'right' }, { label: 'Calcul' }, { label: 'Prévu' }],
      rows: milestones.map((m) => {
        const ok = plannedOk(m);
        return { line: m.line, kind: ok === false ? 'flag' : undefined, cells: [cell(`${m.label} (${m.basis})`), numCell(dateFr(m.date)), cell(m.how), cell(m.planned ? dateFr(m.planned) + (ok === false ? ' — à revoir' : ok ? ' — conforme' : '') : '—', { tone: ok === false ? 'crit' : ok ? 'ok' : undefined })] };
      }),
    });
  }
  return out;
}

/** The rapport d'analyse des offres, per lot (docs/deliverables.md): procedure, regularity, OAB, scoring with reasons, ranking, proposal for award. */
export function buildRao(input: BuildInput): DocModel {
  const { data, src } = input.doc;
  const lots = lotsWithOffers(input);
  const blocks: Block[] = [...procedureSummary(input, lots)];
  let n = 2;
  blocks.push(...candidaturesBlocks(input.doc, String(n++)));
  const negotiation = negotiationBlocks(input.doc, String(n));
  if (negotiation.length) n++;
  blocks.push(...negotiation);
  if (!lots.length) blocks.push(para('Aucune offre à analyser : renseignez « offres ».', { tone: 'warning', line: src.at('offres') }));
  for (const lot of lots) blocks.push(...lotSections(input.doc, lot, String(n++)));
  blocks.push(...closingBlocks(input.doc, n, lots.map((lot) => proposalLine(input.doc, lot))));
  const simulations = lots.flatMap((lot) => simulationTable(input.doc, lot));
  if (simulations.length) {
    blocks.push(
      heading(2, 'Annexe — Simulation de la notation du prix', src.at('notation_prix')),
      para('Jeu fictif de quatre offres à Pmin, 1,25 × Pmin, 1,5 × Pmin et 2 × Pmin, noté selon chaque méthode (Pmax et Pmoy sont ceux de ce jeu), comme le recommande la fiche DAJ de 2024 : elle montre l’effet de la méthode sur l’écart de points.', { tone: 'note' }),
      { kind: 'list', items: (Object.keys(PRICE_FORMULAS) as PriceMethod[]).map((m) => ({ content: [strong(`${m} : ${PRICE_FORMULAS[m]}`), ` — ${publicText(PRICE_METHOD_NOTES[m])}`] })) },
      ...simulations,
    );
  }
  blocks.push(para('Calculs effectués sans arrondi intermédiaire ; montants affichés au centime et notes au centième, arrondis au plus proche.', { tone: 'note' }));
  return { ...documentHeader(input, { deliverable: 'rao', title: 'Rapport d’analyse des offres', lines: ['consultation', 'operation', 'buyer', reportMetaLines(data)] }), blocks };
}
