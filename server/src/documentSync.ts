import type { Connection, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, NotificationHandler, TextDocuments } from 'vscode-languageserver';
import { isRange } from './features/request';
import { isObj, type Obj } from './language-service/util/data';

/** What `TextDocuments.listen` takes (the library does not export the interface by name). */
type TextDocumentConnection = Parameters<TextDocuments<never>['listen']>[0];
const hasUri = (p: unknown): p is { textDocument: Obj & { uri: string } } => isObj(p) && isObj(p.textDocument) && typeof p.textDocument.uri === 'string';

function wellFormedOpen(p: unknown): p is DidOpenTextDocumentParams {
  return hasUri(p) && typeof p.textDocument.text === 'string' && Number.isInteger(p.textDocument.version);
}

function wellFormedChange(p: unknown): p is DidChangeTextDocumentParams {
  if (!hasUri(p) || !Number.isInteger(p.textDocument.version) || !Array.isArray((p as Obj).contentChanges)) return false;
  return ((p as Obj).contentChanges as unknown[]).every((c) => isObj(c) && typeof c.text === 'string' && (c.range === undefined || isRange(c.range)));
}

/**
 * The document notifications as `TextDocuments` must see them (docs/robustness.md, "Handler errors"): a
 * malformed one — no text document, a change without a version or with a change that is not one, an open
 * without its text — is dropped here with a warning, instead of throwing inside the library (which logs an
 * error per notification and may leave the document half-updated).
 */
export function wellFormedDocumentEvents(connection: Connection, warn: (message: string) => void): TextDocumentConnection {
  const guard = <P>(check: (p: unknown) => p is P, what: string, handler: NotificationHandler<P>): NotificationHandler<P> => (p: P) => {
    if (check(p)) return handler(p);
    warn(`${what} ignored: malformed parameters`);
  };
  return {
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument(guard(wellFormedOpen, 'textDocument/didOpen', h)),
    onDidChangeTextDocument: (h) => connection.onDidChangeTextDocument(guard(wellFormedChange, 'textDocument/didChange', h)),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument(guard((p): p is DidCloseTextDocumentParams => hasUri(p), 'textDocument/didClose', h)),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument(h),
    onWillSaveTextDocumentWaitUntil: (h) => connection.onWillSaveTextDocumentWaitUntil(h),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument(h),
  };
}
