import { consultationModel } from '../language-service/model/build';
import type { CriteriaSetM } from '../language-service/model/types';
import { isObj, num, str, type Obj } from '../language-service/util/data';
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
  set: CriteriaSetM;
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
  const model = consultationModel(data);
  const lots = model.lots.map((l) => l.o);
  return model.criteriaSets.map((set) => {
    const own = set.lotId !== undefined;
    const applies = own ? model.lots.filter((l) => l.id === set.lotId).map((l) => l.o) : lots.filter((l) => !Array.isArray(l.criteres));
    const criteria = set.criteria.map((cr): CriterionView => {
      // Ids and weights as the ranking reads them (model: lotRanking.ts): a range counts for its middle in totals.
      const { o, name: id } = cr;
      return {
        id,
        label: cr.libelle ?? id,
        o,
        weight: cr.weight,
        weightText: weightText(o, total),
        environmental: cr.environmental,
        isPrice: cr.priceOrCost,
        line: src.at(...cr.path),
        subs: cr.sub.map((sc) => ({ id: sc.name, label: sc.libelle ?? sc.name, weight: sc.weight, weightText: weightText(sc.o, total), environmental: sc.environmental, line: src.at(...sc.path) })),
      };
    });
    const lot = own ? model.lotById.get(set.lotId as string)?.o : undefined;
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

