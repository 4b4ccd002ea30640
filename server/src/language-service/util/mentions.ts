/**
 * Whether some key or text inside `values` matches `re` (a regular expression without the `g` flag): what
 * `re.test(JSON.stringify(values))` answered, without writing out the whole document on every keystroke.
 *
 * The answer for each object or array is remembered per expression: the parse reuses the data of the
 * parts of a document that an edit did not touch (incrementalParse.ts), so that after an edit only the
 * changed items are searched again. Data values are never modified, which makes the memory safe; it is
 * weak, so it goes with the documents.
 */
export function mentions(values: readonly unknown[], re: RegExp): boolean {
  let memo = MEMO.get(re);
  if (!memo) {
    memo = new WeakMap();
    MEMO.set(re, memo);
  }
  return values.some((v) => search(v, re, memo));
}

const MEMO = new Map<RegExp, WeakMap<object, boolean>>();

function search(v: unknown, re: RegExp, memo: WeakMap<object, boolean>): boolean {
  if (typeof v === 'string') return re.test(v);
  if (typeof v === 'number' || typeof v === 'boolean') return re.test(String(v));
  if (v === null || typeof v !== 'object') return false;
  const hit = memo.get(v);
  if (hit !== undefined) return hit;
  const found = Array.isArray(v) ? v.some((x) => search(x, re, memo)) : Object.entries(v).some(([k, x]) => re.test(k) || search(x, re, memo));
  memo.set(v, found);
  return found;
}
