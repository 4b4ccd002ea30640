import type { CodeAction, CodeLens, Diagnostic, InlayHint, Range, TextEdit } from 'vscode-languageserver-types';
import { getCodeActions, type CodeActionHost, type CodeActionOptions } from './actions/codeActions';
import { formatDocument, type FormatOptions } from './formatting/format';
import { getCodeLenses } from './hints/codeLenses';
import { getInlayHints } from './hints/inlayHints';
import type { Locale, TextDocumentLike } from './types';

export type { CodeActionOptions } from './actions/codeActions';
export type { FormatOptions } from './formatting/format';

/** Editing aids of the service: quick fixes, inlay hints, code lenses, formatting. */
export interface EditingService {
  /**
   * Quick fixes (kind `quickfix`) for the AMO diagnostics given by the client that touch `range`: the
   * fixes of each code, computed from the diagnostic's `code` and `data` as minimal edits of the text
   * (a fix may also edit the consultation's programme file), then "suppress this rule on this line";
   * then refactors (kind `refactor.rewrite`) at `range` that need no diagnostic: lift the open reserves
   * under the cursor today, add a review to the deliverable under it. Empty for a document with syntax
   * errors; each kind only when `options.only` allows it.
   */
  getCodeActions(doc: TextDocumentLike, range: Range, diagnostics: Diagnostic[], options?: CodeActionOptions): CodeAction[];
  /**
   * Inlay hints within `range`: risk criticality after `impact`, phase durations after `fin` (programme);
   * running weight totals after `ponderation`, days to `date_limite_offres` (consultation). Empty when
   * the document has syntax errors.
   */
  getInlayHints(doc: TextDocumentLike, range: Range, options?: { locale?: Locale }): InlayHint[];
  /** Code lenses on each `criteres:` of a consultation: the sum of the weights against the declared total (text only). */
  getCodeLenses(doc: TextDocumentLike, options?: { locale?: Locale }): CodeLens[];
  /**
   * Formatting edits (one per changed line) for the whole document or the lines of `range`. Empty for a
   * document with syntax errors, already formatted, or whose formatting would change its data or comments.
   */
  format(doc: TextDocumentLike, options?: FormatOptions, range?: Range): TextEdit[];
}

export function createEditing(host: CodeActionHost): EditingService {
  return {
    getCodeActions: (doc, range, diagnostics, options) => getCodeActions(host, doc, range, diagnostics, options),
    getInlayHints: (doc, range, options) => getInlayHints(host.parse(doc), range, options?.locale),
    getCodeLenses: (doc, options) => getCodeLenses(host.parse(doc), options?.locale),
    format: (doc, options, range) => formatDocument(host.parse(doc), options, range),
  };
}
