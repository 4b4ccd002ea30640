/**
 * Décision de réception (CCAG-Travaux 2021 art. 41.3): taken by the maître d'ouvrage alone, contract by
 * contract, on the PV des opérations préalables and the maître d'œuvre's proposal; with or without
 * reserves, its effective date, and the guarantees it starts (guarantees.ts: the dates the planning
 * and the reserve log print too). Nothing dated after the decision is shown in it.
 */
import { obj, str } from '../language-service/util/data';
import type { BuildInput } from './context';
import { dateFr } from './format';
import { guaranteesFrom } from './guarantees';
import { cell, heading, para, strong, type Block, type DocModel } from './model';
import { decisionLabel, lotTitle, markets, receptionView } from './reception';
import { facts, inferredHolderNote, marketsTable, MOA_ROLE, MOE_ROLE, oprActDate, party, reservesAt, reservesTable } from './receptionPv';
import { dateWords, plural } from './typography';
import { documentHeader } from './header';

export function buildReceptionDecision(input: BuildInput): DocModel {
  const { data, src } = input.doc;
  const prog = input.programme?.data;
  const op = obj(prog?.operation);
  const view = receptionView(input);
  const ms = markets(input, view);
  const opr = oprActDate(view);
  const moa = party(prog, MOA_ROLE) ?? str(op.maitre_ouvrage);
  const blocks: Block[] = [];
  if (!view.decisionDate) blocks.push(para('Date de la décision à compléter («\u00a0reception.date_decision\u00a0») : le maître d’ouvrage se prononce dans les trente jours de la proposition du maître d’œuvre (CCAG-Travaux 2021 art. 41.3).', { tone: 'warning', line: src.at('reception') }));
  blocks.push(
    heading(2, '1. Visas', src.at('reception')),
    para(
      `Le maître d’ouvrage${moa ? `, ${moa},` : ''} vu le marché de travaux «\u00a0${str(data.objet) ?? str(data.id) ?? 'consultation'}\u00a0», vu le procès-verbal des opérations préalables à la réception${opr ? ` du ${dateWords(opr)}` : ''} dressé par le maître d’œuvre${party(prog, MOE_ROLE) ? ` (${party(prog, MOE_ROLE)})` : ''} et sa proposition, vu le CCAG-Travaux 2021, article 41, décide\u00a0:`,
    ),
    heading(2, '2. Marchés', src.at('reception')),
    marketsTable(data, ms, { label: 'Décision', value: (m) => decisionLabel(m.decision) }),
  );
  const note = inferredHolderNote(ms, src);
  if (note) blocks.push(note);
  let k = 3;
  const shown = reservesAt(view, view.reception);
  for (const m of ms) {
    blocks.push(heading(2, `${k++}. ${m.lot ? lotTitle(data, m.lot) : 'Marché unique'}${m.numero ? ` — marché n°\u00a0${m.numero}` : ''}`, m.line));
    const mine = shown.filter((r) => (m.lot ? r.lot === m.lot : true));
    const effet = m.effet ? ` avec effet au ${dateWords(m.effet)}` : ' (date d’effet à compléter)';
    const holder = m.titulaire ? `, titulaire\u00a0: ${m.titulaire}${m.declared ? '' : ' (non déclaré, à vérifier)'}` : '';
    switch (m.decision) {
      case 'sans_reserve':
        blocks.push(para([`Article 1 — Pour ce marché${holder}, `, strong('la réception est prononcée sans réserve'), `${effet}.`], { line: src.at('reception', 'decision') }));
        break;
      case 'avec_reserves':
        blocks.push(para([`Article 1 — Pour ce marché${holder}, `, strong('la réception est prononcée avec réserves'), `${effet}.`], { line: src.at('reception', 'decision') }));
        if (mine.length) {
          blocks.push(para(`Article 2 — Le titulaire lève ${mine.length > 1 ? `les ${plural(mine.length, 'réserve', 'réserves')} ci-après` : 'la réserve ci-après'} dans le délai indiqué ; à défaut, le maître d’ouvrage peut, après mise en demeure, les faire exécuter aux frais et risques du titulaire (CCAG-Travaux 2021 art. 41.6).`), reservesTable(mine));
        } else blocks.push(para('Article 2 — Réserves à énumérer : aucune réserve n’est rattachée à ce lot dans le fichier.', { tone: 'warning' }));
        break;
      case 'refus':
        blocks.push(para([`Article 1 — Pour ce marché${holder}, `, strong('la réception n’est pas prononcée'), ' : les travaux ne sont pas en état d’être reçus.'], { line: src.at('reception', 'decision') }));
        break;
      default:
        blocks.push(para('Décision à compléter («\u00a0reception.decision\u00a0» : sans_reserve, avec_reserves ou refus).', { tone: 'warning', line: src.at('reception') }));
    }
    if (m.effet && m.decision !== 'refus') {
      const g = guaranteesFrom({ date: m.effet, basis: 'effective' }, dateFr);
      blocks.push(
        para(
          `Article ${m.decision === 'avec_reserves' ? 3 : 2} — La réception fait courir, à compter du ${dateWords(m.effet)}, la garantie de parfait achèvement jusqu’au ${dateWords(g.gpa)} (CCAG-Travaux 2021 art. 44.1), la garantie biennale de bon fonctionnement jusqu’au ${dateWords(g.biennale)} et la garantie décennale jusqu’au ${dateWords(g.decennale)} (C. civ. art. 1792 à 1792-6).`,
        ),
      );
    }
  }
  const orphan = shown.filter((r) => ms.some((m) => m.lot) && (!r.lot || !ms.some((m) => m.lot === r.lot)));
  if (orphan.length) blocks.push(heading(2, `${k++}. Réserves sans marché identifié`), para('Ces réserves doivent être rattachées à un lot avant la signature de la décision.', { tone: 'warning' }), reservesTable(orphan));
  blocks.push(heading(2, `${k}. Signature`), {
    kind: 'table',
    columns: [{ label: 'Qualité' }, { label: 'Nom' }, { label: 'Date et signature', width: 40 }],
    rows: [{ kind: 'sign', cells: [cell('Le maître d’ouvrage', { strong: true }), cell(moa ?? ''), cell(view.decisionDate ? `Le ${dateWords(view.decisionDate)}` : '')] }],
  });
  blocks.push(para('La présente décision est notifiée à chaque titulaire (CCAG-Travaux 2021 art. 41.3).', { tone: 'legal' }));
  const header = documentHeader(input, {
    deliverable: 'decision',
    title: 'Décision de réception des travaux',
    lines: ['operation', 'buyer', { label: 'Décision du', value: view.decisionDate ? dateWords(view.decisionDate) : 'à compléter' }],
    omitUnknown: true,
    date: view.decisionDate ?? view.reception,
  });
  return { ...header, blocks: [facts([['Consultation', str(data.id), src.at('id')]]), ...blocks] };
}
