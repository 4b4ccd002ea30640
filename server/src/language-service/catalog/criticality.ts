import type { Msg } from '../types';

/**
 * Criticality classes of a risk (P × I), usual construction practice [S]: on the 4×4 scale 1–3 faible, 4–6 modéré,
 * 8–9 élevé, 12–16 critique. Other scales (5×5, 4×5) scale the bounds by their maximum product (an
 * extrapolation, [U]): on 5×5, 1–4 faible, 5–9 modéré, 10–14 élevé, 15–25 critique.
 */
export interface CriticalityClass {
  code: 'faible' | 'modere' | 'eleve' | 'critique';
  label: Msg;
}

const CLASSES: readonly (CriticalityClass & { upTo16: number })[] = [
  { code: 'faible', upTo16: 3, label: { fr: 'faible', en: 'low' } },
  { code: 'modere', upTo16: 6, label: { fr: 'modéré', en: 'moderate' } },
  { code: 'eleve', upTo16: 9, label: { fr: 'élevé', en: 'high' } },
  { code: 'critique', upTo16: Infinity, label: { fr: 'critique', en: 'critical' } },
];

/** The class of criticality `c` on a scale of `p` likelihood levels by `i` impact levels. */
export function criticalityClass(c: number, p = 4, i = 4): CriticalityClass {
  const max = p * i;
  const found = CLASSES.find((k) => c <= Math.floor((k.upTo16 * max) / 16));
  const { code, label } = found ?? CLASSES[CLASSES.length - 1];
  return { code, label };
}
