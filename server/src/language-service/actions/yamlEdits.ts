import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { nodeAt, pairAt, type ParsedDocument } from '../parse';
import type { Path } from '../types';

/**
 * Minimal edits on the original text of a YAML document, computed from the node ranges of its parse:
 * a value is replaced in place, a list item or a key is inserted after the last one with the list's
 * own indentation and style (block or flow). The document is never re-stringified, so comments, quoting
 * and the order of unrelated text are kept.
 */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export type Scalar = string | number | boolean;
/** A block list (`- item` lines); a plain array is written as a flow list of scalars. */
export interface BlockList {
  block: NewValue[];
}
/** A value to insert: a scalar, a flow list of scalars, a map (ordered entries) or a block list. */
export type NewValue = Scalar | Scalar[] | Entry[] | BlockList;
export type Entry = [key: string, value: NewValue];

export function toTextEdits(parsed: ParsedDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: parsed.lines.range(e.start, e.end), newText: e.newText }));
}

export function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The offset just after the last non-blank character of a node (block scalars end after their newlines). */
function contentEnd(text: string, node: Node): number {
  const [start, valueEnd] = node.range as [number, number, number];
  let end = valueEnd;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function isEntries(v: NewValue): v is Entry[] {
  return Array.isArray(v) && v.length > 0 && Array.isArray(v[0]);
}

function isBlockList(v: NewValue): v is BlockList {
  return typeof v === 'object' && !Array.isArray(v);
}

/** A scalar as YAML: plain when unambiguous, else double-quoted (JSON strings are valid YAML). */
export function scalarText(v: Scalar, flow = false): string {
  if (typeof v !== 'string') return String(v);
  const ambiguous = /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|\.(inf|nan))$/i.test(v);
  const unsafe = v === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(v) || /\s$/.test(v) || /:( |$)|\s#|[\n\r\t]/.test(v) || (flow && /[,[\]{}]/.test(v));
  return ambiguous || unsafe ? JSON.stringify(v) : v;
}

function flowValue(v: NewValue): string {
  if (isBlockList(v)) return `[${v.block.map(flowValue).join(', ')}]`;
  if (isEntries(v)) return `{${v.map(([k, x]) => `${k}: ${flowValue(x)}`).join(', ')}}`;
  if (Array.isArray(v)) return `[${(v as Scalar[]).map((x) => scalarText(x, true)).join(', ')}]`;
  return scalarText(v, true);
}

/** What follows `key:` for a key at column `col`: ` scalar`, ` [flow]`, or the block on the next lines. */
function afterKey(v: NewValue, col: number, eol: string): string {
  if (isEntries(v) || isBlockList(v)) return `${eol}${' '.repeat(col + 2)}${block(v, col + 2, eol)}`;
  return ` ${Array.isArray(v) ? flowValue(v) : scalarText(v)}`;
}

/** A block map or list whose first line starts at column `col` (written without its indentation). */
function block(v: NewValue, col: number, eol: string): string {
  if (isBlockList(v)) return v.block.map((item, i) => `${i === 0 ? '' : ' '.repeat(col)}- ${isEntries(item) || isBlockList(item) ? block(item, col + 2, eol) : Array.isArray(item) ? flowValue(item) : scalarText(item)}`).join(eol);
  if (isEntries(v)) return v.map(([k, x], i) => `${i === 0 ? '' : ' '.repeat(col)}${k}:${afterKey(x, col, eol)}`).join(eol);
  return flowValue(v);
}

/** Where the `-` of a block sequence item sits (the item's own range starts after it). */
function dashColumn(text: string, seq: YAMLSeq): number | undefined {
  const first = seq.items[0] as Node | undefined;
  if (!first?.range) return undefined;
  let i = first.range[0] - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '-' ? columnOf(text, i) : undefined;
}

/**
 * Appends an item to the list at `path`, in the list's style: after the last item of a block list (a
 * flow map when the last item is one, else block), before the `]` of a flow list. When the list is
 * absent or empty, the key gets a one-item block list.
 */
export function appendToList(parsed: ParsedDocument, path: Path, item: NewValue): OffsetEdit | undefined {
  const text = parsed.text;
  const eol = eolOf(text);
  const seq = nodeAt(parsed.doc, path);
  if (isSeq(seq) && seq.range && seq.flow) {
    const close = seq.range[1] - 1;
    if (text[close] !== ']') return undefined;
    return { start: close, end: close, newText: `${seq.items.length ? ', ' : ''}${flowValue(item)}` };
  }
  if (isSeq(seq) && seq.items.length > 0) {
    const last = seq.items[seq.items.length - 1] as Node;
    const col = dashColumn(text, seq);
    if (!last?.range || col === undefined) return undefined;
    const at = lineEnd(text, contentEnd(text, last));
    const flowStyle = isMap(last) && Boolean((last as YAMLMap).flow);
    const body = isEntries(item) ? (flowStyle ? flowValue(item) : block(item, col + 2, eol)) : Array.isArray(item) || isBlockList(item) ? flowValue(item) : scalarText(item);
    return { start: at, end: at, newText: `${eol}${' '.repeat(col)}- ${body}` };
  }
  const list: BlockList = { block: [item] };
  return setValue(parsed, path, list) ?? (path.length === 1 ? appendTopLevel(parsed, String(path[0]), list) : undefined);
}

