import { visit, type Node } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { crowdedLines, directivesOf, type Directive } from '../directives';
import { quickFix, type FixContext } from './fixContext';
import { eolOf, type OffsetEdit } from './yamlEdits';

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

/** Adds `code` to `d` when it is a directive of the wanted kind; undefined when it is not, [] when the code is already there. */
function mergeInto(d: Directive | undefined, next: boolean, code: string): OffsetEdit[] | undefined {
  if (!d || d.next !== next) return undefined;
  if (d.codes.includes(code)) return [];
  // A directive without codes did not silence this diagnostic (it is shown: an untrusted workspace), naming the code does.
  return [{ start: d.end, end: d.end, newText: `${d.commas ? ',' : ''} ${code}` }];
}

/**
 * "Suppress this rule on this line": `# amo-disable-line CODE` at the end of the diagnostic's first line,
 * merged into an existing directive (a real comment only: directives.ts). When the end of the line is inside
 * a value (a multi-line string or flow collection), an `# amo-disable-next-line CODE` line is inserted above
 * instead. None on a line where a directive silences nothing (two entries of a collection on it: directives.ts).
 */
export function suppressOnLine(ctx: FixContext, diag: Diagnostic & { code: string }): CodeAction | undefined {
  const line = diag.range.start.line;
  const code = diag.code;
  const title = { fr: `Ignorer ${code} sur cette ligne (# amo-disable-line)`, en: `Suppress ${code} on this line (# amo-disable-line)` };
  if (crowdedLines(ctx.parsed, new Set([line])).has(line)) return undefined;
  const directives = directivesOf(ctx.parsed);
  const merged = mergeInto(directives.get(line), false, code) ?? (line > 0 ? mergeInto(directives.get(line - 1), true, code) : undefined);
  if (merged) return merged.length ? quickFix(ctx, diag, title, merged) : undefined;
  const text = ctx.parsed.lines.lineText(line);
  const end = ctx.parsed.lines.offsetAt({ line, character: text.replace(/[ \t]+$/, '').length });
  // The parser reads the first directive of a line: a line that already holds a next-line one gets its own above.
  if (!insideValue(ctx, end) && !directives.get(line)?.next) return quickFix(ctx, diag, title, [{ start: end, end, newText: `  # amo-disable-line ${code}` }]);
  const start = ctx.parsed.lines.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  return quickFix(ctx, diag, title, [{ start, end: start, newText: `${indent}# amo-disable-next-line ${code}${eolOf(ctx.parsed.text)}` }]);
}
