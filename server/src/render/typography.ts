/**
 * French typography of the deliverables (issue #13 §5): real plurals, dates in words in prose, and
 * the no-break spaces French puts inside « » and before ; : ! ? (applied by the back ends to every
 * printed string, user text included). Pure.
 */

const NBSP = '\u00a0';
/** Narrow no-break space, which French uses before ; ! ? (a no-break space before :). */
const NNBSP = '\u202f';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "1 réserve", "3 réserves": the count with its noun, singular for 0 and 1 as French has it. */
export function plural(n: number, singular: string, pluralForm: string): string {
  return `${n}${NBSP}${Math.abs(n) >= 2 ? pluralForm : singular}`;
}

/** 2025-10-17 → "17 octobre 2025", 2025-10-01 → "1er octobre 2025"; anything else as written. */
export function dateWords(d: string | undefined): string {
  if (!d) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m || +m[2] < 1 || +m[2] > 12) return d;
  const day = +m[3];
  return `${day === 1 ? '1er' : day}${NBSP}${MONTHS[+m[2] - 1]} ${m[1]}`;
}

/**
 * No-break spaces where French typography wants them: after « and before », before : (no-break space)
 * and before ; ! ? (narrow no-break space), replacing an ordinary space or adding one after a word.
 * Leaves alone what is not prose: "https://", "12:30", "a:b", ids like "CSL-001:".
 */
export function frenchSpaces(s: string): string {
  if (!/[«»:;!?]/.test(s)) return s;
  return s
    .replace(/« ?/g, `«${NBSP}`)
    .replace(/ ?»/g, `${NBSP}»`)
    .replace(/ ([;!?])(?=\s|$)/g, `${NNBSP}$1`)
    .replace(/ :(?=\s|$)/g, `${NBSP}:`);
}
