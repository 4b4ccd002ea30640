import { keyDate } from '../language-service/data/legalData';
import { addDays, addMonths, date, isObj, list, num, obj, own, str, sum } from '../language-service/util/data';
import type { BuildInput } from './context';
import { criteriaViews, type CriteriaView } from './criteria';
import { amount, dateFr, decimal } from './format';
import { enumLabel } from './labels';
import { cell, heading, num as numCell, para, strong, type Block, type DocModel, type Row, type Table } from './model';
import { PRICE_FORMULAS, oabIndicator, type PriceMethod } from '../language-service/scoring';
import { documentHeader } from './header';

function criteriaTable(v: CriteriaView): Table {
  const rows: Row[] = [];
  for (const c of v.criteria) {
    rows.push({ line: c.line, cells: [cell(`${c.label}${c.environmental ? ' (critère environnemental)' : ''}`, { strong: true }), numCell(c.weightText, { strong: true })] });
    for (const s of c.subs) rows.push({ kind: 'sub', line: s.line, cells: [cell(`${s.label}${s.environmental ? ' (environnemental)' : ''}`), numCell(s.weightText)] });
  }
  const weights = v.criteria.map((c) => num(c.o.ponderation));
  if (!v.ranked && weights.every((w) => w !== undefined)) {
    rows.push({ kind: 'total', cells: [cell('Total'), numCell(`${decimal(sum(weights))}${v.total === 100 ? '\u00a0%' : ` / ${decimal(v.total)}`}`)] });
  }
  return { kind: 'table', columns: [{ label: 'Critère et sous-critères' }, { label: v.ranked ? 'Rang' : 'Pondération', align: 'right' }], rows, line: v.line };
}

function environmentalStatement(input: BuildInput, views: CriteriaView[]): Block[] {
  const { data, src } = input.doc;
  const out: Block[] = [heading(2, '2. Prise en compte des caractéristiques environnementales')];
  const parts: string[] = [];
  for (const v of views) {
    for (const c of v.criteria) {
      if (c.environmental) parts.push(`le critère « ${c.label} » (${c.weightText})${views.length > 1 ? ` [${v.title}]` : ''}`);
      for (const s of c.subs) if (s.environmental) parts.push(`le sous-critère « ${s.label} » (${s.weightText}) du critère « ${c.label} »`);
    }
  }
  if (parts.length) {
    out.push(para(['Conformément à l’article L2152-7 du code de la commande publique, les caractéristiques environnementales des offres sont prises en compte par ', strong(parts.join(', ')), '.'], { line: views[0]?.line }));
  } else {
    const launch = date(data.date_lancement);
    const mandatory = keyDate('critere_environnemental_obligatoire');
    out.push(para(launch && launch >= mandatory ? `Aucun critère ne prend en compte les caractéristiques environnementales des offres : obligatoire pour une consultation lancée à compter du ${dateFr(mandatory)} (L2152-7).` : 'Aucun critère ne prend en compte les caractéristiques environnementales des offres.', { tone: 'warning', line: src.at('criteres') }));
  }
  return out;
}

function priceScoring(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const np = obj(data.notation_prix);
  if (!isObj(data.notation_prix)) return [];
  const methode = str(np.methode);
  const nmax = num(np.note_max) ?? 20;
  const formula = str(np.formule) ?? (methode && Object.hasOwn(PRICE_FORMULAS, methode) ? PRICE_FORMULAS[methode as PriceMethod] : undefined);
  return [
    heading(2, '3. Notation du critère prix', src.at('notation_prix')),
    para([`Méthode : ${enumLabel('consultation', 'notation_prix.methode', methode)}. `, ...(formula ? ['Formule : ', strong(formula), '. '] : []), `Note maximale : ${decimal(nmax)}. Les prix sont comparés ${str(np.base) === 'TTC' ? 'toutes taxes comprises (TTC)' : 'hors taxes (HT)'} ; Pmin désigne le prix de l’offre la plus basse parmi les offres classées.`], { line: src.at('notation_prix', 'methode') }),
    para('La publication de la méthode de notation n’est pas obligatoire (CE 2 août 2011, n° 348711) ; elle est indiquée ici par transparence.', { tone: 'note' }),
  ];
}

