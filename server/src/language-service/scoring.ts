/**
 * The arithmetic of the rapport d'analyse des offres: price scores by the chosen method, criterion
 * notes from sub-criteria, weighted totals, ranking, detection of abnormally low offers and the
 * price-scoring simulation. Pure functions on numbers, in full double precision (rounding is the
 * printer's job, see format.ts). Formulas follow the DAJ note on price scoring (2024) — see PRICE_FORMULAS.
 */

export type PriceMethod = 'classique' | 'lineaire' | 'moyenne';

export interface PriceStats {
  pmin: number;
  pmax: number;
  pmoy: number;
  n: number;
}

export function priceStats(prices: readonly number[]): PriceStats | undefined {
  if (prices.length === 0) return undefined;
  let pmin = Infinity;
  let pmax = -Infinity;
  let s = 0;
  for (const p of prices) {
    pmin = Math.min(pmin, p);
    pmax = Math.max(pmax, p);
    s += p;
  }
  return { pmin, pmax, pmoy: s / prices.length, n: prices.length };
}

/** The formula of each method, as printed in the deliverables. */
export const PRICE_FORMULAS: Readonly<Record<PriceMethod, string>> = {
  classique: 'N = Nmax × Pmin / P',
  lineaire: 'N = Nmax × (Pmax − P) / (Pmax − Pmin) ; N = Nmax si Pmax = Pmin',
  moyenne: 'N = Nmax × [1 − (P − Pmin) / (2 × (Pmoy − Pmin))], bornée à 0 ; N = Nmax si Pmoy = Pmin',
};

export const PRICE_METHOD_NOTES: Readonly<Record<PriceMethod, string>> = {
  classique: 'Méthode proportionnelle (fiche DAJ 2024) : la meilleure note va au prix le plus bas, les autres en proportion inverse du prix.',
  lineaire: 'Méthode linéaire (fiche DAJ 2024) : droite entre le prix le plus bas (note maximale) et le prix le plus élevé (note nulle).',
  moyenne:
    'Méthode de la moyenne des offres : l’offre au prix le plus bas obtient la note maximale et l’offre au prix moyen la moitié de celle-ci, sur une droite bornée à 0. Formule retenue par AMO Authoring [à vérifier avec la fiche DAJ 2024] ; si le RC fixe une autre formule, déclarez « methode: autre » et saisissez les notes du prix.',
};

/** The price score of `price` among offers with statistics `s`, on a scale of `nmax`. */
export function priceScore(method: PriceMethod, price: number, s: PriceStats, nmax: number): number {
  switch (method) {
    case 'classique':
      return price > 0 ? (nmax * s.pmin) / price : nmax;
    case 'lineaire':
      return s.pmax === s.pmin ? nmax : (nmax * (s.pmax - price)) / (s.pmax - s.pmin);
    case 'moyenne':
      return s.pmoy === s.pmin ? nmax : Math.max(0, nmax * (1 - (price - s.pmin) / (2 * (s.pmoy - s.pmin))));
  }
}

export interface SubCriterion {
  id: string;
  weight?: number;
}

export interface Criterion {
  id: string;
  /** Numeric weight used in the total (a range's middle when only a range is given). */
  weight?: number;
  isPrice: boolean;
  subs: SubCriterion[];
}

export interface OfferScoreInput {
  id: string;
  /** The price on the scoring base (HT or TTC); undefined when not given. */
  price?: number;
  /** Notes entered per criterion or sub-criterion id, on the scale of `nmax`. */
  notes: Readonly<Record<string, number>>;
  /** False for offers removed before ranking (irregular, unacceptable, inappropriate, abnormally low). */
  admissible: boolean;
}

export interface CriterionNote {
  /** The criterion's note on the scale of `nmax` (undefined when nothing could be computed). */
  note?: number;
  /** Weighted points: weight × note / nmax. */
  points: number;
  /** Ids whose note is missing (counted as 0). */
  missing: string[];
}

export interface ScoredOffer {
  id: string;
  notes: Record<string, CriterionNote>;
  total: number;
  /** Why the offer is not ranked: not admissible, or under the note éliminatoire. */
  excluded?: 'inadmissible' | 'eliminatoire';
  rank?: number;
}

export interface LotScore {
  offers: ScoredOffer[];
  stats?: PriceStats;
  /** Sum of the weights (the maximum total). */
  maxTotal: number;
}

export interface ScoreOptions {
  /** The price method; undefined for a custom method (`autre`): the price note is read from `notes`. */
  method?: PriceMethod;
  nmax: number;
  eliminatoire?: { id: string; seuil: number };
}

