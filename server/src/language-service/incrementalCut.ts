/**
 * Where incrementalParse.ts cuts a text into pieces (runs of top-level pairs; the items of a top-level block
 * sequence), and where an edit changed it (the common start and end of two versions). Text only: no parse.
 */

/** `pairs`: top-level pairs, the last one a sequence continued by `items` pieces when `key` is set. */
export type Role = 'pairs' | 'items';

export interface Cut {
  role: Role;
  /** The key of the split sequence (`pairs`: its last pair; `items`: their parent). */
  key?: string;
  /** Indentation of the split sequence's items. */
  indent?: number;
  start: number;
  end: number;
}

export const isKeyStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;

/** A block sequence's `-` at `c`: followed by a space, a line break or the end of the text. */
export function isItemIndicator(text: string, c: number): boolean {
  const next = text.charCodeAt(c + 1);
  return text.charCodeAt(c) === 45 && (next === 32 || next === 10 || next === 13 || c + 1 >= text.length);
}

/** Offsets of the starts of lines (`\n` only: with lone `\r` breaks the text stays in one piece, still correct). */
export function lineStarts(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; ) {
    out.push(i);
    const nl = text.indexOf('\n', i);
    if (nl < 0 || nl >= to) break;
    i = nl + 1;
  }
  return out;
}

