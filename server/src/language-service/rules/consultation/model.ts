import { euThresholdKey, EU_THRESHOLDS, valueAt, type Lookup, type MinimumDelay } from '../../data/legalData';
import type { Path } from '../../types';
import { date, daysBetween, isObj, list, nonEmpty, num, obj, str, sum, type Obj } from '../../util/data';
import type { RuleContext } from '../types';

export const FORMALISED = new Set(['AOO', 'AOR', 'PN', 'DC']);

/** What the dated helpers read of a consultation: its data, today and its programme (a rule context or a hover). */
export type ConsultationFacts = Pick<RuleContext, 'data' | 'today' | 'programme'>;

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

/** The consultation's reference date for dated rules: the launch, else today (stated in messages). */
export function launchDate(ctx: ConsultationFacts): { date: string; assumed: boolean } {
  const d = date(ctx.data.date_lancement);
  return d ? { date: d, assumed: false } : { date: ctx.today, assumed: true };
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

/** Buyer category: the consultation's `acheteur.categorie`, else the programme's operation, else a local authority. */
export function buyerCategory(ctx: ConsultationFacts): { categorie: string; assumed: boolean } {
  const own = str(obj(ctx.data.acheteur).categorie);
  if (own) return { categorie: own, assumed: false };
  const prog = str(obj(ctx.programme?.data.operation).categorie_acheteur);
  if (prog) return { categorie: prog, assumed: false };
  return { categorie: 'collectivite', assumed: true };
}

export function isDefense(data: Obj): boolean {
  return obj(data.acheteur).marche_defense_securite === true;
}

export interface Threshold extends Lookup {
  key: string;
}

export function euThreshold(ctx: ConsultationFacts): Threshold {
  const key = euThresholdKey(str(ctx.data.nature), buyerCategory(ctx).categorie, isDefense(ctx.data));
  const at = launchDate(ctx).date;
  const lookup = valueAt(EU_THRESHOLDS, key, at);
  if (!lookup) throw new Error(`No EU threshold for key '${key}': the legal data table is incomplete.`);
  return { ...lookup, key };
}

export const THRESHOLD_LABEL: Record<string, { fr: string; en: string }> = {
  travaux: { fr: 'travaux', en: 'works' },
  fcs_etat: { fr: 'fournitures et services, État', en: 'supplies and services, central government' },
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
