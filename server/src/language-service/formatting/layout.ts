import { Composer, Parser, type CST, type Document } from 'yaml';
import type { LineIndex } from '../lineIndex';

/**
 * The block structure of a document, read from the `yaml` CST (which keeps every indicator and space
 * with its offset): where each block-map key and block-sequence item should start, which spaces after
 * `:` and `-` become one, and which lines belong to a value that must not be reflowed.
 */
export interface Layout {
  /** Lines that start with a block-map key or a `-` item: their target column. */
  structural: Map<number, number>;
  /**
   * For each line holding a key, an item or a value on its own line: the deepest target column of a block
   * on it. The continuation lines of a multi-line scalar or flow collection must stay right of it.
   */
  inner: Map<number, number>;
  /** Whitespace runs [start, end) after `:` or `-` that become a single space. */
  gaps: [number, number][];
  /**
   * Block-scalar content lines and how far they move: the content is re-indented as a whole to its key's
   * column + tabSize (undefined with an explicit indentation indicator: it moves with its key); otherwise
   * untouched, spaces there are content.
   */
  verbatim: Map<number, number | undefined>;
  /** Lines after the first of a multi-line flow scalar or flow collection: shifted with their key. */
  continuation: Set<number>;
  /** Continuation lines inside a multi-line scalar, where a blank line is content (never merged). */
  insideScalar: Set<number>;
  /** Lines that start a top-level entry (for range formatting). */
  roots: number[];
  /** Every comment of the document, in order. */
  comments: string[];
}

/** A construct the formatter does not handle (explicit `?` keys): the document is left alone. */
export class Unsupported extends Error {}

type Item = { start: CST.SourceToken[]; key?: CST.Token | null; sep?: CST.SourceToken[]; value?: CST.Token; explicitKey?: true };

const TRIVIA = new Set(['space', 'newline', 'comment']);

