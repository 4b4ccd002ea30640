import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../parse';
import { buildLayout, parseWithComments, Unsupported, type Layout } from './layout';

export interface FormatOptions {
  /** Spaces per indentation level of block mappings and sequences (the editor's tabSize; 2 by default). */
  tabSize?: number;
}

interface Line {
  text: string;
  eol: string;
}

/** What happens to one line: its new text, or null when it goes (a redundant blank line). */
type LineOps = Map<number, string | null>;

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(last, m.index), eol: m[0] });
    last = m.index + m[0].length;
  }
  // The empty "line" after a final newline is not a line of the document.
  if (last < text.length || out.length === 0) out.push({ text: text.slice(last), eol: '' });
  return out;
}

const indentOf = (s: string): number => /^ */.exec(s)![0].length;
const isBlank = (s: string): boolean => /^[ \t]*$/.test(s);
const trimEnd = (s: string): string => s.replace(/[ \t]+$/, '');

function shift(s: string, delta: number): string {
  // A tab in the leading whitespace (legal in flow context only): the line is left as it is.
  if (delta === 0 || /^[ ]*\t/.test(s)) return s;
  return ' '.repeat(Math.max(0, indentOf(s) + delta)) + s.slice(indentOf(s));
}

/** The text of a structural line: target indentation, single spaces after `:` and `-`, no trailing blanks. */
function rewrite(line: string, lineStart: number, col: number, gaps: [number, number][]): string {
  const lead = line.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = line.slice(lead.length);
  const indent = indentOf(body);
  let rest = body.slice(indent);
  const base = lineStart + lead.length + indent;
  for (const [s, e] of gaps.filter(([s]) => s >= base && s < base + rest.length).sort((a, b) => b[0] - a[0])) {
    rest = `${rest.slice(0, s - base)} ${rest.slice(e - base)}`;
  }
  return trimEnd(lead + ' '.repeat(col) + rest);
}

/** The new text of every line (before blank-line handling). */
function relayout(lines: Line[], starts: number[], layout: Layout): string[] {
  const structuralLines = [...layout.structural.keys()].sort((a, b) => a - b);
  const deltaOf = new Map<number, number>();
  for (const l of structuralLines) deltaOf.set(l, layout.structural.get(l)! - indentOf(lines[l].text.replace(/^\uFEFF/, '')));
  const out: string[] = [];
  let delta = 0;
  let inner = -1;
  let prev: number | undefined;
  for (let l = 0; l < lines.length; l++) {
    const t = lines[l].text;
    if (layout.verbatim.has(l)) {
      out.push(shift(t, layout.verbatim.get(l) ?? delta));
      continue;
    }
    if (layout.structural.has(l)) {
      delta = deltaOf.get(l)!;
      inner = layout.inner.get(l) ?? layout.structural.get(l)!;
      prev = l;
      out.push(rewrite(t, starts[l], layout.structural.get(l)!, layout.gaps));
      continue;
    }
    if (isBlank(t)) {
      out.push('');
      continue;
    }
    // Document markers and directives stay in column 0.
    if (/^(---|\.\.\.)([ \t]|$)|^%/.test(t)) {
      out.push(trimEnd(t));
      continue;
    }
    if (/^[ \t]*#/.test(t) && !layout.continuation.has(l)) {
      out.push(trimEnd(' '.repeat(commentColumn(lines, l, layout, prev, delta)) + t.trimStart()));
      continue;
    }
    // A continuation line stays right of the block its value belongs to, whatever the shift.
    const min = layout.continuation.has(l) ? inner + 1 - indentOf(t) : -Infinity;
    out.push(trimEnd(shift(t, Math.max(delta, min))));
  }
  return out;
}

