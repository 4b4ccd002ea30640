import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../parse';
import { nodeSpan, pairSpan } from './yamlSpans';

type Span = [number, number];

/**
 * For each position, the chain of ranges a "expand selection" walks through: the word, the scalar (inside
 * then with its quotes), the `key: value` pair, the list item (then with its `- `), the collection, the
 * parent pair… up to the whole document.
 */
export function getSelectionRanges(parsed: ParsedDocument, positions: Position[]): SelectionRange[] {
  return positions.map((p) => chain(parsed, spansAt(parsed, parsed.lines.offsetAt(p))));
}

/** Spans from the outermost (the document) to the innermost, each inside the previous one. */
function spansAt(parsed: ParsedDocument, offset: number): Span[] {
  const text = parsed.text;
  const spans: Span[] = [[0, text.length]];
  const add = (s: Span | undefined): void => {
    if (s) spans.push(s);
  };
  const within = (s: Span | undefined): s is Span => !!s && s[0] <= offset && offset <= s[1];
  let node = parsed.doc.contents as Node | null;
  while (node) {
    const span = nodeSpan(text, node);
    if (!within(span)) break;
    if (isScalar(node)) {
      add(span);
      scalarInside(text, node, span, offset).forEach(add);
      break;
    }
    add(span);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && within(pairSpan(text, p))) as Pair | undefined;
      if (!pair) break;
      add(pairSpan(text, pair));
      const key = nodeSpan(text, pair.key);
      if (within(key) && !within(nodeSpan(text, pair.value))) {
        add(key);
        scalarInside(text, pair.key as Node, key!, offset).forEach(add);
        break;
      }
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items.find((it) => within(nodeSpan(text, it))) as Node | undefined;
      if (!item) break;
      const itemSpan = nodeSpan(text, item)!;
      add(withDash(text, itemSpan));
      node = item;
    } else break;
  }
  return spans;
}

/** Inside a scalar: the text between quotes, then the word under the cursor. */
function scalarInside(text: string, node: Node, span: Span, offset: number): Span[] {
  const out: Span[] = [];
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && span[1] - span[0] >= 2;
  const inner: Span = quoted ? [span[0] + 1, span[1] - 1] : span;
  if (quoted && inner[0] <= offset && offset <= inner[1]) out.push(inner);
  let s = offset;
  let e = offset;
  const word = /[\p{L}\p{N}_.-]/u;
  while (s > inner[0] && word.test(text[s - 1])) s--;
  while (e < inner[1] && word.test(text[e])) e++;
  if (e > s) out.push([s, e]);
  return out;
}

/** A block list item's span extended to its `- ` marker (the parse starts items after it). */
function withDash(text: string, span: Span): Span {
  let s = span[0];
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  return text[s - 1] === '-' ? [s - 1, span[1]] : span;
}

/** A linked SelectionRange from nested spans, without repeats, each range strictly inside its parent. */
function chain(parsed: ParsedDocument, spans: Span[]): SelectionRange {
  let current: SelectionRange | undefined;
  let prev: Span | undefined;
  for (const s of spans) {
    const clamped: Span = prev ? [Math.max(s[0], prev[0]), Math.min(s[1], prev[1])] : s;
    if (prev && clamped[0] === prev[0] && clamped[1] === prev[1]) continue;
    if (clamped[1] < clamped[0]) continue;
    current = { range: parsed.lines.range(clamped[0], clamped[1]), parent: current };
    prev = clamped;
  }
  return current!;
}