export function buildLayout(text: string, lines: LineIndex, tabSize: number): Layout {
  const layout: Layout = { structural: new Map(), inner: new Map(), gaps: [], verbatim: new Map(), continuation: new Set(), insideScalar: new Set(), roots: [], comments: [] };
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const firstOnLine = (offset: number): boolean => /^[ \t]*$/.test(text.slice(lines.offsetAt({ line: lineOf(offset), character: 0 }), offset).replace(/^\uFEFF/, ''));

  function structural(offset: number, col: number, depth: number): void {
    const line = lineOf(offset);
    layout.inner.set(line, Math.max(layout.inner.get(line) ?? 0, col));
    if (!firstOnLine(offset)) return;
    layout.structural.set(lineOf(offset), col);
    if (depth === 0) layout.roots.push(lineOf(offset));
  }

  function span(from: number, to: number, set: Set<number>): void {
    for (let l = lineOf(from) + 1; l <= lineOf(Math.max(from, to - 1)); l++) set.add(l);
  }

  /** `[start, end)` of a space token followed, on the same line, by something other than a comment. */
  function gapBefore(space: CST.SourceToken | undefined, next: CST.Token | undefined): void {
    if (space?.type !== 'space' || !next || TRIVIA.has(next.type) || lineOf(next.offset) !== lineOf(space.offset)) return;
    if (space.source !== ' ') layout.gaps.push([space.offset, space.offset + space.source.length]);
  }

  function head(tokens: (CST.Token | null | undefined)[]): CST.Token | undefined {
    return tokens.find((t): t is CST.Token => !!t && !TRIVIA.has(t.type));
  }

  /** A scalar or flow value (or its anchor, tag, block-scalar header) on the line after its key or `-`. */
  function ownLine(owner: CST.Token | undefined, value: CST.Token | undefined, col: number): void {
    if (!owner || !value || value.type === 'block-map' || value.type === 'block-seq') return;
    if (lineOf(value.offset) !== lineOf(owner.offset)) structural(value.offset, col, 1);
  }

  function flowItems(items: Item[]): void {
    for (const it of items) {
      visit(it.key ?? undefined, 0, 1);
      visit(it.value, 0, 1);
    }
  }

  /** `owner`: the target column of the key or `-` that holds a block scalar. */
  function visit(tok: CST.Token | undefined, col: number, depth: number, owner?: number): void {
    if (!tok) return;
    switch (tok.type) {
      case 'document':
        visit(tok.value, 0, 0);
        return;
      case 'block-map':
        for (const it of tok.items as Item[]) {
          if (it.explicitKey || it.start.some((t) => t.type === 'explicit-key-ind')) throw new Unsupported('explicit key');
          const h = head([...it.start, it.key, ...(it.sep ?? [])]);
          if (h) structural(h.offset, col, depth);
          const sep = it.sep ?? [];
          const colon = sep.findIndex((t) => t.type === 'map-value-ind');
          if (colon >= 0) gapBefore(sep[colon + 1], sep[colon + 2] ?? it.value);
          ownLine(h, head([...sep.slice(colon + 1), it.value]), col + tabSize);
          visit(it.key ?? undefined, col + tabSize, depth + 1);
          visit(it.value, col + tabSize, depth + 1, col);
        }
        return;
      case 'block-seq':
        for (const it of tok.items as Item[]) {
          const d = it.start.findIndex((t) => t.type === 'seq-item-ind');
          if (d < 0) continue;
          const dash = it.start[d];
          structural(dash.offset, col, depth);
          gapBefore(it.start[d + 1], it.start[d + 2] ?? it.value);
          ownLine(dash, head([...it.start.slice(d + 1), it.value]), col + tabSize);
          const v = it.value;
          const nested = v && (v.type === 'block-map' || v.type === 'block-seq');
          // `- key: v` / `- - x`: the nested block starts right after "- ", its other lines align on it.
          const sameLine = nested && lineOf(v.offset) === lineOf(dash.offset);
          visit(v, sameLine ? col + 2 : col + tabSize, depth + 1, col);
        }
        return;
      case 'block-scalar': {
        const last = tok.props[tok.props.length - 1];
        const from = last ? last.offset + ('source' in last ? last.source.length : 0) : tok.offset;
        if (tok.source.length === 0) return;
        const header = tok.props.find((t) => t.type === 'block-scalar-header');
        const explicit = !header || !('source' in header) || /\d/.test(header.source);
        const first = /^(?:[ ]*(?:\r\n|\r|\n))*([ ]*)\S/.exec(tok.source);
        const delta = explicit || owner === undefined || !first ? undefined : owner + tabSize - first[1].length;
        for (let l = lineOf(from); l <= lineOf(from + tok.source.length - 1); l++) layout.verbatim.set(l, delta);
        return;
      }
      case 'flow-collection': {
        const end = tok.end[0];
        span(tok.offset, end ? end.offset + 1 : tok.offset, layout.continuation);
        flowItems(tok.items as Item[]);
        return;
      }
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        span(tok.offset, tok.offset + tok.source.length, layout.continuation);
        span(tok.offset, tok.offset + tok.source.length, layout.insideScalar);
        return;
      default:
        return;
    }
  }

  const tokens = [...new Parser().parse(text)];
  for (const tok of tokens) visit(tok, 0, 0);
  layout.comments = commentsOf(tokens);
  return layout;
}

function commentsOf(tokens: CST.Token[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const t = v as { type?: string; source?: string };
      if (t.type === 'comment' && typeof t.source === 'string') out.push(t.source.trimEnd());
      else for (const x of Object.values(v)) if (x && typeof x === 'object') walk(x);
    }
  };
  walk(tokens);
  return out;
}

/** Every comment of a document, in order (to check that formatting kept them all). */
export function comments(text: string): string[] {
  return commentsOf([...new Parser().parse(text)]);
}

/** One parse of `text` (same options as the service's): its document (undefined if several) and its comments. */
export function parseWithComments(text: string): { doc?: Document.Parsed; comments: string[] } {
  const tokens = [...new Parser().parse(text)];
  const docs = [...new Composer({ prettyErrors: false, uniqueKeys: true, strict: true }).compose(tokens, true, text.length)];
  return { doc: docs.length === 1 ? (docs[0] as Document.Parsed) : undefined, comments: commentsOf(tokens) };
}