function eliminatory(input: BuildInput, views: CriteriaView[]): Block[] {
  const { data, src } = input.doc;
  if (!isObj(data.note_eliminatoire)) return [];
  const ne = data.note_eliminatoire;
  const id = str(ne.critere);
  const label = views.flatMap((v) => v.criteria.flatMap((c) => [{ id: c.id, label: c.label }, ...c.subs])).find((c) => c.id === id)?.label ?? id ?? '—';
  const nmax = num(obj(data.notation_prix).note_max) ?? 20;
  const seuil = num(ne.seuil);
  return [
    heading(2, '4. Note éliminatoire', src.at('note_eliminatoire')),
    para(`Toute offre obtenant au critère « ${label} » une note strictement inférieure à ${seuil === undefined ? '—' : decimal(seuil)} sur ${decimal(nmax)} est éliminée et n’est pas classée.`, { line: src.at('note_eliminatoire') }),
  ];
}

function abnormallyLow(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const oab = obj(data.oab);
  const det = str(oab.detection);
  const ind = oabIndicator(det);
  return [
    heading(2, '5. Offres anormalement basses', src.at('oab')),
    para(
      'Toute offre qui paraît anormalement basse fait l’objet d’une demande écrite de précisions et de justifications sur le montant de tout ou partie de son prix ou de ses coûts, y compris pour la part sous-traitée (L2152-6, R2152-3). Elle n’est rejetée que si les justifications fournies ne permettent pas d’expliquer le bas niveau du prix ou des coûts, ou si elle contrevient aux obligations environnementales, sociales ou du travail (R2152-4).',
      { tone: 'legal', line: src.at('oab') },
    ),
    para(det ? `Indice de détection retenu : ${det}${ind.declared ? '' : ' (indicateur non reconnu pour le calcul : l’analyse applique la moyenne moins un écart-type)'}. Ce seuil ne fait que déclencher la demande de justifications ; aucune offre n’est rejetée automatiquement.` : 'Aucun indice de détection n’est déclaré : l’analyse des offres applique, à titre indicatif, la moyenne des offres moins un écart-type.', { tone: 'note', line: src.at('oab', 'detection') }),
  ];
}

function validity(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const days = num(data.validite_offres_jours);
  const months = num(data.validite_offres_mois);
  const deadline = date(data.date_limite_offres);
  if (days === undefined && months === undefined) return [heading(2, '6. Délai de validité des offres'), para('Délai de validité des offres non renseigné (« validite_offres_jours » ou « validite_offres_mois »).', { tone: 'warning' })];
  // As the notice words it: in days, or in months (« 4 mois »).
  const [text, end, key] = days !== undefined
    ? [`${days} jours`, deadline ? addDays(deadline, days) : undefined, 'validite_offres_jours']
    : [`${months} mois`, deadline ? addMonths(deadline, months as number) : undefined, 'validite_offres_mois'];
  return [
    heading(2, '6. Délai de validité des offres', src.at(key)),
    para(`Le délai de validité des offres est de ${text} à compter de la date limite de réception des offres${deadline && end ? ` (${dateFr(deadline)}), soit jusqu’au ${dateFr(end)} inclus` : ''}.`, { line: src.at(key) }),
  ];
}

const LABEL_VARIANTS: Record<string, string> = {
  interdites: 'Les variantes ne sont pas autorisées (R2151-8).',
  autorisees: 'Les variantes sont autorisées (R2151-8).',
  imposees: 'Les variantes sont exigées (R2151-8).',
};

