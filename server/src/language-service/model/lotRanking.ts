/**
 * Who holds a lot: the ranking of the offers of each lot, read from a consultation exactly as the
 * rapport d'analyse des offres ranks them. The one place that turns the document into the inputs of
 * the scoring arithmetic (scoring.ts): which offers and which criteria set belong to a lot, the price
 * setup (method, note max, base with its HT fallback), the criteria weights (a range counts for its
 * middle), the note éliminatoire and the admissibility of offers. The RAO (render/raoLot.ts), the PV's
 * lot holders (render/reception.ts) and REC-007 and completion (rules/reception.ts lotCandidates) all
 * rank through here: the client reads the RAO, so nothing else may name another holder.
 * Pure and total: odd values give missing notes or no ranking, never exceptions.
 */
import { criteriaSets, isPriceOrCost, type CriteriaSet } from './consultation';
import { scoreLot, type Criterion, type LotScore, type PriceMethod } from '../scoring';
import { isObj, list, num, obj, str, type Obj } from '../util/data';

/** An offer of `offres` and its index there. */
export interface OfferRef {
  o: Obj;
  i: number;
}

/** The offers of one lot (or of the whole consultation when it has no lots) and the criteria that apply. */
export interface RankingLot {
  /** Lot id, undefined for a consultation without lots. */
  lotId?: string;
  lot?: Obj;
  offers: OfferRef[];
  set: CriteriaSet;
  /** Index of `set` in criteriaSets(data): the RAO prints the criteria view of the same index. */
  setIndex: number;
}

export interface PriceSetup {
  /** The price method; undefined for `autre` (the price note is then read from `notes`). */
  method?: PriceMethod;
  /** The method as declared (classique, …, autre), or undefined when not declared. */
  declared?: string;
  nmax: number;
  /** The base actually used for this lot: TTC only when every offer of the lot has a TTC price. */
  base: 'HT' | 'TTC';
  /** Base TTC asked for but these offers have no TTC price: the whole lot is compared HT. */
  missingTtc: OfferRef[];
}

/** The ranking of one lot: its offers, price setup and scores (`score.offers[k]` is `offers[k]`). */
export interface LotRanking extends RankingLot {
  setup: PriceSetup;
  criteria: Criterion[];
  score: LotScore;
}

/** The id an offer is scored and printed under. */
export function offerId(o: Obj, i: number): string {
  return str(o.id) ?? `#${i + 1}`;
}

export function criterionId(c: Obj, i: number): string {
  return str(c.id) ?? `#${i + 1}`;
}

export function subCriterionId(s: Obj, parentId: string, j: number): string {
  return str(s.id) ?? `${parentId}.${j + 1}`;
}

/** The weight of a criterion or sub-criterion in totals: its ponderation, else the middle of its range. */
export function criterionWeight(c: Obj): number | undefined {
  const w = num(c.ponderation);
  if (w !== undefined || !isObj(c.fourchette)) return w;
  const lo = num(c.fourchette.min);
  const hi = num(c.fourchette.max);
  return lo !== undefined && hi !== undefined ? (lo + hi) / 2 : undefined;
}

/** An offer is ranked unless its statut removes it (irregular, unacceptable, inappropriate, abnormally low). */
export function admissible(o: Obj): boolean {
  const s = str(o.statut);
  return s === undefined || s === 'recevable';
}

/** The criteria of a set in the shape of the scoring module. */
export function rankingCriteria(set: CriteriaSet): Criterion[] {
  return set.criteres.map((c, i) => {
    const id = criterionId(c, i);
    return { id, weight: criterionWeight(c), isPrice: isPriceOrCost(c), subs: list(c.sous_criteres).map((s, j) => ({ id: subCriterionId(obj(s), id, j), weight: criterionWeight(obj(s)) })) };
  });
}

/**
 * The lots the RAO analyses: every lot of `lots` that received offers, with its own criteria or else the
 * common ones (or the first set when there is none); without lots, every offer as one "marché unique".
 */
export function rankingLots(data: Obj): RankingLot[] {
  // Linear in offers and lots (a 50,000-line consultation has hundreds of lots and thousands of offers),
  // and remembered per parsed data object: hovers, completion and REC-007 ask for one lot at a time.
  const known = lotsCache.get(data);
  if (known) return known;
  const out = computeRankingLots(data);
  lotsCache.set(data, out);
  return out;
}

const lotsCache = new WeakMap<Obj, RankingLot[]>();

