import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { locate, type ParsedDocument } from '../parse';
import type { Locale, TextDocumentLike } from '../types';
import { allCodes } from '../rules/registry';
import { FIXERS, type Fixer } from './fixers';
import { pathOf, type FixContext } from './fixContext';
import { followUpRefactors, followUpSubject } from './followUpFixes';
import { suppressOnLine } from './suppress';

export interface CodeActionOptions {
  locale?: Locale;
  /** `CodeActionContext.only`: kinds the client asked for (quick fixes, refactors); all of them when absent. */
  only?: string[];
}

/** What the code actions need from the service: parses, other documents, the programme link. */
export interface CodeActionHost {
  parse(doc: TextDocumentLike): ParsedDocument;
  readText(uri: string): string | undefined;
  getProgrammeUri(doc: TextDocumentLike): string | undefined;
  /** Today (ISO): the date a review or a lifting recorded by an action carries. */
  today(): string;
}

/** Quick fixes by diagnostic code, as each rule declares them (`fixes`, rules/types.ts). */
let fixersByCode: ReadonlyMap<string, readonly Fixer[]> | undefined;

function fixersOf(code: string): readonly Fixer[] {
  fixersByCode ??= new Map(allCodes().filter((r) => r.fixes?.length).map((r) => [r.id, (r.fixes ?? []).map((name) => FIXERS[name])]));
  return fixersByCode.get(code) ?? [];
}

/** Whether `only` lets actions of `kind` through: `refactor` admits `refactor.rewrite`, `` admits everything. */
function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => k === '' || k === kind || k.startsWith(`${kind}.`) || kind.startsWith(`${k}.`));
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * Whether a diagnostic still describes the current text: the node its `data.path` names starts where
 * the diagnostic does. A diagnostic from an older version (the user typed since) gets no data-driven fix.
 */
function current(parsed: ParsedDocument, diag: Diagnostic): boolean {
  const path = pathOf(diag);
  if (!path) return true;
  const at = parsed.lines.offsetAt(diag.range.start);
  return locate(parsed.doc, path, 'key')[0] === at || locate(parsed.doc, path, 'value')[0] === at;
}

/**
 * Quick fixes for the AMO diagnostics of `doc` that touch `range`: the fixes of each code (computed from
 * the diagnostic's code and data as minimal edits of the text), then "suppress on this line"; then the
 * refactors at `range`, which need no diagnostic (lift an open reserve, add a review to a deliverable).
 * Returns nothing for a document with syntax errors; quick fixes only for AMO diagnostics; each kind
 * only when `only` allows it.
 */
export function getCodeActions(host: CodeActionHost, doc: TextDocumentLike, range: Range, diagnostics: Diagnostic[], options: CodeActionOptions = {}): CodeAction[] {
  const quickFixes = wants(options.only, CodeActionKind.QuickFix);
  const refactors = wants(options.only, CodeActionKind.RefactorRewrite);
  if (!quickFixes && !refactors) return [];
  const parsed = host.parse(doc);
  if (!parsed.ok || !parsed.kind) return [];
  const ctx: FixContext = {
    parsed,
    locale: options.locale ?? 'fr',
    parseOther(uri) {
      const text = host.readText(uri);
      return text === undefined ? undefined : host.parse({ uri, text });
    },
    programmeUri: () => host.getProgrammeUri(doc),
    today: host.today(),
  };
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  // Reserves and deliverables a quick fix already handles: their refactor would be the same action.
  const covered = new Set<string>();
  for (const diag of quickFixes ? diagnostics : []) {
    if (diag.source !== 'amo' || typeof diag.code !== 'string' || !intersects(diag.range, range)) continue;
    const subject = followUpSubject(diag);
    // REC-002 and REC-006 on the same reserve call for the same lifting: offered once.
    if (current(parsed, diag) && !(subject && covered.has(subject))) {
      const found = fixersOf(diag.code).flatMap((fix) => fix(ctx, diag));
      if (found.length && subject) covered.add(subject);
      fixes.push(...found);
    }
    // A syntax problem is fixed, not silenced: its line may not even be a YAML line.
    const s = diag.code.startsWith('YAML-') ? undefined : suppressOnLine(ctx, diag as Diagnostic & { code: string });
    if (s) suppressions.push(s);
  }
  return [...fixes, ...suppressions, ...(refactors ? followUpRefactors(ctx, range, covered) : [])];
}