/** Form of the contract (accord-cadre, tranches), variants and PSE: what the candidates must know to tender. */
function contractForm(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const out: Block[] = [];
  if (isObj(data.accord_cadre)) {
    const ac = data.accord_cadre;
    const execution = str(ac.execution);
    const how = execution === 'bons_de_commande' ? 'exécuté par bons de commande (R2162-13)' : execution === 'marches_subsequents' ? 'exécuté par marchés subséquents (R2162-7)' : execution === 'mixte' ? 'exécuté par bons de commande et par marchés subséquents' : 'exécuté selon les stipulations du contrat';
    const who = str(ac.type) === 'multi_attributaire' ? `multi-attributaire${num(ac.nombre_titulaires) !== undefined ? ` (${num(ac.nombre_titulaires)} titulaires)` : ''}` : str(ac.type) === 'mono_attributaire' ? 'mono-attributaire' : '';
    const min = num(ac.montant_min_ht);
    const max = num(ac.montant_max_ht);
    const bounds = [min !== undefined ? `un montant minimum de ${amount(min)}` : '', max !== undefined ? `un montant maximum de ${amount(max)}` : ''].filter(Boolean).join(' et ');
    const term = num(ac.duree_mois);
    out.push(para(`Le contrat est un accord-cadre ${who ? `${who} ` : ''}${how}${bounds ? `, avec ${bounds} sur sa durée` : ''}${term !== undefined ? `, conclu pour ${term} mois${num(ac.reconductions) ? `, reconductions comprises (${num(ac.reconductions)} au plus)` : ''}` : ''} (L2125-1, R2162-1 à R2162-14).`, { line: src.at('accord_cadre') }));
  }
  if (isObj(data.tranches)) {
    const t = data.tranches;
    const ferme = obj(t.ferme);
    const opts = list(t.optionnelles).map(obj);
    out.push(para(`Le marché comporte une tranche ferme${str(ferme.intitule) ? ` (${str(ferme.intitule)})` : ''} et ${opts.length} tranche${opts.length > 1 ? 's' : ''} optionnelle${opts.length > 1 ? 's' : ''} (R2113-4 à R2113-6) : ${opts.map((o) => `${str(o.id) ?? ''}${str(o.intitule) ? ` ${str(o.intitule)}` : ''}${num(o.delai_affermissement_mois) !== undefined ? `, affermie au plus tard ${num(o.delai_affermissement_mois)} mois après la notification` : ''}`.trim()).join(' ; ') || '—'}. Les candidats présentent une offre pour chacune.`, { line: src.at('tranches') }));
  }
  const v = obj(data.variantes);
  if (isObj(data.variantes) && str(v.regime)) {
    const req = str(v.exigences_minimales);
    out.push(para(`${own(LABEL_VARIANTS, str(v.regime)) ?? ''}${req ? ` Exigences minimales que les variantes respectent : ${req} (R2151-11).` : ''}${v.offre_de_base_obligatoire === true ? ' Une offre de base est présentée avec toute variante.' : ''}`, { line: src.at('variantes') }));
  }
  const pse = list(data.pse).map(obj);
  if (pse.length) {
    out.push(para(`Prestations supplémentaires éventuelles : ${pse.map((p) => `${str(p.id) ?? ''} ${str(p.intitule) ?? ''}${p.obligatoire === true ? ' (réponse obligatoire)' : ' (réponse facultative)'}`.trim()).join(' ; ')}. L’acheteur décide de les retenir ou non à l’attribution ; l’offre est comparée PSE retenues comprises.`, { line: src.at('pse') }));
  }
  return out.length ? [heading(2, '7. Forme du contrat, variantes et prestations supplémentaires', src.at(isObj(data.accord_cadre) ? 'accord_cadre' : isObj(data.tranches) ? 'tranches' : isObj(data.variantes) ? 'variantes' : 'pse')), ...out] : [];
}

