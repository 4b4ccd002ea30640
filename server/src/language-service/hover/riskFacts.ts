import { criticalityClass } from '../catalog/criticality';
import { riskScale } from '../model/risks';
import { num, obj } from '../util/data';
import type { HoverData } from './hoverData';

/**
 * Criticality of a risk (P × I) and its class (on 4×4, 1–3 faible, 4–6 modéré,
 * 8–9 élevé, 12–16 critique; other scales scaled by their maximum, see catalog/criticality.ts), against
 * the programme's critical threshold, with the residual criticality when given.
 */

/** The classes of a p × i scale as ranges of the products that can occur: `1–3 faible · 4–6 modéré…`. */
export function classLegend(d: HoverData, p: number, i: number): string {
  const products = new Set<number>();
  for (let a = 1; a <= p; a++) for (let b = 1; b <= i; b++) products.add(a * b);
  const ranges = new Map<string, { min: number; max: number; label: string }>();
  for (const c of [...products].sort((a, b) => a - b)) {
    const k = criticalityClass(c, p, i);
    const r = ranges.get(k.code);
    if (r) r.max = c;
    else ranges.set(k.code, { min: c, max: c, label: d.t(k.label.fr, k.label.en) });
  }
  return [...ranges.values()].map((r) => `${r.min === r.max ? r.min : `${r.min}–${r.max}`} ${r.label}`).join(' · ');
}

export function riskFacts(d: HoverData, index: number): string | undefined {
  const r = obj(d.at(['risques', index]));
  const scale = riskScale(d.root);
  const p = num(r.probabilite);
  const i = num(r.impact);
  const lines: string[] = [];
  if (p === undefined || i === undefined) {
    lines.push(d.t('Criticité non calculable : renseignez « probabilite » et « impact ».', "Criticality not computable: fill in 'probabilite' and 'impact'."));
  } else {
    const c = p * i;
    const k = criticalityClass(c, scale.p, scale.i);
    lines.push(`**${d.k('Criticité', 'Criticality')} ${p} × ${i} = ${c} — ${d.t(k.label.fr, k.label.en)}**`);
    lines.push(`${d.t('Classes', 'Classes')} (${scale.p}×${scale.i}${scale.declared ? '' : d.t(', échelle par défaut', ', default scale')})${d.colon} ${classLegend(d, scale.p, scale.i)}`);
    lines.push(
      c >= scale.seuil
        ? d.t(`Au-dessus du seuil critique (${scale.seuil}) : acceptation seulement justifiée, actions avec responsable et échéance (RSK-004).`, `At or above the critical threshold (${scale.seuil}): retention only with a justification, actions with an owner and a due date (RSK-004).`)
        : d.t(`Sous le seuil critique (${scale.seuil}).`, `Below the critical threshold (${scale.seuil}).`),
    );
    const declared = num(r.criticite);
    if (declared !== undefined && declared !== c) lines.push(d.t(`Criticité indiquée ${declared} ≠ P × I (RSK-003).`, `Stated criticality ${declared} ≠ P × I (RSK-003).`));
    const pr = num(r.probabilite_residuelle);
    const ir = num(r.impact_residuel);
    if (pr !== undefined && ir !== undefined) {
      const cr = pr * ir;
      const kr = criticalityClass(cr, scale.p, scale.i);
      const worse = cr > c ? d.t(' — supérieure à la criticité initiale (RSK-006)', ' — above the initial criticality (RSK-006)') : '';
      lines.push(`${d.k('Résiduelle', 'Residual')} ${pr} × ${ir} = ${cr} — ${d.t(kr.label.fr, kr.label.en)}${worse}`);
    }
  }
  return lines.join('\n\n');
}
