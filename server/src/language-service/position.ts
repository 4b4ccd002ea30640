import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ParsedDocument } from './parse';
import type { PathSegment } from './types';

/** Where an offset falls in the YAML tree. */
export interface NodeAtOffset {
  /** Path of the innermost value containing the offset (for a key: the path of its value). */
  path: PathSegment[];
  /** `key` when the offset is on a map key, `value` on a scalar value, `collection` inside a map/seq but on no scalar. */
  on: 'key' | 'value' | 'collection';
  /** The scalar or collection node under the offset. */
  node?: Node;
  /** The map pair whose key or value holds the offset, if any. */
  pair?: Pair;
}

function contains(node: unknown, offset: number): boolean {
  const r = (node as Node | null)?.range;
  // The end is inclusive: a cursor right after the last character is still "on" the word.
  return !!r && r[0] <= offset && offset <= r[1];
}

/** The innermost node at `offset`, with its path from the root. Pure function of the parse. */
export function nodeAtOffset(parsed: ParsedDocument, offset: number): NodeAtOffset {
  const path: PathSegment[] = [];
  let node = parsed.doc.contents as Node | null;
  if (!node || !contains(node, offset)) return { path, on: 'collection', node: node ?? undefined };
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (contains(p.key, offset) || contains(p.value, offset))) as Pair | undefined;
      if (!pair) return { path, on: 'collection', node };
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (contains(pair.key, offset)) return { path: [...path, key], on: 'key', node: pair.key as Node, pair };
      path.push(key);
      const value = pair.value as Node | null;
      if (isScalar(value)) return { path, on: 'value', node: value, pair };
      node = value as Node;
      continue;
    }
    if (isSeq(node)) {
      const i = node.items.findIndex((it) => contains(it, offset));
      if (i < 0) return { path, on: 'collection', node };
      path.push(i);
      const item = node.items[i] as Node;
      if (isScalar(item)) return { path, on: 'value', node: item };
      node = item;
      continue;
    }
    return { path, on: isScalar(node) ? 'value' : 'collection', node };
  }
}