/** The note of a criterion from its own note or its sub-criteria (weighted mean, else plain mean). */
export function criterionNote(c: Criterion, notes: Readonly<Record<string, number>>): { note?: number; missing: string[] } {
  const subsNoted = c.subs.some((s) => notes[s.id] !== undefined);
  if (c.subs.length === 0 || (!subsNoted && notes[c.id] !== undefined)) {
    return notes[c.id] !== undefined ? { note: notes[c.id], missing: [] } : { missing: [c.id] };
  }
  const missing = c.subs.filter((s) => notes[s.id] === undefined).map((s) => s.id);
  const weighted = c.subs.every((s) => s.weight !== undefined && s.weight >= 0);
  const wsum = weighted ? c.subs.reduce((a, s) => a + (s.weight as number), 0) : c.subs.length;
  if (wsum === 0) return { missing };
  let acc = 0;
  for (const s of c.subs) acc += (notes[s.id] ?? 0) * (weighted ? (s.weight as number) : 1);
  return { note: acc / wsum, missing };
}

/**
 * Scores the offers of one lot. Price statistics (Pmin, Pmax, Pmoy) are taken over the offers that are
 * ranked: admissible and not under the note éliminatoire. Ties share a rank (1, 1, 3).
 */
export function scoreLot(criteria: readonly Criterion[], offers: readonly OfferScoreInput[], o: ScoreOptions): LotScore {
  const noteOf = (offer: OfferScoreInput, id: string): number | undefined => {
    if (offer.notes[id] !== undefined) return offer.notes[id];
    const c = criteria.find((x) => x.id === id);
    return c ? criterionNote(c, offer.notes).note : undefined;
  };
  const eliminated = (offer: OfferScoreInput): boolean => {
    if (!o.eliminatoire) return false;
    const n = noteOf(offer, o.eliminatoire.id);
    return n !== undefined && n < o.eliminatoire.seuil;
  };
  const ranked = offers.filter((x) => x.admissible && !eliminated(x));
  const stats = priceStats(ranked.map((x) => x.price).filter((p): p is number => p !== undefined));
  const maxTotal = criteria.reduce((a, c) => a + (c.weight ?? 0), 0);

  const scored: ScoredOffer[] = offers.map((offer) => {
    const notes: Record<string, CriterionNote> = {};
    let total = 0;
    for (const c of criteria) {
      let cn: { note?: number; missing: string[] };
      if (c.isPrice && o.method) {
        cn = offer.price !== undefined && stats ? { note: priceScore(o.method, offer.price, stats, o.nmax), missing: [] } : { missing: [c.id] };
      } else {
        cn = criterionNote(c, offer.notes);
      }
      const points = cn.note !== undefined && c.weight !== undefined ? (c.weight * cn.note) / o.nmax : 0;
      notes[c.id] = { ...cn, points };
      total += points;
    }
    const excluded = !offer.admissible ? 'inadmissible' : eliminated(offer) ? 'eliminatoire' : undefined;
    return { id: offer.id, notes, total, excluded };
  });

  const order = scored.filter((s) => !s.excluded).sort((a, b) => b.total - a.total);
  order.forEach((s, i) => {
    // Equal totals (to the 1e-9) share the rank of the first of them.
    s.rank = i > 0 && Math.abs(order[i - 1].total - s.total) < 1e-9 ? order[i - 1].rank : i + 1;
  });
  return { offers: scored, stats, maxTotal };
}

export type OabIndicator = 'ecart_type' | 'caa_20_10' | 'pct_moyenne' | 'pct_estimation';

export interface OabResult {
  indicator: OabIndicator;
  /** How the indicator was chosen: declared in `oab.detection`, or the default. */
  declared: boolean;
  /** The formula, as printed. */
  formula: string;
  n: number;
  mean?: number;
  sigma?: number;
  /** The CAA method: the second mean, after dropping offers more than 20 % above the first. */
  mean2?: number;
  threshold?: number;
  /** Ids of offers strictly below the threshold. */
  below: string[];
}

