import { mdCode, mdText } from '../util/markdown';
import { eliminatoire, lotRanking, priceOf } from '../model/lotRanking';
import { PRICE_FORMULAS } from '../scoring';
import { consultationModel, criteriaForLot } from '../model/build';
import { num, obj, str } from '../util/data';
import type { HoverData } from './hoverData';

/**
 * An offer's weighted score and rank among the offers of its lot: the ranking of the rapport d'analyse
 * des offres (lotRanking.ts), the one REC-007 and the PV read too. Notes on a 0–`note_max` scale (20 by
 * default), the price note by the declared method (classique when none is declared), points = note /
 * note_max × weight.
 */

function notesOf(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(obj(v))) if (typeof n === 'number' && Number.isFinite(n)) out[k] = n;
  return out;
}

export function offerFacts(d: HoverData, index: number): string | undefined {
  const model = consultationModel(d.root);
  if (index >= model.offers.length) return undefined;
  const offer = model.offers[index].o;
  const lot = str(offer.lot);
  const name = `**${d.t('Offre', 'Offer')} ${str(offer.id) !== undefined ? mdText(str(offer.id)) : `#${index + 1}`}**${str(offer.candidat) ? ` (${mdText(str(offer.candidat))})` : ''}${lot ? ` — lot ${mdText(lot)}` : ''}`;
  // Without lots the RAO ranks every offer together; with lots, only the offers of a declared lot.
  const ranking = lotRanking(d.root, model.lots.length ? lot : undefined);
  const k = ranking ? ranking.offers.findIndex((x) => x.i === index) : -1;
  if (!ranking || k < 0) return `${name}\n\n${d.t('Lot non déclaré dans « lots » : l’offre n’est pas classée dans le rapport d’analyse des offres.', 'Lot not declared in \'lots\': the offer is not ranked in the offer analysis report.')}`;
  const { criteria, setup, score: result } = ranking;
  if (criteria.length === 0) return `${name}\n\n${d.t('Aucun critère applicable : note pondérée non calculable.', 'No applicable criterion: the weighted score cannot be computed.')}`;
  const { method, declared, nmax } = setup;
  const me = result.offers[k];
  const elim = eliminatoire(d.root);
  const ranked = result.offers.filter((o) => o.rank !== undefined).length;
  const lines = [name];
  const total = `${d.num(me.total)} / ${d.num(result.maxTotal)}`;
  if (me.rank !== undefined) lines.push(`**${d.k('Note pondérée', 'Weighted score')} ${total} — ${d.t('rang', 'rank')} ${me.rank} ${d.t('sur', 'of')} ${ranked}**`);
  else {
    const why = me.excluded === 'eliminatoire' ? d.t(`note éliminatoire (${mdText(elim?.id)} < ${elim?.seuil})`, `elimination score (${mdText(elim?.id)} < ${elim?.seuil})`) : d.t(`statut « ${mdText(str(offer.statut))} »`, `status '${mdText(str(offer.statut))}'`);
    lines.push(`**${d.k('Note pondérée', 'Weighted score')} ${total} — ${d.t('non classée', 'not ranked')}** (${why})`);
  }
  const rows = criteria.map((c) => {
    const n = me.notes[c.id];
    const how = c.isPrice && method ? d.t(' (prix)', ' (price)') : c.subs.length && n.note !== undefined && !(c.id in notesOf(offer.notes)) ? d.t(' (sous-critères)', ' (sub-criteria)') : '';
    return `| ${mdCode(c.id)} | ${c.weight !== undefined ? d.num(c.weight) : '—'} | ${n.note !== undefined ? d.num(n.note) : '—'}${how} | ${d.num(n.points)} |`;
  });
  lines.push([`| ${d.t('Critère', 'Criterion')} | ${d.t('Poids', 'Weight')} | ${d.t('Note', 'Score')} /${d.num(nmax)} | Points |`, '|---|--:|--:|--:|', ...rows].join('\n'));
  const price = priceOf(offer, setup.base);
  const notes: string[] = [];
  if (method) {
    const s = result.stats;
    const stats = s ? ` ; Pmin ${d.money(s.pmin)}, Pmax ${d.money(s.pmax)}, Pmoy ${d.money(s.pmoy)} (${s.n} ${d.t('offre(s) classée(s)', 'ranked offer(s)')})` : '';
    const fallback = setup.missingTtc.length ? d.t(' (base TTC demandée, mais une offre du lot n’a pas de prix TTC : le lot est comparé HT, comme dans le rapport)', ' (base TTC asked for, but an offer of the lot has no TTC price: the lot is compared HT, as in the report)') : '';
    notes.push(`${d.k('Prix comparé', 'Compared price')} ${price !== undefined ? d.money(price) : '—'} ${setup.base}${fallback}${stats}.`);
    notes.push(`${d.t('Méthode', 'Method')} ${method}${declared ? '' : d.t(' (non déclarée : classique par défaut)', ' (not declared: classique by default)')}${d.colon} \`${PRICE_FORMULAS[method]}\`.`);
  } else notes.push(d.t(`Méthode « ${declared} » : la note du prix est lue dans « notes ».`, `Method '${declared}': the price score is read from 'notes'.`));
  notes.push(d.t(`Points = note / ${d.num(nmax)} × poids ; la note d’un critère à sous-critères est la moyenne de leurs notes pondérée par leurs poids.`, `Points = score / ${d.num(nmax)} × weight; a criterion with sub-criteria scores the weighted mean of their scores.`));
  const missing = Object.values(me.notes).flatMap((n) => n.missing);
  if (missing.length) notes.push(d.t(`Notes manquantes (comptées 0) : ${missing.map(mdText).join(', ')}.`, `Missing scores (counted as 0): ${missing.map(mdText).join(', ')}.`));
  lines.push(notes.join('\n\n'));
  return lines.join('\n\n');
}

