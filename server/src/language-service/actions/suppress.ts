import { visit, type Node } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { quickFix, type FixContext } from './fixContext';
import { eolOf, type OffsetEdit } from './yamlEdits';

const SAME_LINE = /#\s*amo-disable-line\b([^#\n\r]*)/;
const NEXT_LINE = /#\s*amo-disable-next-line\b([^#\n\r]*)/;

/** Whether `offset` falls strictly inside a scalar or a flow collection (a comment there would change it). */
function insideValue(ctx: FixContext, offset: number): boolean {
  let inside = false;
  const check = (n: Node): symbol | undefined => {
    const r = n.range;
    if (r && r[0] < offset && offset < r[1]) {
      inside = true;
      return visit.BREAK;
    }
    return undefined;
  };
  visit(ctx.parsed.doc, {
    Scalar: (_, n) => check(n),
    Collection: (_, n) => (n.flow ? check(n) : undefined),
  });
  return inside;
}

/** Adds `code` to the directive of `line` when it has one; undefined when it has none, [] when already there. */
function mergeInto(ctx: FixContext, line: number, re: RegExp, code: string): OffsetEdit[] | undefined {
  const text = ctx.parsed.lines.lineText(line);
  const m = re.exec(text);
  if (!m) return undefined;
  const codes = m[1].split(/[\s,]+/).filter(Boolean);
  // A directive without codes already silences every code of its line.
  if (codes.length === 0 || codes.includes(code)) return [];
  const at = ctx.parsed.lines.offsetAt({ line, character: m.index + m[0].replace(/\s+$/, '').length });
  return [{ start: at, end: at, newText: `${m[1].includes(',') ? ',' : ''} ${code}` }];
}

/**
 * "Suppress this rule on this line": `# amo-disable-line CODE` at the end of the diagnostic's first line,
 * merged into an existing directive. When the end of the line is inside a value (a multi-line string or
 * flow collection), an `# amo-disable-next-line CODE` line is inserted above instead.
 */
export function suppressOnLine(ctx: FixContext, diag: Diagnostic & { code: string }): CodeAction | undefined {
  const line = diag.range.start.line;
  const code = diag.code;
  const title = { fr: `Ignorer ${code} sur cette ligne (# amo-disable-line)`, en: `Suppress ${code} on this line (# amo-disable-line)` };
  const merged = mergeInto(ctx, line, SAME_LINE, code) ?? (line > 0 ? mergeInto(ctx, line - 1, NEXT_LINE, code) : undefined);
  if (merged) return merged.length ? quickFix(ctx, diag, title, merged) : undefined;
  const text = ctx.parsed.lines.lineText(line);
  const end = ctx.parsed.lines.offsetAt({ line, character: text.replace(/[ \t]+$/, '').length });
  // The parser reads the first directive of a line: a line that already holds a next-line one gets its own above.
  if (!insideValue(ctx, end) && !NEXT_LINE.test(text)) return quickFix(ctx, diag, title, [{ start: end, end, newText: `  # amo-disable-line ${code}` }]);
  const start = ctx.parsed.lines.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  return quickFix(ctx, diag, title, [{ start, end: start, newText: `${indent}# amo-disable-next-line ${code}${eolOf(ctx.parsed.text)}` }]);
}
