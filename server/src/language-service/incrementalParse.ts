import { Composer, isAlias, isMap, isScalar, isSeq, Pair, Parser, type CST, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { commonPrefix, commonSuffix, cut, cutBefore, cutOf, isBlankOrComment, isItemIndicator, isKeyStart, lineStarts, type Cut } from './incrementalCut';

/**
 * Incremental parse of the usual shape of an AMO file: a block map at column 0 whose big values are block
 * sequences (phases, risques, offres…). The text is cut into pieces — runs of top-level pairs, and the items
 * of a top-level block sequence — each parsed alone by the `yaml` parser (offsets made absolute through
 * `Parser.offset`). After an edit only the pieces that overlap it are parsed again; the others are reused,
 * their node ranges shifted by the change of length. The pieces are assembled into one `Document` and one
 * data value equal to what `parseDocument(text)` and its `toJS()` give (test/unit/incrementalParse.test.ts
 * compares them node by node on the fixtures and on random edits).
 *
 * It gives no result whenever it cannot promise that equality, and the caller parses the whole text: a YAML
 * error or warning in a piece (the whole parse reports it, with its own recovery), aliases or anchors (they
 * cross pieces), a duplicate or unusual top-level key, a root that is not a block map, document markers,
 * deep nesting (the whole parse applies the nesting limit of limits.ts).
 *
 * Reused nodes are shared with the previous parse and shifted in place: a parse's node offsets are valid
 * until the next parse of the same document (the language service keeps one parse per URI).
 */

const OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true } as const;
const KEEP_CHOMPING = /[|>](?:\+|[1-9]\+)/;
/** Pieces nested deeper than this are left to the whole parse, which applies the real limit. */
const MAX_PIECE_DEPTH = 50;

interface Piece extends Cut {
  /**
   * The piece's document, kept for the first piece only: the assembled document is a copy of it. The
   * others keep just what the assembly reads (root, range, comment): a `Document` with its own schema,
   * directives and options is about 1 KB, 3.6 MB over the 3,600 pieces of a 50,000-line programme.
   */
  doc: Document.Parsed | undefined;
  /** The piece's root collection (its first node is the lead, see parsePiece). */
  root: unknown;
  /** The piece document's range and trailing comment. */
  docRange: number[];
  comment: string | null;
  /** The range of every node of the piece: what an edit before it moves. */
  ranges: number[][];
  /** Parsed without error, warning, alias, anchor or deep nesting, and of the expected shape. */
  clean: boolean;
  /** `pairs`: the pairs and their values' data (the split sequence's value: its items' data). */
  pairs?: Pair[];
  values?: unknown[];
  /** The items of the split sequence this piece holds, and their data. */
  items?: Node[];
  itemData?: unknown[];
}

/** What the next parse of the same document starts from. */
export interface IncrementalState {
  text: string;
  pieces: Piece[];
}

export interface IncrementalResult {
  doc: Document.Parsed;
  data: unknown;
}

/** The key of the node put before every piece but the first (see parsePiece); unclean if the text uses it. */
const LEAD_KEY = '_amo_piece_';

function pieceOf(c: Cut, doc: Document.Parsed | undefined, ranges: number[][]): Piece {
  // No document at all: a piece of blank lines and comments only (never clean).
  return {
    role: c.role,
    key: c.key,
    indent: c.indent,
    start: c.start,
    end: c.end,
    doc: c.start === 0 ? doc : undefined,
    root: doc?.contents,
    docRange: doc?.range ?? [c.start, c.end, c.end],
    comment: doc?.comment ?? null,
    ranges,
    clean: false,
    pairs: undefined,
    values: undefined,
    items: undefined,
    itemData: undefined,
  };
}

/**
 * A copy of `s` that holds only its own characters. A slice of a long string keeps the whole string
 * alive (V8's sliced strings), and the nodes of a piece keep slices of the text it was parsed from: the
 * first piece, parsed without a lead, would otherwise keep the whole text of the version it was parsed
 * in, for as long as it is reused (2.6 MB at 50,000 lines). The other pieces are parsed from `lead +
 * slice`, which V8 flattens into a string of the piece's size.
 */
function ownCopy(s: string): string {
  return (s + '\n').slice(0, -1);
}

