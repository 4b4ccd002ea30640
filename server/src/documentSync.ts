import type { Connection, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, NotificationHandler, TextDocuments } from 'vscode-languageserver';
import { isPosition } from './features/request';

/** What `TextDocuments.listen` takes (the library does not export the interface by name). */
type TextDocumentConnection = Parameters<TextDocuments<never>['listen']>[0];
type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasUri = (p: unknown): p is { textDocument: Loose & { uri: string } } => isObj(p) && isObj(p.textDocument) && typeof p.textDocument.uri === 'string';

function wellFormedOpen(p: unknown): p is DidOpenTextDocumentParams {
  return hasUri(p) && typeof p.textDocument.text === 'string' && Number.isInteger(p.textDocument.version);
}

function wellFormedChange(p: unknown): p is DidChangeTextDocumentParams {
  if (!hasUri(p) || !Number.isInteger(p.textDocument.version) || !Array.isArray((p as Loose).contentChanges)) return false;
  return ((p as Loose).contentChanges as unknown[]).every((c) => isObj(c) && typeof c.text === 'string' && (c.range === undefined || (isObj(c.range) && isPosition(c.range.start) && isPosition(c.range.end))));
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
