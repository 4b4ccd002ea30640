/** Small, total accessors over the plain data of a parsed document (never throw on bad input). */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}





export function nonEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim().length > 0;
  if (Array.isArray(v)) return v.some(nonEmpty);
  if (isObj(v)) return Object.keys(v).length > 0;
  return true;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date string that is a real calendar date, else undefined. */
export function date(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = DATE.exec(v);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? v : undefined;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * An ISO day from a UTC time, clamped to years 0000–9999: a document may carry any number of days
 * (`validite_offres_jours: 1e20`), and a date computed from it must stay a comparable ISO string.
 */
function isoDay(t: number, amount: number): string {
  if (Number.isNaN(t)) return amount < 0 ? '0000-01-01' : '9999-12-31';
  if (t <= MIN_TIME) return '0000-01-01';
  if (t >= MAX_TIME) return '9999-12-31';
  return new Date(t).toISOString().slice(0, 10);
}
const MIN_TIME = Date.parse('0000-01-01T00:00:00Z') - 1;
const MAX_TIME = Date.parse('9999-12-31T00:00:00Z') + 1;

export function addDays(d: string, days: number): string {
  return isoDay(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000, days);
}

export function addYears(d: string, years: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, day));
  // 29 February + 1 year → 1 March in JS; the civil-law anniversary is 28 February.
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return isoDay(t.getTime(), years);
}

/** Same day `months` later; when that day does not exist (31 → February), the last day of the month. */
export function addMonths(d: string, months: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(day, last));
  return isoDay(t.getTime(), months);
}

/** French formatting of an ISO date: 2026-08-21 → 21/08/2026. */
export function frDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

export function euros(n: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n)} €`.replace(/\u202f/g, '\u00a0');
}

export function sum(values: readonly (number | undefined)[]): number {
  let s = 0;
  for (const v of values) s += v ?? 0;
  return s;
}

/** Equality of amounts or weights, tolerant to binary rounding and to cents. */
export function near(a: number, b: number, eps = 0.005): boolean {
  return Math.abs(a - b) <= eps;
}

/**
 * `table[key]` as own data only: a key from a document (`constructor`, `toString`, `__proto__`,
 * `hasOwnProperty`) is an ordinary key, never a property of Object.prototype.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