function parsePiece(text: string, c: Cut): Piece {
  // A piece is parsed behind a first node of its own — an item `- 0` at the items' indentation, or a pair
  // `_amo_piece_: 0` — so that the blank and comment lines that open it become the next node's
  // `spaceBefore` and `commentBefore`, as in the whole parse, rather than the document's.
  const lead = c.start === 0 ? '' : c.role === 'items' ? `${' '.repeat(c.indent ?? 0)}- 0\n` : `${LEAD_KEY}: 0\n`;
  const parser = new Parser();
  // Token offsets, and so node ranges and error positions, are those of the whole text.
  parser.offset = c.start - lead.length;
  let tokens: CST.Token[];
  try {
    tokens = [...parser.parse(lead ? lead + text.slice(c.start, c.end) : ownCopy(text.slice(c.start, c.end)))];
  } catch {
    // yaml's CST parser recurses when deep nesting closes (RangeError past ~2,000 levels): the whole parse refuses it (limits.ts).
    return pieceOf(c, new Composer(OPTIONS).compose([], true, c.end).next().value as Document.Parsed, []);
  }
  // The composer recurses: nesting is checked on the tokens first (as limits.ts does for the whole text).
  if (tooDeep(tokens)) return pieceOf(c, new Composer(OPTIONS).compose([], true, c.end).next().value as Document.Parsed, []);
  const docs = [...new Composer(OPTIONS).compose(tokens)];
  const nodes = nodesOf(docs);
  if (docs.length !== 1) return pieceOf(c, docs[0], nodes.ranges);
  const doc = docs[0];
  const piece = pieceOf(c, doc, nodes.ranges);
  if (doc.errors.length || doc.warnings.length || !nodes.simple) return piece;
  // A block scalar that keeps its trailing blank lines (`|+`) would lose those that open the next piece.
  if (KEEP_CHOMPING.test(text.slice(c.start, c.end))) return piece;
  const root = doc.contents;
  const skip = lead ? 1 : 0;
  if (c.role === 'items') {
    if (!isSeq(root) || root.flow || root.items.length <= skip) return piece;
    piece.items = root.items.slice(skip) as Node[];
    piece.itemData = piece.items.map((it) => toData(it, doc));
    piece.clean = true;
    return piece;
  }
  if (!isMap(root) || root.flow || root.items.length <= skip) return piece;
  const pairs = root.items.slice(skip) as Pair[];
  for (const pair of pairs) {
    const key = pair.key;
    if (!isScalar(key) || key.type !== 'PLAIN' || typeof key.value !== 'string' || key.value === '__proto__' || key.value === '<<' || key.value === LEAD_KEY) return piece;
  }
  const last = pairs[pairs.length - 1];
  if (c.key !== undefined) {
    if ((last.key as Scalar).value !== c.key || !isSeq(last.value) || last.value.flow || last.value.items.length === 0) return piece;
    piece.items = last.value.items as Node[];
    piece.itemData = piece.items.map((it) => toData(it, doc));
  }
  piece.pairs = pairs;
  piece.values = pairs.map((p) => (p === last && c.key !== undefined ? undefined : toData(p.value, doc)));
  piece.clean = true;
  return piece;
}

function toData(node: unknown, doc: Document.Parsed): unknown {
  return node && typeof node === 'object' && 'toJS' in node ? (node as Node).toJS(doc, { maxAliasCount: 0 }) : (node ?? null);
}

/** Collections nested deeper than MAX_PIECE_DEPTH in the tokens of a piece; iterative. */
function tooDeep(tokens: CST.Token[]): boolean {
  const stack = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_PIECE_DEPTH) return true;
      for (const it of token.items as CST.CollectionItem[]) {
        if (it.key) stack.push({ token: it.key, depth: depth + 1 });
        if (it.value) stack.push({ token: it.value, depth: depth + 1 });
      }
    }
  }
  return false;
}

/**
 * The ranges of every node of a piece, gathered once so that moving the piece is a loop over arrays, and
 * whether it is simple: no alias, no anchor, what lets a piece stand for itself.
 */
function nodesOf(docs: Document.Parsed[]): { ranges: number[][]; simple: boolean } {
  const ranges: number[][] = [];
  let simple = true;
  // An explicit stack: `visit` builds a frozen path for every node.
  const stack: unknown[] = docs.map((d) => d.contents);
  while (stack.length) {
    const node = stack.pop() as { range?: number[] | null; items?: unknown[]; key?: unknown; value?: unknown; anchor?: string } | null;
    if (!node || typeof node !== 'object') continue;
    if (node.anchor || isAlias(node as object)) simple = false;
    if (node.range) ranges.push(node.range);
    if (node.items) for (const it of node.items) stack.push(it);
    else if ('key' in node) stack.push(node.key, node.value);
  }
  return { ranges, simple };
}

