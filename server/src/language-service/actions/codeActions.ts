import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { locate, type ParsedDocument } from '../parse';
import type { Locale, TextDocumentLike } from '../types';
import { addEnvironmentalCriterion, addPriceCriterion, fixSubCriteria, normaliseWeights } from './criteriaFixes';
import { addRat, fixAbnormallyLowOffers } from './consultationFixes';
import { pathOf, type FixContext } from './fixContext';
import { createMissingTarget, replaceMisspelling } from './referenceFixes';
import { addCatalogueRisk, pickOwnerForIncomplete, pickOwnerForUnknown } from './riskFixes';
import { suppressOnLine } from './suppress';

export interface CodeActionOptions {
  locale?: Locale;
  /** `CodeActionContext.only`: kinds the client asked for; quick fixes are returned when it allows them. */
  only?: string[];
}

/** What the code actions need from the service: parses, other documents, the programme link. */
export interface CodeActionHost {
  parse(doc: TextDocumentLike): ParsedDocument;
  readText(uri: string): string | undefined;
  getProgrammeUri(doc: TextDocumentLike): string | undefined;
}

type Fixer = (ctx: FixContext, diag: Diagnostic) => CodeAction[];

/** Quick fixes by diagnostic code; each reads the diagnostic's `code` and `data`, never its message. */
const FIXERS: Record<string, Fixer[]> = {
  'CSL-002': [addPriceCriterion],
  'CSL-004': [addEnvironmentalCriterion],
  'CSL-006': [normaliseWeights],
  'CSL-007': [fixSubCriteria],
  'CSL-011': [fixAbnormallyLowOffers],
  'CSL-024': [addRat],
  'REF-001': [pickOwnerForUnknown, createMissingTarget],
  'RSK-001': [pickOwnerForIncomplete],
  'RSK-005': [replaceMisspelling],
  'RSK-008': [addCatalogueRisk],
  'SCH-002': [replaceMisspelling],
  'SCH-004': [replaceMisspelling],
};

function wantsQuickFix(only: string[] | undefined): boolean {
  return !only || only.some((k) => k === '' || k === CodeActionKind.QuickFix || k.startsWith(`${CodeActionKind.QuickFix}.`) || CodeActionKind.QuickFix.startsWith(`${k}.`));
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
 * the diagnostic's code and data as minimal edits of the text), then "suppress on this line". Returns
 * nothing for a document with syntax errors, for diagnostics of other sources, or when `only` excludes
 * quick fixes.
 */
export function getCodeActions(host: CodeActionHost, doc: TextDocumentLike, range: Range, diagnostics: Diagnostic[], options: CodeActionOptions = {}): CodeAction[] {
  if (!wantsQuickFix(options.only)) return [];
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
  };
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  for (const diag of diagnostics) {
    if (diag.source !== 'amo' || typeof diag.code !== 'string' || !intersects(diag.range, range)) continue;
    if (current(parsed, diag)) for (const fix of (Object.hasOwn(FIXERS, diag.code) ? FIXERS[diag.code] : [])) fixes.push(...fix(ctx, diag));
    // A syntax problem is fixed, not silenced: its line may not even be a YAML line.
    const s = diag.code.startsWith('YAML-') ? undefined : suppressOnLine(ctx, diag as Diagnostic & { code: string });
    if (s) suppressions.push(s);
  }
  return [...fixes, ...suppressions];
}
