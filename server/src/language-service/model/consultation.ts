import { BUYER_CATEGORIES, euThresholdKey, EU_THRESHOLDS, valueAt, type BuyerCategory, type DatedValue, type Lookup, type MinimumDelay } from '../data/legalData';
import type { Msg } from '../types';
import { categoriesOf } from './buyer';
export { categoriesOf };
import type { Path } from '../types';
import { addDays, date, daysBetween, frDate, isObj, list, nonEmpty, num, obj, str, sum, type Obj } from '../util/index';

export const FORMALISED = new Set(['AOO', 'AOR', 'PN', 'DC']);

/** What the dated helpers read of a consultation: its data, today and its programme (a rule context or a hover). */
export interface ConsultationFacts {
  data: Obj;
  /** Today's date (ISO). */
  today: string;
  /** The programme the consultation names, when it could be read. */
  programme?: { data: Obj };
}

/** A list of award criteria that applies to offers: the consultation's, or a lot's own. */
export interface CriteriaSet {
  /** Path of the `criteres` list. */
  path: Path;
  criteres: Obj[];
  /** The object that holds the list (the consultation or a lot): hierarchisation, justification. */
  owner: Obj;
  lotId?: string;
}

/** The criteria sets in force: the consultation's (unless every lot has its own) and each lot's own. */
export function criteriaSets(data: Obj): CriteriaSet[] {
  const sets: CriteriaSet[] = [];
  const lots = list(data.lots).map(obj);
  const lotsWithOwn = lots.filter((l) => Array.isArray(l.criteres));
  const everyLotOwn = lots.length > 0 && lotsWithOwn.length === lots.length;
  if (Array.isArray(data.criteres) || !everyLotOwn) {
    sets.push({ path: ['criteres'], criteres: list(data.criteres).map(obj), owner: data });
  }
  lots.forEach((lot, i) => {
    if (Array.isArray(lot.criteres)) {
      sets.push({ path: ['lots', i, 'criteres'], criteres: list(lot.criteres).map(obj), owner: lot, lotId: str(lot.id) });
    }
  });
  return sets;
}

/** A criterion's type; when absent, inferred from its id or label (PRIX, "Coût global"…). */
export function criterionType(c: Obj): string | undefined {
  const t = str(c.type);
  if (t) return t;
  const label = `${str(c.id) ?? ''} ${str(c.libelle) ?? ''}`.toLowerCase();
  if (/\bprix\b|\bprice\b/.test(label)) return 'prix';
  if (/co[uû]t|\bcost\b/.test(label)) return 'cout';
  return undefined;
}

export function isPriceOrCost(c: Obj): boolean {
  const t = criterionType(c);
  return t === 'prix' || t === 'cout';
}

export function isEnvironmental(c: Obj): boolean {
  return c.environnemental === true || c.prend_en_compte_environnement === true || str(c.type) === 'environnement';
}

export function hasWeight(c: Obj): boolean {
  return num(c.ponderation) !== undefined || isObj(c.fourchette);
}

/**
 * The consultation's reference date for dated rules. `date_lancement`, else `date_envoi_avis` (a consultation
 * is engaged when its notice is sent: décret 2025-1386 art. 4) are exact. Without them, the launch precedes
 * every other date of the file, so the earliest of those is an upper bound (`bounded`): a rule must never apply
 * an obligation that starts after a launch that may have come before it. With no date at all, today (a draft
 * being written now, `assumed`).
 */
export interface LaunchInfo {
  date: string;
  /** No date in the file: today's date is used. */
  assumed: boolean;
  /** Only an upper bound of the launch is known (the earliest other date of the file). */
  bounded: boolean;
  /** The key whose value is used, or 'today'. */
  source: string;
}

const LATER_DATES = ['date_limite_candidatures', 'date_envoi_invitation', 'date_limite_offres', 'date_notification_rejet', 'date_attribution_prevue', 'date_signature'];

export function launchInfo(ctx: ConsultationFacts): LaunchInfo {
  for (const key of ['date_lancement', 'date_envoi_avis']) {
    const d = date(ctx.data[key]);
    if (d) return { date: d, assumed: false, bounded: false, source: key };
  }
  let best: { date: string; source: string } | undefined;
  for (const key of LATER_DATES) {
    const d = date(ctx.data[key]);
    if (d && (!best || d < best.date)) best = { date: d, source: key };
  }
  if (best) return { ...best, assumed: false, bounded: true };
  return { date: ctx.today, assumed: true, bounded: false, source: 'today' };
}

/** The reference date (see launchInfo), with `assumed` when today's date stands in for it. */
export function launchDate(ctx: ConsultationFacts): { date: string; assumed: boolean } {
  const l = launchInfo(ctx);
  return { date: l.date, assumed: l.assumed };
}

