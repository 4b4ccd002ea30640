/** Operation facts: its natures (one or a mixed list) and its place as one printed line. */
import { isObj, str, type Obj } from '../util/data';

/**
 * The natures of an operation (`operation.nature`): one value, or a list for a mixed operation
 * (`[rehabilitation, extension]`). Rules that exempt (rehabilitation, re-use) read `some`; rules that
 * demand what only new construction requires read `every`, so that a mixed operation never gets an
 * error the law reserves for one of its parts.
 */
export function natures(op: Obj): string[] {
  const v = op.nature;
  return (Array.isArray(v) ? v : [v]).map(str).filter((n): n is string => !!n);
}

export function someNature(op: Obj, set: ReadonlySet<string> | readonly string[]): boolean {
  const has = (n: string): boolean => (Array.isArray(set) ? (set as readonly string[]).includes(n) : (set as ReadonlySet<string>).has(n));
  return natures(op).some(has);
}

/** Whether every nature of the operation is `n` (false without a nature). */
export function onlyNature(op: Obj, n: string): boolean {
  const all = natures(op);
  return all.length > 0 && all.every((x) => x === n);
}

/**
 * A place as one line: a text as written, or an address object (`adresse`, `code_postal`, `commune`,
 * `departement`, `parcelles`, `complement`) joined as a French address is printed.
 */
export function placeText(v: unknown): string | undefined {
  if (!isObj(v)) return str(v);
  const town = [str(v.code_postal), str(v.commune)].filter(Boolean).join(' ');
  const dept = str(v.departement);
  const parcels = Array.isArray(v.parcelles) ? v.parcelles.map(str).filter(Boolean).join(', ') : str(v.parcelles);
  const line = [str(v.adresse), str(v.complement), town && dept && !town.includes(dept) ? `${town} (${dept})` : town || dept].filter(Boolean).join(', ');
  const out = [line, parcels ? `parcelles ${parcels}` : ''].filter(Boolean).join(' — ');
  return out || undefined;
}
