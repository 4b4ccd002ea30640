/**
 * The pre-scan of the raw text (docs/robustness.md, "Limits"): what the `yaml` parse of a text will cost,
 * counted in one linear pass before it, so that a hostile text is routed or refused before the parse holds
 * anything. limits.ts decides from these counts.
 */

/**
 * What the pre-scan (`estimate`) counts on the raw text, in one linear pass and without the `yaml` parse: the
 * drivers of that parse's cost. Lines, the longest line, lines starting in column 0 (the root's entries); the
 * largest collection — block `- ` items at one column, keys of one block map, items of one flow collection
 * (its commas) — and where it starts; the nodes (a key and its value are two, an item one); anchors and aliases.
 * Quoted scalars, comments and the content of block scalars (`|`, `>`) are skipped. An estimate: it is exact
 * on the usual layouts and errs by a few nodes per collection elsewhere (test/unit/limits.test.ts compares it
 * with the parse on every example and fixture).
 */
export interface Estimate {
  lines: number;
  longestLine: number;
  topLevel: number;
  items: number;
  itemsAt: number;
  nodes: number;
  anchors: number;
  aliases: number;
}

/** A text shorter than this cannot hold a collection over the entity budget (MAX_COLLECTION_ITEMS, below: each flow item takes two characters at least, `1,`). */
export const MIN_SCANNED_LENGTH = 2 * 20_000;

const SEQ = 0;
const MAP = 1;

/** True for a character after which a quote, an anchor or an alias starts a token (space, tab, flow indicator). */
const tokenStart = (c: number): boolean => c === 32 || c === 9 || c === 44 || c === 91 || c === 123;
const endOfToken = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);

/** Offset after the quoted scalar that starts at `i` (its closing quote), or the text's end when it is not closed. */
function afterQuoted(text: string, i: number): number {
  const q = text.charCodeAt(i);
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (q === 34 && c === 92) j++;
    else if (c === q) {
      if (q === 39 && text.charCodeAt(j + 1) === 39) j++;
      else return j + 1;
    }
  }
  return text.length;
}

/** Whether a plain or quoted key followed by `:` starts at `i` on this line (a block map's key). */
function keyAt(text: string, i: number): boolean {
  const c0 = text.charCodeAt(i);
  let j = i;
  if (c0 === 34 || c0 === 39) j = afterQuoted(text, i);
  else if (c0 === 91 || c0 === 123 || c0 === 35 || c0 === 38 || c0 === 42 || c0 === 33 || c0 === 124 || c0 === 62 || (c0 === 45 && endOfToken(text.charCodeAt(i + 1)))) return false;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return false;
    if (c === 58 && endOfToken(text.charCodeAt(j + 1))) return true;
    if (c === 35 && (text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 9)) return false;
    if (c0 === 34 || c0 === 39) return false; // a quoted scalar not followed by `:`
  }
  return false;
}