/** How the reference date is said in a message: « lancée le … », « au plus tard le … (date_limite_offres) », « date du jour … ». */
export function launchText(l: LaunchInfo): { fr: string; en: string } {
  if (l.assumed) return { fr: `sans date de lancement (date du jour ${frDate(l.date)} retenue)`, en: `without a launch date (today ${l.date} assumed)` };
  if (l.bounded) return { fr: `lancée au plus tard le ${frDate(l.date)} (${l.source}, date_lancement absente)`, en: `launched on ${l.date} at the latest (${l.source}; no date_lancement)` };
  return { fr: `lancée le ${frDate(l.date)}${l.source === 'date_envoi_avis' ? ' (envoi de l’avis)' : ''}`, en: `launched on ${l.date}${l.source === 'date_envoi_avis' ? ' (notice sent)' : ''}` };
}

/**
 * The dates at which a dated value must be read: the reference date, and when only an upper bound is known,
 * every period start of the last 12 months before it (the launch may fall in any of them).
 */
export function candidateDates(l: LaunchInfo, table: readonly DatedValue[]): string[] {
  if (!l.bounded) return [l.date];
  const earliest = addDays(l.date, -365);
  const out = new Set([l.date, earliest]);
  for (const r of table) if (r.from && r.from > earliest && r.from < l.date) out.add(r.from);
  return [...out];
}

/** A dated value read over the candidate dates: the most lenient and the strictest reading. */
export interface DatedRange {
  min: number;
  max: number;
  /** Every candidate date lies outside the known periods: the value is extrapolated, no error may rest on it. */
  extrapolated: boolean;
  entry: DatedValue;
}

export function datedRange(table: readonly DatedValue[], key: string, l: LaunchInfo): DatedRange | undefined {
  const hits = candidateDates(l, table).map((d) => valueAt(table, key, d)).filter((x): x is Lookup => x !== undefined);
  if (hits.length === 0) return undefined;
  const known = hits.filter((h) => !h.extrapolated);
  const use = known.length > 0 ? known : hits;
  const values = use.map((h) => h.value);
  return { min: Math.min(...values), max: Math.max(...values), extrapolated: known.length === 0, entry: use[0].entry };
}

export function procedureType(data: Obj): string | undefined {
  return str(obj(data.procedure).type);
}

/** The estimated value: `valeur_estimee_ht`, else the sum of the lots' values when all are given. */
export function estimatedValue(data: Obj): number | undefined {
  const v = num(data.valeur_estimee_ht);
  if (v !== undefined) return v;
  const lots = list(data.lots).map(obj);
  if (lots.length === 0) return undefined;
  const values = lots.map((l) => num(l.valeur_estimee_ht));
  return values.every((x) => x !== undefined) ? sum(values) : undefined;
}

/** Who buys: the categories the buyer may be, and where the file says so. */
export interface BuyerProfile {
  categories: string[];
  /** The value as written (consultation's `acheteur.categorie`, else the programme's `operation.categorie_acheteur`). */
  written?: string;
  source: 'consultation' | 'programme' | 'default';
}

/** Buyer: the consultation's `acheteur.categorie`, else the programme's operation, else a local authority (assumed). */
export function buyerProfile(ctx: ConsultationFacts): BuyerProfile {
  const own = str(obj(ctx.data.acheteur).categorie);
  const ownCats = categoriesOf(own);
  if (ownCats.length > 0) return { categories: ownCats, written: own, source: 'consultation' };
  const prog = str(obj(ctx.programme?.data.operation).categorie_acheteur);
  const progCats = categoriesOf(prog);
  if (progCats.length > 0) return { categories: progCats, written: prog, source: 'programme' };
  return { categories: ['collectivite'], source: 'default' };
}

/** Kept for hovers: the category as written (or the default), and whether it was assumed. */
export function buyerCategory(ctx: ConsultationFacts): { categorie: string; assumed: boolean } {
  const p = buyerProfile(ctx);
  return { categorie: p.written ?? p.categories[0], assumed: p.source === 'default' };
}

/** A finding for one reading of the buyer category. */
export interface Verdict {
  severity: 'error' | 'warning';
  message: Msg;
}

/**
 * Runs `test` for every category the buyer may be and combines: an error only when every reading breaks the
 * law (the file then cannot be lawful), a warning when some do; the message is the first failing reading's.
 * Buyers outside the CCP (private owners) never fail a CCP test.
 */