function computeRankingLots(data: Obj): RankingLot[] {
  const sets = criteriaSets(data);
  if (!sets.length) return [];
  const found = sets.findIndex((s) => s.lotId === undefined);
  const common = found >= 0 ? found : 0;
  const offers = list(data.offres).map((o, i) => ({ o: obj(o), i }));
  const lots = list(data.lots).map(obj);
  if (!lots.length) return offers.length ? [{ offers, set: sets[common], setIndex: common }] : [];
  const byLot = new Map<string | undefined, OfferRef[]>();
  for (const offer of offers) {
    const id = str(offer.o.lot);
    const mine = byLot.get(id);
    if (mine) mine.push(offer);
    else byLot.set(id, [offer]);
  }
  const setOf = new Map<string | undefined, number>();
  sets.forEach((s, k) => {
    if (!setOf.has(s.lotId)) setOf.set(s.lotId, k);
  });
  const out: RankingLot[] = [];
  for (const lot of lots) {
    const lotId = str(lot.id);
    const mine = byLot.get(lotId) ?? [];
    const setIndex = setOf.get(lotId) ?? common;
    if (mine.length) out.push({ lotId, lot, offers: mine, set: sets[setIndex], setIndex });
  }
  return out;
}

export function priceSetup(data: Obj, offers: readonly OfferRef[]): PriceSetup {
  const np = obj(data.notation_prix);
  const declared = str(np.methode);
  const method = declared === 'autre' ? undefined : declared === 'lineaire' || declared === 'moyenne' ? declared : 'classique';
  const nmax = num(np.note_max) ?? 20;
  const wantTtc = str(np.base) === 'TTC';
  // Prices of one lot are compared on one base: mixing TTC and HT would favour the offers given HT.
  const missingTtc = wantTtc ? offers.filter(({ o }) => num(o.prix_ttc) === undefined) : [];
  return { method, declared, nmax, base: wantTtc && !missingTtc.length ? 'TTC' : 'HT', missingTtc };
}

/** The price of an offer on the lot's base. */
export function priceOf(o: Obj, base: 'HT' | 'TTC'): number | undefined {
  return num(base === 'TTC' ? o.prix_ttc : o.prix_ht);
}

export function eliminatoire(data: Obj): { id: string; seuil: number } | undefined {
  const ne = obj(data.note_eliminatoire);
  const id = str(ne.critere);
  const seuil = num(ne.seuil);
  return id !== undefined && seuil !== undefined ? { id, seuil } : undefined;
}

function notesOf(o: Obj): Record<string, number> {
  return Object.fromEntries(Object.entries(obj(o.notes)).filter(([, v]) => num(v) !== undefined)) as Record<string, number>;
}

/** Scores the offers of a lot with its criteria and `setup`; `offers[k]` of the lot is `offers[k]` of the result. */
export function scoreLotOffers(data: Obj, lot: RankingLot, setup: PriceSetup, criteria: Criterion[] = rankingCriteria(lot.set)): LotScore {
  return scoreLot(
    criteria,
    lot.offers.map(({ o, i }) => ({ id: offerId(o, i), price: priceOf(o, setup.base), notes: notesOf(o), admissible: admissible(o) })),
    { method: setup.method, nmax: setup.nmax, eliminatoire: eliminatoire(data) },
  );
}

export function rankLot(data: Obj, lot: RankingLot): LotRanking {
  const setup = priceSetup(data, lot.offers);
  const criteria = rankingCriteria(lot.set);
  return { ...lot, setup, criteria, score: scoreLotOffers(data, lot, setup, criteria) };
}

/** The ranking of every lot the RAO analyses. */
export function lotRankings(data: Obj): LotRanking[] {
  return rankingLots(data).map((lot) => rankLot(data, lot));
}

/** The ranking of lot `lotId` (undefined: the consultation without lots), or undefined when the RAO has none. */
export function lotRanking(data: Obj, lotId: string | undefined): LotRanking | undefined {
  const lot = rankingLots(data).find((l) => l.lotId === lotId);
  return lot && rankLot(data, lot);
}

/** The offers ranked first (ties included), in the order of `offres`. */
export function firstRanked(r: LotRanking): OfferRef[] {
  return r.offers.filter((_, k) => r.score.offers[k].rank === 1);
}

/** The holder(s) of a lot: the candidates of its offers ranked first, each once; empty when none is ranked. */
export function retainedCandidates(r: LotRanking | undefined): string[] {
  if (!r) return [];
  return [...new Set(firstRanked(r).map(({ o }) => str(o.candidat)).filter((c): c is string => !!c))];
}
