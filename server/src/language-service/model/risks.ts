/** Risk facts of a programme: the declared scale and a risk's criticality (read by RSK- rules, hovers, inlay hints, the register). */
import { num, obj, type Obj } from '../util/index';

/** The declared scale (4 or 5 levels), else the 4×4 default. */
export function riskScale(data: Obj): { p: number; i: number; seuil: number; declared: boolean } {
  const e = obj(data.echelle_risques);
  const p = num(e.probabilite);
  const i = num(e.impact);
  const declared = (p === 4 || p === 5) && (i === 4 || i === 5);
  const pp = declared ? (p as number) : 4;
  const ii = declared ? (i as number) : 4;
  // Defaults of the catalogue: 9 on a 4×4 scale, 12 on a 5×5 one ([U], configurable through seuil_critique).
  const seuil = num(e.seuil_critique) ?? (Math.max(pp, ii) >= 5 ? 12 : 9);
  return { p: pp, i: ii, seuil, declared };
}

export function criticality(r: Obj): number | undefined {
  const p = num(r.probabilite);
  const i = num(r.impact);
  return p !== undefined && i !== undefined ? p * i : undefined;
}
