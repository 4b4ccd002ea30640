/**
 * French typography of the deliverables: real plurals, dates in words in prose, and
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
    .replace(/«[ \u00a0\u202f]?/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]?»/g, `${NBSP}»`)
    .replace(/ ([;!?])(?=\s|$)/g, `${NNBSP}$1`)
    .replace(/ :(?=\s|$)/g, `${NBSP}:`);
}

/**
 * "3 offre(s) classée(s)" → "3 offres classées", "1 réserve(s)" → "1 réserve": each word written with
 * "(s)" agrees with the last number before it in its clause (up to ; : . or a line end); without a
 * number ("Lot(s)"), the plural.
 */
export function realPlurals(s: string): string {
  if (!s.includes('(s)')) return s;
  return s
    .split(/(?<=[;:.!?\n])/)
    .map((clause) => {
      let count: number | undefined;
      return clause.replace(/(\d[\d\u00a0\u202f ]*(?:[.,]\d+)?)|([\p{L}’'-]+)\(s\)/gu, (m, n: string | undefined, word: string | undefined) => {
        if (n !== undefined) {
          count = Number(n.replace(/[\u00a0\u202f ]/g, '').replace(',', '.'));
          return m;
        }
        return count !== undefined && Math.abs(count) < 2 ? (word as string) : `${word}s`;
      });
    })
    .join('');
}

/** ISO dates written in free text ("délibération du 2025-04-24") → words ("24 avril 2025"). */
export function isoDatesInWords(s: string): string {
  return /\d{4}-\d{2}-\d{2}/.test(s) ? s.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => dateWords(m)) : s;
}

/** Numeric dates of generated prose ("jusqu’au 18/05/2027") → words ("18 mai 2027"); tables keep the numeric form. */
export function numericDatesInWords(s: string): string {
  return /\d{2}\/\d{2}\/\d{4}/.test(s) ? s.replace(/\b(\d{2})\/(\d{2})\/(\d{4})\b/g, (_m: string, d: string, mo: string, y: string) => dateWords(`${y}-${mo}-${d}`)) : s;
}

/** The typography of printed prose: plurals, then no-break spaces. */
export function typeset(s: string): string {
  return frenchSpaces(realPlurals(s));
}
