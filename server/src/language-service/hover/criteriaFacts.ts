import { mdCode } from '../util/markdown';
import { keyDate } from '../data/legalData';
import { isEnvironmental, launchDate } from '../model/consultation';
import { consultationModel, criteriaSetAt, criterionAt } from '../model/build';
import type { CriterionM } from '../model/types';
import { isObj, near, num, obj, str, sum, type Obj } from '../util/data';
import { mark, type HoverData } from './hoverData';
import type { Path } from '../types';

/**
 * Weight totals of award criteria: a list's total against `ponderation_totale` (R2152-12, CSL-006), and
 * a criterion's sub-criteria against its weight (Saint-Pal-de-Mons, CSL-007).
 */

function weightText(d: HoverData, c: Obj): string {
  const w = num(c.ponderation);
  if (w !== undefined) return d.num(w);
  const f = obj(c.fourchette);
  if (isObj(c.fourchette)) return `${d.num(num(f.min) ?? 0)}–${d.num(num(f.max) ?? 0)}`;
  const r = num(c.rang);
  return r !== undefined ? d.t(`rang ${r}`, `rank ${r}`) : '—';
}

function subTotal(c: CriterionM): number | undefined {
  const w = c.sub.map((s) => s.ponderation);
  return w.length && w.some((x) => x !== undefined) ? sum(w) : undefined;
}

/** The weights of the criteria list at `listPath` (`criteres` or `lots[i].criteres`). */
export function weightTotalFacts(d: HoverData, listPath: Path): string | undefined {
  const set = criteriaSetAt(consultationModel(d.root), listPath);
  if (!set || set.criteria.length === 0) return undefined;
  const criteres = set.criteria.map((c) => c.o);
  const owner = set.owner;
  const declared = num(d.root.ponderation_totale) ?? 100;
  const lines: string[] = [];
  const weights = criteres.map((c) => num(c.ponderation));
  if (owner.hierarchisation === true) {
    lines.push(d.t('**Critères hiérarchisés** (rangs) : pondération impossible à justifier (R2152-12, CSL-005b).', '**Ranked criteria**: the impossibility of weighting must be justified (R2152-12, CSL-005b).'));
  } else if (criteres.some((c) => isObj(c.fourchette))) {
    const lo = sum(criteres.map((c) => num(c.ponderation) ?? num(obj(c.fourchette).min)));
    const hi = sum(criteres.map((c) => num(c.ponderation) ?? num(obj(c.fourchette).max)));
    const ok = lo <= declared + 0.005 && hi >= declared - 0.005;
    lines.push(`**${d.k('Pondération totale', 'Total weight')} ${d.num(lo)}–${d.num(hi)} / ${d.num(declared)} ${mark(ok)}** (${d.t('fourchettes : Σmin ≤ total ≤ Σmax', 'ranges: Σmin ≤ total ≤ Σmax')})`);
  } else {
    const total = sum(weights);
    const ok = weights.every((w) => w !== undefined) && near(total, declared);
    lines.push(`**${d.k('Pondération totale', 'Total weight')} ${d.num(total)} / ${d.num(declared)} ${mark(ok)}**${ok ? '' : ' (CSL-006)'}`);
  }
  const rows = set.criteria.map((m) => {
    const c = m.o;
    const st = subTotal(m);
    const parent = num(c.ponderation);
    const subs = st !== undefined ? ` — ${d.t('sous-critères', 'sub-criteria')} ${d.num(st)}${parent !== undefined ? ` ${mark(near(st, parent))}` : ''}` : '';
    const env = isEnvironmental(c) ? ` · ${d.t('environnemental', 'environmental')}` : '';
    return `- ${mdCode(str(c.id) ?? '?')}${d.colon} ${weightText(d, c)}${subs}${env}`;
  });
  lines.push(rows.join('\n'));
  const envIds = set.criteria.flatMap((c) => [
    ...(c.environmental ? [c.id ?? '?'] : []),
    ...c.sub.filter((s) => s.environmental && s.ponderation !== undefined).map((s) => s.id ?? '?'),
  ]);
  const at = launchDate({ data: d.root, today: d.env.today, programme: undefined });
  const required = at.date >= keyDate('critere_environnemental_obligatoire');
  const envState = envIds.length
    ? d.t(`Caractéristiques environnementales prises en compte par : ${envIds.map(mdCode).join(', ')}.`, `Environmental characteristics covered by: ${envIds.map(mdCode).join(', ')}.`)
    : required
      ? d.t('Aucun critère ni sous-critère pondéré environnemental : requis pour ce lancement (L2152-7, CSL-004).', 'No environmental criterion or weighted sub-criterion: required for this launch (L2152-7, CSL-004).')
      : d.t('Aucun critère environnemental : conseillé avant le 21/08/2026, obligatoire ensuite (L2152-7).', 'No environmental criterion: advised before 2026-08-21, required afterwards (L2152-7).');
  lines.push(envState);
  if (listPath[0] === 'lots') lines.push(d.t('Critères propres au lot : ils remplacent ceux de la consultation pour ses offres.', "The lot's own criteria: they replace the consultation's for its offers."));
  return lines.join('\n\n');
}

/** The sub-criteria of the criterion at `critPath` against its weight. */
export function subCriteriaFacts(d: HoverData, critPath: Path): string | undefined {
  const crit = criterionAt(consultationModel(d.root), critPath);
  if (!crit || crit.sub.length === 0) return undefined;
  const c = crit.o;
  const subs = crit.sub.map((s) => s.o);
  const id = str(c.id) ?? '?';
  const weights = subs.map((s) => num(s.ponderation));
  if (weights.every((w) => w === undefined)) {
    return d.t(
      `Sous-critères de ${mdCode(id)} non pondérés : des éléments d’appréciation, à publier s’ils sont pondérés ou hiérarchisés (CE 2010, Saint-Pal-de-Mons).`,
      `Sub-criteria of ${mdCode(id)} are not weighted: assessment elements, to be published when weighted or ranked (CE 2010, Saint-Pal-de-Mons).`,
    );
  }
  const total = sum(weights);
  const parent = num(c.ponderation);
  const expected = parent ?? 100;
  const ok = weights.every((w) => w !== undefined) && near(total, expected);
  const what = parent !== undefined ? d.t(`la pondération du critère (${d.num(parent)})`, `the criterion's weight (${d.num(parent)})`) : '100 %';
  return `**${d.t('Sous-critères de', 'Sub-criteria of')} \`${id}\`${d.colon} ${weights.map((w) => (w === undefined ? '?' : d.num(w))).join(' + ')} = ${d.num(total)}** — ${ok ? d.t(`égal à ${what}`, `equal to ${what}`) : d.t(`différent de ${what} (CSL-007)`, `different from ${what} (CSL-007)`)} ${mark(ok)}`;
}