/** Adds `delta` to every offset of a piece (it moved after an edit before it). */
function shift(piece: Piece, delta: number): void {
  piece.start += delta;
  piece.end += delta;
  // The errors of an unclean piece are not moved: only clean pieces are assembled, a whole parse reports errors.
  const r = piece.docRange;
  for (let i = 0; i < r.length; i++) r[i] += delta;
  const ranges = piece.ranges;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
}

const sameCut = (p: Piece, c: Cut, delta: number): boolean => p.role === c.role && p.key === c.key && p.indent === c.indent && p.start + delta === c.start && p.end + delta === c.end;

/** Where an edit changed the text: [start, oldEnd) of the previous text became [start, newEnd). */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * Parses `text` piece by piece, reusing the pieces of `previous` that the edit did not touch. The state is
 * returned even without a result (a YAML error in a piece), so that the next edit, which often fixes the
 * error, parses one piece again rather than the whole text. `edit` says what changed since `previous`.
 */
export function parseIncrementally(text: string, previous?: IncrementalState): { result?: IncrementalResult; state: IncrementalState; edit?: TextEdit } {
  if (!previous) {
    const pieces = cut(text).map((c) => parsePiece(text, c));
    return { result: assemble(pieces), state: { text, pieces } };
  }
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  const edit: TextEdit = { start: prefix, oldEnd: old.length - suffix, newEnd: text.length - suffix };
  const delta = text.length - old.length;
  const local = recut(previous.pieces, text, edit);
  let pieces: Piece[];
  if (local) {
    // The pieces around the edit are cut again; those before are kept, those after kept and moved.
    const ps = previous.pieces;
    const kept = new Map(ps.slice(local.from, local.to).map((p) => [p.start + (p.end <= prefix ? 0 : delta), p]));
    const middle = local.cuts.map((c) => {
      const p = kept.get(c.start);
      const d = p && p.end <= prefix ? 0 : delta;
      if (p && (p.end <= prefix || p.start >= edit.oldEnd) && sameCut(p, c, d)) {
        if (d) shift(p, d);
        return p;
      }
      return parsePiece(text, c);
    });
    pieces = ps.slice(0, local.from);
    for (const p of middle) pieces.push(p);
    for (let i = local.to; i < ps.length; i++) {
      if (delta !== 0) shift(ps[i], delta);
      pieces.push(ps[i]);
    }
  } else {
    pieces = reuse(previous.pieces, cut(text), text, edit, delta);
  }
  return { result: assemble(pieces), state: { text, pieces }, edit };
}

/** The pieces of a whole new cut: those outside the edit are taken from `previous` (moved when after it). */
function reuse(previous: Piece[], cuts: Cut[], text: string, edit: TextEdit, delta: number): Piece[] {
  const before = new Map<number, Piece>();
  const after = new Map<number, Piece>();
  for (const p of previous) {
    if (p.end <= edit.start) before.set(p.start, p);
    else if (p.start >= edit.oldEnd) after.set(p.start + delta, p);
  }
  const moved: Piece[] = [];
  const pieces = cuts.map((c) => {
    const b = before.get(c.start);
    if (b && sameCut(b, c, 0)) return b;
    const a = after.get(c.start);
    if (a && sameCut(a, c, delta)) {
      moved.push(a);
      return a;
    }
    return parsePiece(text, c);
  });
  if (delta !== 0) for (const p of moved) shift(p, delta);
  return pieces;
}

