/**
 * French formatting of the figures of the deliverables. Computations run in full double precision;
 * only what is printed is rounded, half away from zero, to the cent (amounts) or the hundredth (scores).
 */

const NBSP = '\u00a0';

/**
 * `x` rounded to `digits` decimals, half away from zero, robust to binary representation
 * (1.005 → 1.01, 2.675 → 2.68): the value is first taken to 12 significant digits.
 */
export function roundTo(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  const scaled = Math.abs(x) * f;
  let r: number;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) {
    r = Math.round(scaled) / f;
  } else {
    // Near a half: shift the decimal point in the text ("1.005e2" is exactly 100.5), not by a binary multiplication.
    const s = String(Number(Math.abs(x).toPrecision(12)));
    r = s.includes('e') ? Math.round(scaled) / f : Number(`${Math.round(Number(`${s}e${digits}`))}e-${digits}`);
  }
  return x < 0 ? -r : r;
}

/** Formatters are costly to build (about 0.1 ms each): one per precision, built once. */
const FORMATTERS = new Map<string, Intl.NumberFormat>();

function group(n: number, minDigits: number, maxDigits: number): string {
  const key = `${minDigits}:${maxDigits}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
    FORMATTERS.set(key, f);
  }
  // Intl's fr-FR grouping uses a narrow no-break space; printed output uses a no-break space.
  return f.format(n).replace(/[\u202f\u00a0]/g, NBSP);
}

/** 1234567.5 → "1 234 567,50 €" (always two decimals). */
export function money(n: number): string {
  return `${group(roundTo(n, 2), 2, 2)}${NBSP}€`;
}

/** Whole euros when the amount is whole, else two decimals: 4200000 → "4 200 000 €". */
export function amount(n: number): string {
  const r = roundTo(n, 2);
  return Number.isInteger(r) ? `${group(r, 0, 0)}${NBSP}€` : money(r);
}

/** A score or a weight to the hundredth: 19.048 → "19,05". */
export function score(n: number): string {
  return group(roundTo(n, 2), 2, 2);
}

/** A number with as many decimals as needed, up to `max`: 45 → "45", 12.5 → "12,5". */
export function decimal(n: number, max = 2): string {
  return group(roundTo(n, max), 0, max);
}

/** A percentage of a total: (700000, 4200000) → "16,67 %". */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${group(roundTo((part / whole) * 100, 2), 2, 2)}${NBSP}%`;
}

/** A signed gap as a percentage of a reference: (-152175, 650175) → "−23,41 %". */
export function signedPercent(gap: number, ref: number): string {
  if (ref === 0) return '—';
  const v = roundTo((gap / ref) * 100, 2);
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${group(Math.abs(v), 2, 2)}${NBSP}%`;
}

/** Square metres: 1705 → "1 705 m²". */
export function area(n: number): string {
  return `${decimal(n, 2)}${NBSP}m²`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** 2026-08-21 → "21/08/2026"; anything else is returned as written. */
export function dateFr(d: string | undefined): string {
  if (!d) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : d;
}

/** 2025-09 → "septembre 2025". */
export function monthFr(ym: string | undefined): string {
  if (!ym) return '—';
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m || +m[2] < 1 || +m[2] > 12) return ym;
  return `${MONTHS[+m[2] - 1]} ${m[1]}`;
}

/** Short month label for a time axis: 2026-03 → "mars 26". */
export function monthShort(year: number, month0: number): string {
  return `${MONTHS[month0].slice(0, month0 === 5 || month0 === 6 ? 4 : 3)} ${String(year).slice(2)}`;
}

/** Any scalar of the YAML as text (numbers in French notation); undefined for objects. */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return decimal(v, 4);
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return undefined;
}

export function yesNo(v: unknown): string {
  return v === true ? 'oui' : v === false ? 'non' : '—';
}
