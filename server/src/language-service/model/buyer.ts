import { BUYER_CATEGORIES, BUYER_CATEGORY_ALIASES } from '../data/legalData';
import { fold, nonEmpty, obj, str, type Obj } from '../util/index';

/** The canonical categories a written buyer category stands for (aliases and version-1 values resolved). */
export function categoriesOf(written: string | undefined): string[] {
  if (!written) return [];
  const k = fold(written).trim().replace(/[\s'’-]+/g, '_');
  if (Object.hasOwn(BUYER_CATEGORIES, k)) return [k];
  if (Object.hasOwn(BUYER_CATEGORY_ALIASES, k)) return [...BUYER_CATEGORY_ALIASES[k]];
  return [];
}

/**
 * Works excluded from Livre IV by L2412-1 (infrastructure in urban development operations, buildings whose
 * design follows an industrial process, …): the programme says so in `operation.exclusion_livre_iv`.
 */
export function livreIVExcluded(programme: Obj | undefined): boolean {
  const v = obj(programme?.operation).exclusion_livre_iv;
  return v === true || (typeof v === 'string' && nonEmpty(v) && fold(v) !== 'non');
}

/**
 * Whether Livre IV (former loi MOP) binds the owner of a programme (L2411-1, L2412-1): 'yes', 'no', or
 * 'maybe' when the category does not settle it (private HLM bodies and SEM are bound for State-aided
 * rental housing only; a version-1 value that stands for categories on both sides). No category: a local
 * authority is assumed, as everywhere else.
 */
export function livreIVStatus(programme: Obj): 'yes' | 'no' | 'maybe' {
  if (livreIVExcluded(programme)) return 'no';
  const written = str(obj(programme.operation).categorie_acheteur);
  const cats = categoriesOf(written);
  if (cats.length === 0) return 'yes';
  const flags = new Set(cats.map((c) => BUYER_CATEGORIES[c].livreIV));
  if (flags.size === 1 && flags.has('yes')) return 'yes';
  if (flags.size === 1 && flags.has('no')) return 'no';
  return 'maybe';
}