export function isBlankOrComment(text: string, lineStart: number): boolean {
  let i = lineStart;
  while (text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return i >= text.length || c === 10 || c === 13 || c === 35;
}

function lineText(text: string, lines: number[], i: number): string {
  const end = i + 1 < lines.length ? lines[i + 1] : text.length;
  return text.slice(lines[i], end).replace(/\r?\n$/, '');
}

/** The end of a line whose value continues on the next lines (or is empty). */
const OPEN_VALUE = /(?:^|[\s:])(?:-|\?|[|>][-+0-9]*)\s*$|:\s*$/;

/**
 * Where to cut before the line `lines[i]` (a top-level key, or an item at column `column` of a split
 * sequence), or -1 not to cut. The blank and comment lines just above it must open the next piece only when
 * the whole parse gives them to the next node, which the parser (parser.js: `pop()`, `atIndentedComment`)
 * does for blank lines, and for comments at most as indented as that node; a comment indented more may end
 * up as the trailing comment of a value or collection before it: no cut then.
 */
export function cutBefore(text: string, lines: number[], i: number, floor: number, column: number): number {
  let j = i;
  while (j > floor && isBlankOrComment(text, lines[j - 1])) j--;
  // A key or item whose value is still to come (`key:`, `-`, `|`) takes the lines after it, up to the
  // indentation of the next line.
  if (j > 0 && OPEN_VALUE.test(lineText(text, lines, j - 1).replace(/\s+#.*$/, ''))) return -1;
  for (let n = j; n < i; n++) {
    let c = lines[n];
    while (text.charCodeAt(c) === 32) c++;
    if (text.charCodeAt(c) === 9 || (text.charCodeAt(c) === 35 && c - lines[n] > column)) return -1;
  }
  return lines[j];
}

/** Cuts the text into runs of top-level pairs, and a run's last pair, when a block sequence, into items. */
export function cut(text: string): Cut[] {
  const lines = lineStarts(text, 0, text.length);
  const keyLines: number[] = [];
  for (let i = 0; i < lines.length; i++) if (isKeyStart(text.charCodeAt(lines[i]))) keyLines.push(i);
  // The first piece runs from the start of the text (comments, directives) to a later key.
  const starts: number[] = [0];
  for (let k = 1; k < keyLines.length; k++) {
    const at = cutBefore(text, lines, keyLines[k], keyLines[k - 1] + 1, 0);
    if (at > starts[starts.length - 1]) starts.push(at);
  }
  const cuts: Cut[] = [];
  // The last key line before each piece's end, found by one pointer moving forward (a search from the end
  // for every piece was quadratic: 785 ms for 25,000 top-level keys).
  let k = -1;
  for (let p = 0; p < starts.length; p++) {
    const [start, end] = [starts[p], starts[p + 1] ?? text.length];
    // The last key line of the piece: its pair may be a block sequence worth splitting.
    while (k + 1 < keyLines.length && lines[keyLines[k + 1]] < end) k++;
    const seq = k >= 0 && lines[keyLines[k]] >= start ? sequenceItems(text, lines, keyLines[k], end) : undefined;
    if (!seq) {
      cuts.push(cutOf('pairs', undefined, undefined, start, end));
      continue;
    }
    cuts.push(cutOf('pairs', seq.key, seq.indent, start, seq.cuts[0]));
    seq.cuts.forEach((s, i) => cuts.push(cutOf('items', seq.key, seq.indent, s, seq.cuts[i + 1] ?? end)));
  }
  return cuts;
}

/** When the pair at line `keyLine` is `key:` then a block sequence: where to cut between its items. */
function sequenceItems(text: string, lines: number[], keyLine: number, end: number): { key: string; indent: number; cuts: number[] } | undefined {
  const key = /^([A-Za-z0-9_][A-Za-z0-9_-]*):[ \t]*(?:#.*)?$/.exec(lineText(text, lines, keyLine))?.[1];
  if (!key) return undefined;
  let limit = keyLine + 1;
  while (limit < lines.length && lines[limit] < end) limit++;
  let indent = -1;
  let first = true;
  const cuts: number[] = [];
  for (let i = keyLine + 1; i < limit; i++) {
    const s = lines[i];
    if (isBlankOrComment(text, s)) continue;
    let c = s;
    while (text.charCodeAt(c) === 32) c++;
    if (indent < 0) {
      if (text.charCodeAt(c) !== 45 /* - */) return undefined;
      indent = c - s;
    }
    if (c - s !== indent || !isItemIndicator(text, c)) continue;
    // The first item stays with its key, in the `pairs` piece.
    if (first) {
      first = false;
      continue;
    }
    const at = cutBefore(text, lines, i, keyLine + 1, indent);
    if (at > (cuts[cuts.length - 1] ?? lines[keyLine])) cuts.push(at);
  }
  return cuts.length ? { key, indent, cuts } : undefined;
}

// Cuts and pieces are always built with the same fields in the same order: the loops over thousands of
// them stay monomorphic.
export function cutOf(role: Role, key: string | undefined, indent: number | undefined, start: number, end: number): Cut {
  return { role, key, indent, start, end };
}

/**
 * Length of the common start of `a` and `b`: doubling blocks compared natively, then a binary search in
 * the block that differs (a few comparisons of slices rather than one per character).
 */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let lo = 0;
  let step = 4096;
  while (lo + step <= n && a.slice(lo, lo + step) === b.slice(lo, lo + step)) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(n, lo + step);
  // Invariant: the first `lo` characters are equal; somewhere in [lo, hi] they stop being so.
  while (hi - lo > 64) {
    const mid = (lo + hi) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid;
  }
  while (lo < n && a.charCodeAt(lo) === b.charCodeAt(lo)) lo++;
  return lo;
}

/** Length of the common end of `a` and `b`, at most `max` (same method). */
export function commonSuffix(a: string, b: string, max: number): number {
  const same = (from: number, to: number): boolean => a.slice(a.length - to, a.length - from) === b.slice(b.length - to, b.length - from);
  let lo = 0;
  let step = 4096;
  while (lo + step <= max && same(lo, lo + step)) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(max, lo + step);
  while (hi - lo > 64) {
    const mid = (lo + hi) >> 1;
    if (same(lo, mid)) lo = mid;
    else hi = mid;
  }
  while (lo < max && a.charCodeAt(a.length - 1 - lo) === b.charCodeAt(b.length - 1 - lo)) lo++;
  return lo;
}