/** One entry of `notes`: the criterion or sub-criterion it scores, its weight and the points it brings. */
export function noteFacts(d: HoverData, index: number, key: string): string | undefined {
  const model = consultationModel(d.root);
  const offer = model.offers[index]?.o ?? {};
  const note = num(obj(offer.notes)[key]);
  const nmax = num(obj(d.root.notation_prix).note_max) ?? 20;
  for (const criterion of criteriaForLot(model, str(offer.lot))) {
    const c = criterion.o;
    const subs = criterion.sub.map((s) => s.o);
    const sub = subs.find((s) => str(s.id) === key);
    const target = str(c.id) === key ? c : sub;
    if (!target) continue;
    const w = num(target.ponderation);
    const parent = sub ? d.t(` (sous-critère de ${mdCode(str(c.id))})`, ` (sub-criterion of ${mdCode(str(c.id))})`) : '';
    // A sub-criterion's share of the total: its weight within the criterion, scaled to the criterion's weight.
    const subSum = subs.reduce((a, s) => a + (num(s.ponderation) ?? 0), 0);
    const cw = num(c.ponderation);
    const eff = w !== undefined && sub && cw !== undefined && subSum > 0 ? (w * cw) / subSum : w;
    const pts = note !== undefined && eff !== undefined ? ` → ${d.num((note / nmax) * eff)} points` : '';
    const label = str(target.libelle) ? ` — ${mdText(str(target.libelle))}` : '';
    return `${mdCode(key)}${label}${parent}\n\n${d.t('Poids', 'Weight')} ${w !== undefined ? d.num(w) : '—'} · ${d.t('note', 'score')} ${note !== undefined ? d.num(note) : '—'} / ${d.num(nmax)}${pts}`;
  }
  return d.t(`${mdCode(key)} n’est pas un critère applicable à cette offre (REF-001).`, `${mdCode(key)} is not a criterion that applies to this offer (REF-001).`);
}
