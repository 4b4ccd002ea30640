/**
 * Text fit for an XML 1.0 part (DOCX, XLSX). XML 1.0 allows only TAB, LF, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD and U+10000–U+10FFFF (production [2] Char): a C0 control (NUL, ESC, vertical tab…),
 * U+FFFE, U+FFFF or a lone surrogate makes the part ill-formed, and Word or Excel refuses the whole
 * file. Each such character becomes U+FFFD (the replacement character), so the reader still sees that
 * the source held something there. Escaping `< & >` is the XML writer's job (docx, exceljs), not this one's.
 * Pure; one choke point per format: `xmlSafe` on the DocModel in docx.ts, `cleanWorkbook` in office/workbook.ts.
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `s` with every character XML 1.0 forbids replaced by U+FFFD; `s` itself when it has none. */
export function xmlText(s: string): string {
  FORBIDDEN.lastIndex = 0;
  if (!FORBIDDEN.test(s)) return s;
  FORBIDDEN.lastIndex = 0;
  return s.replace(FORBIDDEN, '\ufffd');
}

/** Whether `s` holds a character XML 1.0 forbids. */
export function hasXmlForbidden(s: string): boolean {
  FORBIDDEN.lastIndex = 0;
  const found = FORBIDDEN.test(s);
  FORBIDDEN.lastIndex = 0;
  return found;
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of plain data (arrays, plain objects) with `xmlText` applied to every string, keys included;
 * anything else (numbers, dates, class instances) is kept as it is. Values without a forbidden
 * character come back unchanged (the same object when nothing under it changed).
 */
export function xmlSafe<T>(v: T): T {
  if (typeof v === 'string') return xmlText(v) as T;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let changed = false;
    const out = v.map((x: unknown) => {
      const y = xmlSafe(x);
      if (y !== x) changed = true;
      return y;
    });
    return (changed ? out : v) as T;
  }
  if (!isPlain(v)) return v;
  let changed = false;
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>;
  for (const [k, x] of Object.entries(v)) {
    const key = xmlText(k);
    const y = xmlSafe(x);
    if (key !== k || y !== x) changed = true;
    // defineProperty, not `out[key] =`: a key `__proto__` stays an ordinary key.
    Object.defineProperty(out, key, { value: y, enumerable: true, writable: true, configurable: true });
  }
  return (changed ? out : v) as T;
}