/** Index of the piece that holds `offset` (the last one whose start is at or before it). */
function pieceAt(pieces: Piece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The common edit — inside the items of a long sequence — cut again locally: the pieces from one before
 * the edit to one after it (their first lines, and so the cuts that start and end the window, are
 * untouched) are replaced by `cuts`, which `cut(text)` would give for that window. Undefined when the edit
 * may change more than the window: near the sequence's key or its first item, a line at column 0 or less
 * indented than the items.
 */
function recut(pieces: Piece[], text: string, edit: TextEdit): { from: number; to: number; cuts: Cut[] } | undefined {
  const from = pieceAt(pieces, edit.start) - 1;
  const to = pieceAt(pieces, Math.max(edit.start, edit.oldEnd - 1)) + 2;
  if (from < 0 || to > pieces.length) return undefined;
  const first = pieces[from];
  const key = first.key;
  const indent = first.indent ?? -1;
  for (let i = from; i < to; i++) if (pieces[i].role !== 'items' || pieces[i].key !== key || pieces[i].indent !== indent) return undefined;
  // The window's ends: the first piece starts before the edit, the last one ends after it.
  if (first.end > edit.start || pieces[to - 1].start < edit.oldEnd) return undefined;
  const delta = edit.newEnd - edit.oldEnd;
  const start = first.start;
  const end = pieces[to - 1].end + delta;
  const lines = lineStarts(text, start, end);
  const starts = [start];
  let seenItem = false;
  for (let l = 0; l < lines.length; l++) {
    const s = lines[l];
    if (isBlankOrComment(text, s)) continue;
    let c = s;
    while (text.charCodeAt(c) === 32) c++;
    const col = c - s;
    if (col < indent || (col === 0 && isKeyStart(text.charCodeAt(c))) || text.charCodeAt(c) === 9) return undefined;
    const item = col === indent && isItemIndicator(text, c);
    if (!item) continue;
    // The window starts at the first piece's own item.
    if (!seenItem) {
      seenItem = true;
      continue;
    }
    const at = cutBefore(text, lines, l, 0, indent);
    if (at > starts[starts.length - 1]) starts.push(at);
  }
  if (!seenItem) return undefined;
  const cuts = starts.map((s, i) => cutOf('items', key, indent, s, starts[i + 1] ?? end));
  return { from, to, cuts };
}

/** The document and data of clean pieces, or undefined. */
function assemble(pieces: Piece[]): IncrementalResult | undefined {
  if (pieces.length === 0 || pieces[0].role !== 'pairs' || pieces.some((p) => !p.clean)) return undefined;
  const pairs: Pair[] = [];
  const data: Record<string, unknown> = {};
  const keys = new Set<string>();
  /** The collection that ends the document: its trailing comments and end make the root map's. */
  let lastRoot = pieces[0].root as YAMLMap | YAMLSeq;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.role !== 'pairs') return undefined; // `items` without their `pairs` piece: never assembled
    lastRoot = p.root as YAMLMap;
    const ps = p.pairs as Pair[];
    for (let j = 0; j < ps.length; j++) {
      const key = (ps[j].key as Scalar).value as string;
      if (keys.has(key)) return undefined; // a duplicate key: the whole parse reports it
      keys.add(key);
      if (j < ps.length - 1 || p.key === undefined) {
        pairs.push(ps[j]);
        data[key] = (p.values as unknown[])[j];
      }
    }
    if (p.key === undefined) continue;
    const head = ps[ps.length - 1];
    const items = (p.items as Node[]).slice();
    const values = (p.itemData as unknown[]).slice();
    let tail = head.value as YAMLSeq;
    while (i + 1 < pieces.length && pieces[i + 1].role === 'items') {
      const q = pieces[++i];
      const qi = q.items as Node[];
      const qd = q.itemData as unknown[];
      for (let k = 0; k < qi.length; k++) {
        items.push(qi[k]);
        values.push(qd[k]);
      }
      tail = q.root as YAMLSeq;
      lastRoot = tail;
    }
    // The sequence ends as the piece of its last items does: trailing comments and end offset.
    const seq = copy(head.value as YAMLSeq);
    seq.items = items;
    seq.range = [(head.value as YAMLSeq).range?.[0] ?? 0, tail.range?.[1] ?? 0, tail.range?.[2] ?? 0];
    seq.comment = tail.comment;
    pairs.push(new Pair(head.key, seq));
    data[key(head)] = values;
  }
  const first = pieces[0].doc;
  if (!first) return undefined; // never: the first piece starts at 0 and keeps its document
  const map = copy(first.contents as YAMLMap);
  map.items = pairs;
  const lastPiece = pieces[pieces.length - 1];
  if (isMap(lastRoot)) {
    map.range = [map.range?.[0] ?? 0, lastRoot.range?.[1] ?? 0, lastRoot.range?.[2] ?? 0];
    map.comment = lastRoot.comment;
  } else {
    const end = lastRoot.range?.[2] ?? 0;
    map.range = [map.range?.[0] ?? 0, end, end];
    map.comment = undefined;
  }
  const doc = copy(first);
  doc.contents = map as Document.Parsed['contents'];
  doc.range = [first.range[0], map.range[2], lastPiece.docRange[2]];
  doc.comment = lastPiece.comment;
  doc.errors = [];
  doc.warnings = [];
  return { doc, data };
}

const key = (p: Pair): string => (p.key as Scalar).value as string;

/**
 * A shallow copy, own properties included (`yaml` marks node types with a non-enumerable symbol): the
 * pieces' nodes are never modified by an assembly.
 */
function copy<T extends object>(o: T): T {
  return Object.create(Object.getPrototypeOf(o) as object, Object.getOwnPropertyDescriptors(o)) as T;
}