export function judgeBuyer(profile: BuyerProfile, test: (cat: BuyerCategory, id: string) => Verdict | undefined): Verdict | undefined {
  const verdicts = profile.categories.map((id) => (BUYER_CATEGORIES[id].ccp === 'none' ? undefined : test(BUYER_CATEGORIES[id], id)));
  const failing = verdicts.filter((v): v is Verdict => v !== undefined);
  if (failing.length === 0) return undefined;
  const all = failing.length === verdicts.length && failing.every((v) => v.severity === 'error');
  const first = failing.find((v) => v.severity === 'error') ?? failing[0];
  if (all) return first;
  const note = failing.length < verdicts.length ? { fr: ` (selon la catégorie exacte de l’acheteur « ${profile.written ?? ''} » : précisez-la)`, en: ` (depending on the exact buyer category '${profile.written ?? ''}': make it precise)` } : { fr: '', en: '' };
  return { severity: 'warning', message: { fr: first.message.fr + note.fr, en: first.message.en + note.en } };
}

/** The buyer is outside the CCP (a private owner): procurement rules are shown as information. */
export function outsideCcp(ctx: ConsultationFacts): boolean {
  return buyerProfile(ctx).categories.every((c) => BUYER_CATEGORIES[c].ccp === 'none');
}

/**
 * The estimated value of the works of the whole operation (R2121-5: every works contract of the operation is
 * counted): the consultation's `valeur_estimee_operation_ht`, else the programme's, else the programme's
 * works envelope (`enveloppe_financiere.part_travaux`, € HT).
 */
export function operationWorksValue(ctx: ConsultationFacts): { value: number; source: string } | undefined {
  const own = num(ctx.data.valeur_estimee_operation_ht);
  if (own !== undefined) return { value: own, source: 'valeur_estimee_operation_ht' };
  const p = ctx.programme?.data;
  if (!p) return undefined;
  const prog = num(p.valeur_estimee_operation_ht);
  if (prog !== undefined) return { value: prog, source: 'programme : valeur_estimee_operation_ht' };
  const part = num(obj(p.enveloppe_financiere).part_travaux);
  if (part !== undefined) return { value: part, source: 'programme : enveloppe_financiere.part_travaux' };
  return undefined;
}

export function isDefense(data: Obj): boolean {
  return obj(data.acheteur).marche_defense_securite === true;
}

export interface Threshold extends Lookup {
  key: string;
}

/** The EU threshold of the buyer's first category at the reference date (hovers; rules use euRange per category). */
export function euThreshold(ctx: ConsultationFacts): Threshold {
  const key = euThresholdKey(str(ctx.data.nature), buyerProfile(ctx).categories[0], isDefense(ctx.data));
  const at = launchInfo(ctx).date;
  const lookup = valueAt(EU_THRESHOLDS, key, at);
  if (!lookup) throw new Error(`No EU threshold for key '${key}': the legal data table is incomplete.`);
  return { ...lookup, key };
}

/** The EU threshold for one buyer category, read over the candidate launch dates. */
export function euRange(ctx: ConsultationFacts, categorie: string): DatedRange & { key: string } {
  const key = euThresholdKey(str(ctx.data.nature), categorie, isDefense(ctx.data));
  const r = datedRange(EU_THRESHOLDS, key, launchInfo(ctx));
  if (!r) throw new Error(`No EU threshold for key '${key}': the legal data table is incomplete.`);
  return { ...r, key };
}

export const THRESHOLD_LABEL: Record<string, { fr: string; en: string }> = {
  travaux: { fr: 'travaux', en: 'works' },
  fcs_etat: { fr: 'fournitures et services, autorités publiques centrales', en: 'supplies and services, central government authorities' },
  fcs_autres_pa: { fr: 'fournitures et services, autres pouvoirs adjudicateurs', en: 'supplies and services, other contracting authorities' },
  fcs_ea_defense: { fr: 'fournitures et services, entités adjudicatrices et défense', en: 'supplies and services, utilities and defence' },
};

/**
 * The minimum time limit of `table` (R2161-x) for a consultation, with the reduction that applies:
 * electronic transmission, a prior information notice sent 35 days to 12 months before, or urgency.
 */
export function minimumDelay(data: Obj, table: MinimumDelay): { days: number; why: string } {
  const urgence = nonEmpty(obj(data.urgence).justification);
  const pin = date(obj(data.avis_preinformation).date_envoi);
  const start = date(data.date_envoi_avis) ?? date(data.date_lancement);
  const pinOk = pin && start && daysBetween(pin, start) >= 35 && daysBetween(pin, start) <= 366;
  const options: { days: number; why: string }[] = [{ days: table.standard, why: 'standard' }];
  if (table.electronique !== undefined && data.transmission_electronique === true) options.push({ days: table.electronique, why: 'électronique' });
  if (table.preinformation !== undefined && pinOk) options.push({ days: table.preinformation, why: 'préinformation' });
  if (table.urgence !== undefined && urgence) options.push({ days: table.urgence, why: 'urgence' });
  return options.reduce((a, b) => (b.days < a.days ? b : a));
}