/** The pre-scan (see Estimate): linear, a few milliseconds per megabyte. */
export function estimate(text: string): Estimate {
  const n = text.length;
  let lines = 1;
  let longestLine = 0;
  let topLevel = 0;
  let items = 0;
  let itemsAt = 0;
  let nodes = 0;
  let anchors = 0;
  let aliases = 0;
  // Open block collections (column, kind, items, start) and flow collections (items, start).
  const bCol: number[] = [];
  const bKind: number[] = [];
  const bCount: number[] = [];
  const bStart: number[] = [];
  const fCount: number[] = [];
  const fStart: number[] = [];
  const closed = (count: number, start: number): void => {
    if (count > items) {
      items = count;
      itemsAt = start;
    }
  };
  const popBlock = (): void => {
    closed(bCount.pop()!, bStart.pop()!);
    bCol.pop();
    bKind.pop();
  };
  const entry = (col: number, kind: number, at: number): void => {
    // A sequence may sit at its parent key's column (`phases:` then `- …` at column 0): a key there ends it.
    while (bCol.length && (bCol[bCol.length - 1] > col || (bCol[bCol.length - 1] === col && kind === MAP && bKind[bKind.length - 1] === SEQ))) popBlock();
    const top = bCol.length - 1;
    if (top >= 0 && bCol[top] === col && bKind[top] === kind) bCount[top]++;
    else {
      bCol.push(col);
      bKind.push(kind);
      bCount.push(1);
      bStart.push(at);
    }
  };
  /** Lines indented more than this are a block scalar's content (−1: none open). */
  let scalarIndent = -1;
  let lineStart = 0;
  let i = 0;
  while (i < n) {
    // A line starts at i.
    let col = 0;
    while (i < n && text.charCodeAt(i) === 32) {
      i++;
      col++;
    }
    let c = text.charCodeAt(i);
    const blank = i >= n || c === 10 || c === 13;
    if (scalarIndent >= 0 && !blank) {
      if (col > scalarIndent) c = 10; // skipped below, as the rest of a comment
      else scalarIndent = -1;
    }
    if (col === 0 && !blank && c !== 9 && c !== 35 && scalarIndent < 0) topLevel++;
    if (!blank && c !== 35 && c !== 10 && fCount.length === 0) {
      // Compact `- ` indicators, then a key: the block structure of the line.
      let j = i;
      let k = col;
      while (text.charCodeAt(j) === 45 && endOfToken(text.charCodeAt(j + 1))) {
        entry(k, SEQ, j);
        nodes++;
        j++;
        k++;
        while (text.charCodeAt(j) === 32) {
          j++;
          k++;
        }
      }
      if (keyAt(text, j)) {
        entry(k, MAP, j);
        nodes += 2;
      }
    }
    // The rest of the line (a quoted scalar or a flow collection may run over the next lines).
    let prev = 32;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c === 10) break;
      if (scalarIndent >= 0 || (c === 35 && (prev === 32 || prev === 9))) {
        // A comment, or a line of block scalar content: to the line's end.
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
        break;
      }
      if ((c === 34 || c === 39) && tokenStart(prev)) {
        const e = afterQuoted(text, i);
        // Line breaks inside the scalar.
        for (let b = text.indexOf('\n', i); b >= 0 && b < e; b = text.indexOf('\n', b + 1)) {
          lines++;
          lineStart = b + 1;
        }
        i = e - 1;
      } else if (c === 91 || c === 123) {
        fCount.push(1);
        fStart.push(i);
      } else if (c === 93 || c === 125) {
        if (fCount.length) {
          const count = fCount.pop()!;
          nodes += count;
          closed(count, fStart.pop()!);
        }
      } else if (c === 44) {
        if (fCount.length) fCount[fCount.length - 1]++;
      } else if (c === 58) {
        if (fCount.length && endOfToken(text.charCodeAt(i + 1))) nodes++;
      } else if (c === 38 || c === 42) {
        if (tokenStart(prev)) {
          if (c === 38) anchors++;
          else aliases++;
        }
      } else if ((c === 124 || c === 62) && tokenStart(prev) && fCount.length === 0) {
        // A block scalar header (`|`, `>-`, `|2+`, then a comment or nothing): its content is the lines indented more than this one.
        let j = i + 1;
        while (j < n && /[-+0-9]/.test(text[j])) j++;
        while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
        const d = text.charCodeAt(j);
        if (j >= n || d === 10 || d === 13 || d === 35) {
          scalarIndent = col;
          const e = text.indexOf('\n', j);
          i = e < 0 ? n : e;
          break;
        }
      }
      prev = c;
    }
    const end = i;
    if (end - lineStart > longestLine) longestLine = end - lineStart;
    if (i < n) {
      lines++;
      i++;
      lineStart = i;
    }
  }
  while (bCol.length) popBlock();
  while (fCount.length) {
    const count = fCount.pop()!;
    nodes += count;
    closed(count, fStart.pop()!);
  }
  return { lines, longestLine, topLevel, items, itemsAt, nodes, anchors, aliases };
}
