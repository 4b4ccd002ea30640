import { keyDate } from '../language-service/data/legalData';
import { addDays, date, isObj, num, obj, str, sum } from '../language-service/util/data';
import type { BuildInput } from './context';
import { criteriaViews, type CriteriaView } from './criteria';
import { dateFr, decimal } from './format';
import { enumLabel } from './labels';
import { cell, heading, num as numCell, para, strong, type Block, type DocModel, type Row, type Table } from './model';
import { PRICE_FORMULAS, oabIndicator, type PriceMethod } from '../language-service/scoring';

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
  const deadline = date(data.date_limite_offres);
  if (days === undefined) return [heading(2, '6. Délai de validité des offres'), para('Délai de validité des offres non renseigné (« validite_offres_jours »).', { tone: 'warning' })];
  return [
    heading(2, '6. Délai de validité des offres', src.at('validite_offres_jours')),
    para(`Le délai de validité des offres est de ${days} jours à compter de la date limite de réception des offres${deadline ? ` (${dateFr(deadline)}), soit jusqu’au ${dateFr(addDays(deadline, days))} inclus` : ''}.`, { line: src.at('validite_offres_jours') }),
  ];
}

/** The award-criteria section of the règlement de la consultation (domain reference Part 4 §2). */
export function buildRcCriteria(input: BuildInput): DocModel {
  const { data, src } = input.doc;
  const views = criteriaViews(input.doc);
  const blocks: Block[] = [heading(2, '1. Critères de jugement des offres', src.at('criteres'))];
  const ranked = views.some((v) => v.ranked);
  blocks.push(para(ranked ? 'Les offres sont jugées sur les critères suivants, hiérarchisés par ordre décroissant d’importance (R2152-12).' : 'L’offre économiquement la plus avantageuse est choisie sur les critères pondérés suivants (L2152-7, R2152-7, R2152-11) ; les sous-critères sont pondérés et publiés.', { line: src.at('criteres') }));
  for (const v of views) {
    if (views.length > 1) blocks.push(heading(3, v.title + (v.lots.length && !v.set.lotId ? ` (lots ${v.lots.map((l) => str(l.id)).join(', ')})` : ''), v.line));
    blocks.push(v.criteria.length ? criteriaTable(v) : para('Aucun critère.', { tone: 'warning', line: v.line }));
  }
  blocks.push(...environmentalStatement(input, views), ...priceScoring(input), ...eliminatory(input, views), ...abnormallyLow(input), ...validity(input));
  return {
    deliverable: 'rc',
    title: 'Règlement de la consultation — critères d’attribution',
    subtitle: str(data.objet) ?? 'Consultation',
    meta: [
      { label: 'Consultation', value: str(data.id) ?? '—' },
      { label: 'Procédure', value: enumLabel('consultation', 'procedure.type', obj(data.procedure).type) },
      { label: 'Date limite de réception des offres', value: dateFr(date(data.date_limite_offres)) },
      ...(input.programme ? [{ label: 'Opération', value: str(obj(input.programme.data.operation).intitule) ?? '—' }] : []),
    ],
    blocks,
    date: input.today,
  };
}
