import { isMap, isPair, isScalar, type Node, type Pair } from 'yaml';

/**
 * Offsets of YAML nodes as an editor wants them. The `yaml` package ends a block collection or a block
 * scalar after its trailing line break, which would make a fold or a selection spill onto the next line.
 */

/** `end` moved back over trailing white space and line breaks. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The offsets of a node without its trailing line breaks, or undefined for a node without position. */
export function nodeSpan(text: string, node: unknown): [number, number] | undefined {
  const r = (node as Node | null | undefined)?.range;
  if (!r) return undefined;
  return [r[0], trimEnd(text, r[0], r[1])];
}

/** A map entry from its key to the end of its value. */
export function pairSpan(text: string, pair: Pair): [number, number] | undefined {
  const key = nodeSpan(text, pair.key);
  if (!key) return undefined;
  const value = nodeSpan(text, pair.value);
  return [key[0], value && value[1] > key[1] ? value[1] : key[1]];
}

/** The value of `key` in a map node. */
export function field(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

/** A scalar's value as text (numbers and booleans included), else undefined. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || typeof node.value === 'object') return undefined;
  return String(node.value);
}

export function scalarNumber(node: unknown): number | undefined {
  return isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value) ? node.value : undefined;
}

/** The key of a pair as text (empty for complex keys). */
export function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}
