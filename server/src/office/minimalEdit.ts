/** The smallest replacement turning `a` into `b` (common prefix and suffix kept), for a readable undo. */
export function minimalEdit(a: string, b: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { start, end: ea, text: b.slice(start, eb) };
}