/**
 * Gives `path` a value: replaces an existing scalar (keeping its quotes), fills `key:` with no value, or
 * adds the key to its parent map after the last key.
 */
export function setValue(parsed: ParsedDocument, path: Path, value: NewValue): OffsetEdit | undefined {
  const text = parsed.text;
  const eol = eolOf(text);
  const pair = pairAt(parsed.doc, path);
  if (pair && isScalar(pair.key) && pair.key.range) {
    const v = pair.value as Node | null;
    const empty = !v || (isScalar(v) && v.value == null && !(v.source ?? ''));
    if (!empty) return isScalar(v) && v.range && !isEntries(value) && !isBlockList(value) ? replaceScalar(text, v, flowValue(value)) : undefined;
    const colon = text.indexOf(':', pair.key.range[1]);
    if (colon < 0) return undefined;
    return { start: colon + 1, end: colon + 1, newText: afterKey(value, columnOf(text, pair.key.range[0]), eol) };
  }
  const key = String(path[path.length - 1]);
  const parent = nodeAt(parsed.doc, path.slice(0, -1));
  if (!isMap(parent) || !parent.range) return undefined;
  if (parent.flow) {
    const close = parent.range[1] - 1;
    if (text[close] !== '}') return undefined;
    return { start: close, end: close, newText: `${parent.items.length ? ', ' : ''}${key}: ${flowValue(value)}` };
  }
  const first = parent.items[0] as Pair | undefined;
  const last = parent.items[parent.items.length - 1] as Pair | undefined;
  if (!first || !isScalar(first.key) || !first.key.range || !last) return undefined;
  const col = columnOf(text, first.key.range[0]);
  const lastNode = (isScalar(last.value) && last.value.value == null ? last.key : last.value ?? last.key) as Node;
  const at = lineEnd(text, contentEnd(text, lastNode));
  return { start: at, end: at, newText: `${eol}${' '.repeat(col)}${key}:${afterKey(value, col, eol)}` };
}

/** Replaces a scalar's text; inside quotes when it is quoted, so the quoting style stays. */
export function replaceScalar(text: string, node: Node, newText: string): OffsetEdit {
  const [start, end] = node.range as [number, number, number];
  const q = text[start];
  if ((q === '"' || q === "'") && text[end - 1] === q && end - start >= 2) {
    const inner = q === '"' ? JSON.stringify(newText).slice(1, -1) : newText.replace(/'/g, "''");
    return { start: start + 1, end: end - 1, newText: inner };
  }
  return { start, end, newText };
}

/**
 * Removes a key and its value. In a block map the pair's lines go, except a trailing comment, which
 * stays on its own line; in a flow map the pair and one comma go.
 */
export function deletePair(parsed: ParsedDocument, path: Path): OffsetEdit | undefined {
  const text = parsed.text;
  const pair = pairAt(parsed.doc, path);
  const parent = nodeAt(parsed.doc, path.slice(0, -1));
  if (!pair || !isMap(parent) || !isScalar(pair.key) || !pair.key.range) return undefined;
  const start = pair.key.range[0];
  const end = contentEnd(text, (pair.value ?? pair.key) as Node);
  if (parent.flow) {
    const i = parent.items.indexOf(pair);
    const next = parent.items[i + 1] as Pair | undefined;
    if (next && isPair(next) && isScalar(next.key) && next.key.range) return { start, end: next.key.range[0], newText: '' };
    let s = start;
    while (s > 0 && /\s/.test(text[s - 1])) s--;
    if (text[s - 1] === ',') s--;
    return { start: s, end, newText: '' };
  }
  const ls = lineStart(text, start);
  if (text.slice(ls, start).trim() !== '') return undefined;
  const le = lineEnd(text, end);
  const rest = text.slice(end, le);
  const comment = /#.*$/.exec(rest);
  if (comment) return { start: ls, end: le, newText: `${' '.repeat(start - ls)}${comment[0]}` };
  const next = le < text.length ? le + (text.startsWith('\r\n', le) ? 2 : 1) : le;
  return { start: ls, end: next, newText: '' };
}

/** Appends a top-level key at the end of the document. */
export function appendTopLevel(parsed: ParsedDocument, key: string, value: NewValue): OffsetEdit {
  const text = parsed.text;
  const eol = eolOf(text);
  const lead = text.length === 0 || text.endsWith('\n') || text.endsWith('\r') ? '' : eol;
  return { start: text.length, end: text.length, newText: `${lead}${key}:${afterKey(value, 0, eol)}${eol}` };
}
