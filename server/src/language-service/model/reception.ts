/** Reception facts of a works consultation: open reserves, the end of the GPA, the candidates of a lot (REC- rules, hovers, completion, the PV). */
import { lotRanking, retainedCandidates } from './lotRanking';
import { addYears, date, list, obj, str, type Obj } from '../util/index';

/** A reserve is lifted when its statut says so, or, without a statut, when it has a lifting date. */
export function reserveOpen(r: Obj): boolean {
  const s = str(r.statut);
  if (s !== undefined) return s !== 'levee';
  return date(r.date_levee) === undefined;
}

/** End of the GPA: one year after the acceptance (29 February → 28 February, util/data addYears). */
export function gpaEnd(rec: Obj): string | undefined {
  const d = date(rec.date_reception);
  return d ? addYears(d, 1) : undefined;
}

/**
 * The candidates of the offers of `lot` (undefined: the offers without a lot), the retained ones first.
 * The retained ones hold the lot: ranked first (ties included) by the ranking of the rapport d'analyse
 * des offres (lotRanking.ts), which the PV de réception names too. `retained` is empty when the RAO ranks
 * no offer of that lot (all inadmissible or eliminated, or a lot the consultation does not declare).
 */
export function lotCandidates(data: Obj, lot: string | undefined): { retained: string[]; all: string[] } {
  const offers = list(data.offres).map(obj).filter((o) => str(o.lot) === lot);
  const all = [...new Set(offers.map((o) => str(o.candidat)).filter((c): c is string => !!c))];
  if (offers.length === 0) return { retained: [], all };
  const retained = retainedCandidates(lotRanking(data, lot));
  return { retained, all: [...retained, ...all.filter((c) => !retained.includes(c))] };
}
