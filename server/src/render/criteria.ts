import { criteriaSets, isEnvironmental, isPriceOrCost, type CriteriaSet } from '../language-service/model/consultation';
import { criterionId, criterionWeight, subCriterionId } from '../language-service/model/lotRanking';
import { isObj, list, num, obj, str, type Obj } from '../language-service/util/data';
import type { SourceDoc } from './context';
import { decimal } from './format';
import type { Line } from './model';

/** A criterion as the deliverables show and score it. */
export interface CriterionView {
  id: string;
  label: string;
  o: Obj;
  weight?: number;
  /** "40 %", "35 à 45 %", "rang 2", "—". */
  weightText: string;
  environmental: boolean;
  isPrice: boolean;
  line: Line;
  subs: { id: string; label: string; weight?: number; weightText: string; environmental: boolean; line: Line }[];
}

export interface CriteriaView {
  set: CriteriaSet;
  /** "Critères communs", "Lot LOT-02 — …". */
  title: string;
  /** Lots this set applies to (all lots without their own criteria, or the one lot). */
  lots: Obj[];
  criteria: CriterionView[];
  /** Declared total of the weights (100 by default). */
  total: number;
  ranked: boolean;
  line: Line;
}

function weightText(o: Obj, total: number): string {
  const unit = total === 100 ? '\u00a0%' : `\u00a0/\u00a0${decimal(total)}`;
  const w = num(o.ponderation);
  if (w !== undefined) return `${decimal(w)}${unit}`;
  if (isObj(o.fourchette)) {
    const f = o.fourchette;
    return `${num(f.min) === undefined ? '?' : decimal(num(f.min) as number)} à ${num(f.max) === undefined ? '?' : decimal(num(f.max) as number)}${unit}`;
  }
  if (num(o.rang) !== undefined) return `rang ${num(o.rang)}`;
  return '—';
}

/** The criteria sets of a consultation, with the lots each applies to. */
export function criteriaViews(c: SourceDoc): CriteriaView[] {
  const { data, src } = c;
  const total = num(data.ponderation_totale) ?? 100;
  const lots = list(data.lots).map(obj);
  return criteriaSets(data).map((set) => {
    const own = set.lotId !== undefined;
    const applies = own ? lots.filter((l) => str(l.id) === set.lotId) : lots.filter((l) => !Array.isArray(l.criteres));
    const criteria = set.criteres.map((o, i): CriterionView => {
      // Ids and weights as the ranking reads them (lotRanking.ts): a range counts for its middle in totals.
      const id = criterionId(o, i);
      return {
        id,
        label: str(o.libelle) ?? id,
        o,
        weight: criterionWeight(o),
        weightText: weightText(o, total),
        environmental: isEnvironmental(o),
        isPrice: isPriceOrCost(o),
        line: src.at(...set.path, i),
        subs: list(o.sous_criteres).map((s, j) => {
          const so = obj(s);
          const sid = subCriterionId(so, id, j);
          return { id: sid, label: str(so.libelle) ?? sid, weight: criterionWeight(so), weightText: weightText(so, total), environmental: isEnvironmental(so), line: src.at(...set.path, i, 'sous_criteres', j) };
        }),
      };
    });
    const lot = own ? lots.find((l) => str(l.id) === set.lotId) : undefined;
    return {
      set,
      title: own ? `Lot ${set.lotId}${lot && str(lot.intitule) ? ` — ${str(lot.intitule)}` : ''}` : lots.length && applies.length < lots.length ? 'Critères communs aux autres lots' : 'Critères communs',
      lots: applies,
      criteria,
      total,
      ranked: set.owner.hierarchisation === true || criteria.every((x) => x.weight === undefined && num(x.o.rang) !== undefined),
      line: src.at(...set.path),
    };
  });
}