/** A design contest: no price, no validity, no OAB; the contest's own rules (R2162-15 to R2162-26). */
function contest(input: BuildInput): Block[] {
  const { data, src } = input.doc;
  const c = obj(data.concours);
  const n = num(c.nombre_participants);
  const prime = num(c.prime_ht);
  const prix = num(c.prix_estime_etudes_ht);
  const jury = list(c.jury).map(obj);
  const qualified = jury.filter((m) => m.qualifie === true).length;
  const lines: Block[] = [heading(2, '2. Déroulement du concours', src.at('concours'))];
  lines.push(para(`${str(c.type) === 'ouvert' ? 'Concours ouvert' : 'Concours restreint'}${str(c.niveau) ? ` (niveau de rendu : ${enumLabel('consultation', 'concours.niveau', c.niveau)})` : ''}${n !== undefined ? `, ${n} participants admis à concourir` : ''}. Les projets sont évalués par le jury au vu des critères ci-dessus, ${c.anonymat === false ? 'sans anonymat' : 'de façon anonyme jusqu’à l’avis du jury (R2162-18)'} ; le ou les lauréats sont ensuite invités à négocier le marché de maîtrise d’œuvre (R2122-6).`, { line: src.at('concours') }));
  if (prime !== undefined) lines.push(para(`Chaque participant ayant remis des prestations conformes au règlement du concours reçoit une prime de ${amount(prime)}${prix ? `, soit ${decimal(Math.round((prime / prix) * 1000) / 10)} % du prix estimé des études demandées (${amount(prix)} ; au moins 80 %, R2172-4)` : ''}.`, { line: src.at('concours', 'prime_ht') }));
  const independent = jury.every((m) => m.independant !== false && m.lien_participant !== true);
  if (jury.length) lines.push(para(`Le jury compte ${jury.length} membres${independent ? ' indépendants des participants (R2162-22)' : ' (R2162-22 : tous doivent être indépendants des participants)'}${qualified ? `, dont ${qualified} ayant la qualification exigée des participants (au moins un tiers, R2162-24)` : ''}.`, { line: src.at('concours', 'jury') }));
  return lines;
}

/** The award-criteria section of the règlement de la consultation (docs/deliverables.md): criteria and weights, the environmental criterion, price scoring, note éliminatoire, OAB clause (R2152-3, R2152-4), offer validity. */
export function buildRcCriteria(input: BuildInput): DocModel {
  const { data, src } = input.doc;
  const views = criteriaViews(input.doc);
  const isContestHead = str(obj(data.procedure).type) === 'CONCOURS';
  const blocks: Block[] = [heading(2, isContestHead ? '1. Critères d’évaluation des projets' : '1. Critères de jugement des offres', src.at('criteres'))];
  const ranked = views.some((v) => v.ranked);
  const isContest = str(obj(data.procedure).type) === 'CONCOURS';
  if (isContest) blocks.push(para('Les projets sont évalués par le jury sur les critères suivants, publiés dans l’avis de concours (R2162-21).', { line: src.at('criteres') }));
  else blocks.push(para(ranked ? 'Les offres sont jugées sur les critères suivants, hiérarchisés par ordre décroissant d’importance (R2152-12).' : 'L’offre économiquement la plus avantageuse est choisie sur les critères pondérés suivants (L2152-7, R2152-7, R2152-11) ; les sous-critères sont pondérés et publiés.', { line: src.at('criteres') }));
  for (const v of views) {
    if (views.length > 1) blocks.push(heading(3, v.title + (v.lots.length && !v.set.lotId ? ` (lots ${v.lots.map((l) => str(l.id)).join(', ')})` : ''), v.line));
    blocks.push(v.criteria.length ? criteriaTable(v) : para('Aucun critère.', { tone: 'warning', line: v.line }));
  }
  if (isContest) blocks.push(...contest(input), ...environmentalStatement(input, views));
  else blocks.push(...environmentalStatement(input, views), ...priceScoring(input), ...eliminatory(input, views), ...abnormallyLow(input), ...validity(input), ...contractForm(input));
  const deadline = `${dateFr(date(data.date_limite_offres))}${str(data.heure_limite_offres) ? ` à ${(str(data.heure_limite_offres) as string).replace(':', ' h ')}` : ''}`;
  const header = documentHeader(input, {
    deliverable: 'rc',
    title: 'Règlement de la consultation — critères d’attribution',
    lines: [
      'consultation',
      { label: 'Procédure', value: enumLabel('consultation', 'procedure.type', obj(data.procedure).type) },
      { label: isContest ? 'Date limite de remise des projets' : 'Date limite de réception des offres', value: deadline },
      'operation',
    ],
  });
  return { ...header, blocks };
}
