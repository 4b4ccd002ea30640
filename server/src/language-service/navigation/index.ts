import type { DocumentSymbol, FoldingRange, Location, Position, SelectionRange, SymbolInformation } from 'vscode-languageserver-types';
import type { Locale, TextDocumentLike } from '../types';
import { getDefinition, getReferences } from './definition';
import { getDocumentSymbols } from './documentSymbols';
import { getFoldingRanges } from './folding';
import { getRenameEdits, prepareRename, type PrepareRenameResult, type RenameResult } from './rename';
import { getSelectionRanges } from './selection';
import type { NavigationHost } from './targets';
import { getWorkspaceSymbols, WorkspaceSymbolIndex } from './workspaceSymbols';

export type { PrepareRenameResult, RenameResult } from './rename';
export { ID_PATTERN } from './rename';
export type { NavigationHost } from './targets';

/**
 * Navigation over ids (acteurs, phases, livrables, jalons, risques, lots, critères, offres…) and over the
 * YAML structure. Every method is synchronous and pure: it reads the request document, the parse cache
 * and, across files, the workspace provider (`readText`, `listDocuments`). A cancelled request is
 * answered by the server before or after the call; nothing here throws on user input.
 */
export interface NavigationService {
  /**
   * Where the id at `position` is defined: the definition itself when the cursor is on it, the definition
   * of a reference (in the programme for a consultation's `phase`), the programme file on `programme:`.
   * Empty when the cursor is on no id or the reference is not defined.
   */
  getDefinition(doc: TextDocumentLike, position: Position): Location[];
  /**
   * Every occurrence of the id at `position`: its document's references, and for a programme phase the
   * `phase:` of each known consultation naming that programme. The definition only with
   * `includeDeclaration`. Empty when the cursor is on no id.
   */
  getReferences(doc: TextDocumentLike, position: Position, options: { includeDeclaration: boolean }): Location[];
  /**
   * The range and current text of the id at `position`, or `{ error }` (in `locale`) when the cursor is on
   * no id, on an undefined reference or on a phase named by its code.
   */
  prepareRename(doc: TextDocumentLike, position: Position, options?: { locale?: Locale }): PrepareRenameResult;
  /**
   * `{ edit }`: a WorkspaceEdit (`changes`, one entry per file) renaming the definition and every
   * reference; `{ error }` when the name is not a valid id or is taken in the same scope (REF-002 scopes:
   * deliverables per phase, criteria per list). An empty `changes` when the name does not change.
   */
  getRenameEdits(doc: TextDocumentLike, position: Position, newName: string, options?: { locale?: Locale }): RenameResult;
  /** The outline (hierarchical): every top-level key, with ids as children. Empty for a non-AMO or empty document. */
  getDocumentSymbols(doc: TextDocumentLike, options?: { locale?: Locale }): DocumentSymbol[];
  /** Every id of every known AMO document whose name matches `query`. Empty without `listDocuments`. */
  getWorkspaceSymbols(query: string): SymbolInformation[];
  /** Collections, block scalars and comment runs spanning two lines or more. Empty for a one-line document. */
  getFoldingRanges(doc: TextDocumentLike): FoldingRange[];
  /** One chain per position, from the word under the cursor to the whole document (never empty). */
  getSelectionRanges(doc: TextDocumentLike, positions: Position[]): SelectionRange[];
}

/** The navigation half of the language service, over the service's parse cache and workspace provider. */
export function createNavigation(host: NavigationHost, symbolIndex = new WorkspaceSymbolIndex()): NavigationService {
  const locale = (o?: { locale?: Locale }): Locale => o?.locale ?? 'fr';
  return {
    getDefinition: (doc, position) => getDefinition(host, host.parse(doc), position),
    getReferences: (doc, position, options) => getReferences(host, host.parse(doc), position, options.includeDeclaration),
    prepareRename: (doc, position, options) => prepareRename(host, host.parse(doc), position, locale(options)),
    getRenameEdits: (doc, position, newName, options) => getRenameEdits(host, host.parse(doc), position, newName, locale(options)),
    getDocumentSymbols: (doc, options) => getDocumentSymbols(host.parse(doc), locale(options)),
    getWorkspaceSymbols: (query) => getWorkspaceSymbols(host, query, symbolIndex),
    getFoldingRanges: (doc) => getFoldingRanges(host.parse(doc)),
    getSelectionRanges: (doc, positions) => getSelectionRanges(host.parse(doc), positions),
  };
}