/** Reads the indicator from the free text of `oab.detection` ("moyenne moins un écart-type", "15 % sous l'estimation"…). */
export function oabIndicator(detection: string | undefined): { indicator: OabIndicator; k: number; pct: number; declared: boolean } {
  const f = (detection ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const pctMatch = /(\d+(?:[.,]\d+)?)\s*%/.exec(f);
  const pct = pctMatch ? Number(pctMatch[1].replace(',', '.')) : 0;
  if (/ecarts?[- ]?types?|sigma|σ/.test(f)) {
    const km = /(\d+(?:[.,]\d+)?)\s*(?:x|×|fois)?\s*(?:l['’]\s*)?ecart/.exec(f);
    const k = /deux\s+(?:fois\s+)?(?:l['’]\s*)?ecart/.test(f) ? 2 : km ? Number(km[1].replace(',', '.')) : 1;
    return { indicator: 'ecart_type', k, pct: 0, declared: true };
  }
  if (/20\s*%/.test(f) && /10\s*%/.test(f)) return { indicator: 'caa_20_10', k: 1, pct: 10, declared: true };
  if (pct > 0 && /estimation|estimatif/.test(f)) return { indicator: 'pct_estimation', k: 1, pct, declared: true };
  if (pct > 0 && /moyenne/.test(f)) return { indicator: 'pct_moyenne', k: 1, pct, declared: true };
  return { indicator: 'ecart_type', k: 1, pct: 0, declared: false };
}

/**
 * Applies the detection indicator to `prices` (HT). It only points at offers for which justifications
 * must be requested (L2152-6, R2152-3): it never rejects an offer by itself. The standard deviation is
 * that of the population (division by n), as in the FFB/APVF proposal.
 */
export function detectOab(detection: string | undefined, prices: readonly { id: string; price: number }[], estimate?: number): OabResult {
  const ind = oabIndicator(detection);
  const n = prices.length;
  const mean = n ? prices.reduce((a, p) => a + p.price, 0) / n : undefined;
  const base = { indicator: ind.indicator, declared: ind.declared, n, mean, below: [] as string[] };
  const flag = (threshold: number | undefined): string[] => (threshold === undefined ? [] : prices.filter((p) => p.price < threshold).map((p) => p.id));
  switch (ind.indicator) {
    case 'ecart_type': {
      const sigma = mean === undefined ? undefined : Math.sqrt(prices.reduce((a, p) => a + (p.price - mean) ** 2, 0) / n);
      const threshold = mean === undefined || sigma === undefined ? undefined : mean - ind.k * sigma;
      const k = ind.k === 1 ? '' : `${ind.k} × `;
      return { ...base, sigma, threshold, formula: `seuil = moyenne − ${k}σ, σ = √(Σ(P − moyenne)² / n)`, below: flag(threshold) };
    }
    case 'caa_20_10': {
      const kept = mean === undefined ? [] : prices.filter((p) => p.price <= mean * 1.2);
      const mean2 = kept.length ? kept.reduce((a, p) => a + p.price, 0) / kept.length : undefined;
      const threshold = mean2 === undefined ? undefined : mean2 * 0.9;
      return { ...base, mean2, threshold, formula: 'M1 = moyenne des offres ; M2 = moyenne des offres ≤ 1,2 × M1 ; seuil = 0,9 × M2', below: flag(threshold) };
    }
    case 'pct_moyenne': {
      const threshold = mean === undefined ? undefined : mean * (1 - ind.pct / 100);
      return { ...base, threshold, formula: `seuil = moyenne × (1 − ${String(ind.pct).replace('.', ',')} %)`, below: flag(threshold) };
    }
    case 'pct_estimation': {
      const threshold = estimate === undefined ? undefined : estimate * (1 - ind.pct / 100);
      return { ...base, threshold, formula: `seuil = estimation × (1 − ${String(ind.pct).replace('.', ',')} %)`, below: flag(threshold) };
    }
  }
}

export const SIMULATION_RATIOS = [1, 1.25, 1.5, 2] as const;

export interface SimulationRow {
  ratio: number;
  price: number;
  notes: Record<PriceMethod, number>;
}

/**
 * The price-scoring simulation recommended by the DAJ: a fictitious set of four offers at Pmin,
 * 1.25 × Pmin, 1.5 × Pmin and 2 × Pmin, scored by each method (Pmax and Pmoy are those of the set).
 */
export function simulate(pmin: number, nmax: number): SimulationRow[] {
  const prices = SIMULATION_RATIOS.map((r) => pmin * r);
  const s = priceStats(prices) as PriceStats;
  return SIMULATION_RATIOS.map((ratio, i) => ({
    ratio,
    price: prices[i],
    notes: {
      classique: priceScore('classique', prices[i], s, nmax),
      lineaire: priceScore('lineaire', prices[i], s, nmax),
      moyenne: priceScore('moyenne', prices[i], s, nmax),
    },
  }));
}