/** A comment line goes with the next key or item when it was aligned on it, else with the previous one. */
function commentColumn(lines: Line[], l: number, layout: Layout, prev: number | undefined, delta: number): number {
  const own = indentOf(lines[l].text);
  let n = l + 1;
  while (n < lines.length && (isBlank(lines[n].text) || (/^[ \t]*#/.test(lines[n].text) && !layout.continuation.has(n)))) n++;
  const next = n < lines.length && layout.structural.has(n) ? n : undefined;
  if (next !== undefined && own === indentOf(lines[next].text)) return layout.structural.get(next)!;
  if (prev !== undefined && own === indentOf(lines[prev].text)) return layout.structural.get(prev)!;
  if (next !== undefined) return layout.structural.get(next)!;
  return Math.max(0, own + delta);
}

/** Line operations of a whole-document format: changed lines, dropped blank lines, and the final newline. */
function lineOps(lines: Line[], next: string[], layout: Layout): LineOps {
  const ops: LineOps = new Map();
  const keep = (l: number): boolean => layout.verbatim.has(l) || layout.insideScalar.has(l);
  let lastContent = -1;
  for (let l = 0; l < next.length; l++) if (next[l] !== '' || keep(l)) lastContent = l;
  let previousBlank = false;
  for (let l = 0; l < next.length; l++) {
    const blank = next[l] === '' && !keep(l);
    if (blank && (previousBlank || l > lastContent)) {
      ops.set(l, null);
      continue;
    }
    previousBlank = next[l] === '';
    if (next[l] !== lines[l].text) ops.set(l, next[l]);
  }
  return ops;
}

function apply(lines: Line[], ops: LineOps, eol: string): string {
  let out = '';
  let last = -1;
  lines.forEach((line, l) => {
    const op = ops.get(l);
    if (op === null) return;
    out += (op ?? line.text) + line.eol;
    last = l;
  });
  // A single final newline (the dropped trailing blank lines took theirs).
  if (last >= 0 && lines[last].eol === '' && out.length > 0) out += eol;
  return out;
}

function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The formatted text means the same: it parses without error, to the same data, with the same comments. */
function equivalent(parsed: ParsedDocument, layout: Layout, text: string): boolean {
  const { doc, comments } = parseWithComments(text);
  if (!doc || doc.errors.length) return false;
  try {
    return equal(comments, layout.comments) && equal(doc.toJS({ maxAliasCount: 1000 }), parsed.raw ?? parsed.data);
  } catch {
    return false;
  }
}

function toEdits(lines: Line[], ops: LineOps, eol: string, finalNewline: boolean): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [l, op] of [...ops].sort((a, b) => a[0] - b[0])) {
    // A dropped line takes its newline with it; the last line has none, only its blanks go.
    const end = op === null && lines[l].eol !== '' ? { line: l + 1, character: 0 } : { line: l, character: lines[l].text.length };
    edits.push({ range: { start: { line: l, character: 0 }, end }, newText: op ?? '' });
  }
  const lastLine = lines.length - 1;
  if (finalNewline && lines[lastLine].eol === '' && ops.get(lastLine) !== null && lines.some((x, l) => x.text !== '' || ops.has(l))) {
    const own = edits.find((e) => e.range.start.line === lastLine && e.range.end.line === lastLine);
    if (own) own.newText += eol;
    else edits.push({ range: { start: { line: lastLine, character: lines[lastLine].text.length }, end: { line: lastLine, character: lines[lastLine].text.length } }, newText: eol });
  }
  return edits;
}

/** Restricts whole-document operations to the lines of `range` (a selection ending at column 0 stops before that line). */
function restrict(ops: LineOps, range: Range, lineCount: number): { ops: LineOps; last: boolean } {
  const first = range.start.line;
  const last = range.end.character === 0 && range.end.line > first ? range.end.line - 1 : range.end.line;
  const out: LineOps = new Map([...ops].filter(([l]) => l >= first && l <= last));
  return { ops: out, last: last >= lineCount - 1 };
}

/**
 * Formatting edits for a whole document, or for the lines of `range`: block mappings and sequences
 * re-indented to `tabSize`, one space after `:` and `-`, trailing blanks trimmed, at most one blank line
 * in a row, a single final newline. Strings (block scalars included), quoting, flow collections and
 * comments are kept. One edit per changed line. Returns no edits for a document with syntax errors or a
 * construct it does not handle, and none unless the result parses to the same data with the same
 * comments, nor for a document over the size limit. A range whose lines cannot be re-indented alone is
 * widened to the top-level entries around it.
 */
export function formatDocument(parsed: ParsedDocument, options: FormatOptions = {}, range?: Range): TextEdit[] {
  // Over the validation size limit (YAML-003) the document is left alone too: formatting parses it twice more.
  if (!parsed.ok || parsed.doc.errors.length > 0 || parsed.skipped) return [];
  const tabSize = Math.min(8, Math.max(1, Math.floor(options.tabSize ?? 2)));
  let layout: Layout;
  try {
    layout = buildLayout(parsed.text, parsed.lines, tabSize);
  } catch (err) {
    if (err instanceof Unsupported) return [];
    throw err;
  }
  const lines = splitLines(parsed.text);
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.text.length + line.eol.length;
  }
  const eol = /\r\n/.test(parsed.text) ? '\r\n' : '\n';
  const all = lineOps(lines, relayout(lines, starts, layout), layout);
  const attempt = (ops: LineOps, finalNewline: boolean): TextEdit[] | undefined => {
    const text = apply(lines, ops, finalNewline ? eol : '');
    if (text === parsed.text) return [];
    return equivalent(parsed, layout, text) ? toEdits(lines, ops, eol, finalNewline) : undefined;
  };
  if (!range) return attempt(all, true) ?? [];
  const first = restrict(all, range, lines.length);
  const exact = attempt(first.ops, first.last);
  if (exact) return exact;
  const roots = layout.roots;
  const from = Math.max(0, ...roots.filter((r) => r <= range.start.line));
  const after = roots.find((r) => r > range.end.line);
  const wide = restrict(all, { start: { line: from, character: 0 }, end: { line: after ?? lines.length, character: 0 } }, lines.length);
  return attempt(wide.ops, wide.last) ?? [];
}
