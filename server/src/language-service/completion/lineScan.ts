import { MAX_NESTING_DEPTH } from '../limits';
import type { ParsedDocument } from '../parse';
import type { PathSegment } from '../types';

/**
 * Block structure of YAML lines read from the text alone: what the cursor line and the lines above
 * say about the path, even when the document under the cursor is incomplete and the `yaml` parser
 * built a different tree (a half-typed key merges into the previous plain scalar, a lone `- ` is a
 * null item…). Only the lines between the cursor and its top-level ancestor are read.
 */

export interface Entry {
  kind: 'dash' | 'key';
  /** Column of the `-` or of the key's first character. */
  col: number;
  key?: string;
  /** A key with nothing after its colon (the value is on the following lines). */
  open?: boolean;
}

export interface LineInfo {
  /** Column of the first significant character; -1 for blank, comment and document-marker lines. */
  first: number;
  entries: Entry[];
  /** Column where the value after the last entry starts (after `key: ` or `- `). */
  valueCol: number;
}

// A block key: quoted, or plain up to the first `:` followed by a blank or the end of the line.
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`][^#]*?)[ \t]*:(?=[ \t]|$)/;

export function unquote(raw: string): string {
  if (raw.startsWith('"')) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw.trim();
}

export function scanLine(line: string): LineInfo {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (i >= line.length || line[i] === '#' || /^(---|\.\.\.)(\s|$)/.test(line.slice(i))) return { first: -1, entries: [], valueCol: i };
  const first = i;
  const entries: Entry[] = [];
  for (;;) {
    if (line[i] === '-' && (i + 1 >= line.length || line[i + 1] === ' ')) {
      // `- - - …` beyond any real nesting: the rest of the line is not structure worth reading.
      if (entries.length > MAX_NESTING_DEPTH) break;
      entries.push({ kind: 'dash', col: i });
      i++;
      while (i < line.length && line[i] === ' ') i++;
      if (i < line.length && line[i] !== '#') continue;
      break;
    }
    const m = KEY.exec(line.slice(i));
    if (m) {
      const rest = line.slice(i + m[0].length);
      const value = rest.trimStart();
      entries.push({ kind: 'key', col: i, key: unquote(m[1]), open: value === '' || value.startsWith('#') });
      i = line.length - value.length;
    }
    break;
  }
  return { first, entries, valueCol: i };
}

/** Reads lines of one parse, with the per-line structure memoised for the duration of one request. */
export class LineReader {
  private readonly memo = new Map<number, LineInfo>();

  constructor(readonly parsed: ParsedDocument) {}

  get count(): number {
    return this.parsed.lines.lineCount;
  }

  text(line: number): string {
    return this.parsed.lines.lineText(line);
  }

  /** Indentation of a line without building its structure; -1 for blank or comment lines. */
  indent(line: number): number {
    const t = this.parsed.text;
    const start = this.parsed.lines.offsetAt({ line, character: 0 });
    const end = this.parsed.lines.lineEnd(line);
    let i = start;
    while (i < end && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
    if (i >= end || t.charCodeAt(i) === 35 /* # */) return -1;
    return i - start;
  }

  /** True when the line has a sequence indicator (`- `) at `col`. */
  dashAt(line: number, col: number): boolean {
    const t = this.parsed.text;
    const at = this.parsed.lines.offsetAt({ line, character: 0 }) + col;
    const next = t.charCodeAt(at + 1);
    return t.charCodeAt(at) === 45 /* - */ && (next === 32 || next === 10 || next === 13 || Number.isNaN(next));
  }

  info(line: number): LineInfo {
    let hit = this.memo.get(line);
    if (!hit) {
      hit = scanLine(this.text(line));
      this.memo.set(line, hit);
    }
    return hit;
  }
}

export interface Container {
  /** Path of the collection whose entries sit at the column. */
  path: PathSegment[];
  /** Keys found at the column above the line (and on the parent's line). */
  keys: string[];
  /** Sequence items (`- `) found at the column above the line. */
  dashes: number;
}

/**
 * The collection whose entries are at column `col`, looking upward from `line` (exclusive): lines at the
 * column are siblings, the first line less indented holds the parent. `forDash`: the entry is a sequence
 * item, whose parent may be an open key at the same column. Undefined when the structure cannot be read.
 */
export function containerAbove(r: LineReader, line: number, col: number, forDash = false, depth = 0): Container | undefined {
  if (depth > MAX_NESTING_DEPTH) return undefined;
  const keys: string[] = [];
  let dashes = 0;
  for (let l = line - 1; l >= 0; l--) {
    const ind = r.indent(l);
    if (ind < 0 || ind > col) continue;
    // A sibling item: the common case in long lists, counted without reading the line's structure.
    if (ind === col && r.dashAt(l, col)) {
      dashes++;
      continue;
    }
    const info = r.info(l);
    if (info.first < 0 || info.entries.length === 0) continue;
    let parent = -1;
    info.entries.forEach((e, k) => {
      if (e.col < col) parent = k;
      else if (e.col === col) {
        if (e.kind === 'dash') dashes++;
        else if (e.key !== undefined) keys.push(e.key);
      }
    });
    if (parent < 0) {
      const head = info.entries[0];
      // An indentless sequence (`risques:` then `- id: …` at the same column), when looking for an item's parent.
      if (forDash && head.kind === 'key' && head.open && head.col === col) {
        const path = valuePath(r, l, info, 0, depth + 1);
        return path && { path, keys: [], dashes };
      }
      continue;
    }
    const path = valuePath(r, l, info, parent, depth + 1);
    return path && { path, keys, dashes };
  }
  return { path: [], keys, dashes };
}

/** Path of the value of entry `idx` of line `line`: a key's value, or a sequence item. */
export function valuePath(r: LineReader, line: number, info: LineInfo, idx: number, depth = 0): PathSegment[] | undefined {
  // Deeper than any AMO document: not worth a path (and no unbounded recursion).
  if (depth > MAX_NESTING_DEPTH) return undefined;
  const e = info.entries[idx];
  if (e.kind === 'key') {
    const parent = idx > 0 ? valuePath(r, line, info, idx - 1, depth + 1) : containerAbove(r, line, e.col, false, depth + 1)?.path;
    return parent && [...parent, e.key ?? ''];
  }
  if (idx > 0) {
    // A sequence that starts on this line (`- - x`): its first item.
    const parent = valuePath(r, line, info, idx - 1, depth + 1);
    return parent && [...parent, 0];
  }
  const c = containerAbove(r, line, e.col, true, depth + 1);
  return c && [...c.path, c.dashes];
}

/** Keys at column `col` below `line`, until the block ends (a less indented line or a new item). */
export function keysBelow(r: LineReader, line: number, col: number): string[] {
  const out: string[] = [];
  for (let l = line + 1; l < r.count; l++) {
    const ind = r.indent(l);
    if (ind < 0 || ind > col) continue;
    if (ind < col) break;
    const head = r.info(l).entries[0];
    if (!head || head.kind === 'dash') break;
    if (head.key !== undefined) out.push(head.key);
  }
  return out;
}
