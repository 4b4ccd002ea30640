// Editing helpers for the in-host suites: replace text in a buffer (and put it back), and wait until
// the server has published diagnostics for the current text of a document.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, amoDiagnostics, waitFor } from './helpers';

/** Replaces the first occurrence of `needle` in the buffer; returns a function that puts it back. */
export async function replaceInDoc(doc: vscode.TextDocument, needle: string, replacement: string): Promise<() => Promise<void>> {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${doc.uri.path} no longer contains "${needle}"`);
  const start = doc.positionAt(at);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(start, doc.positionAt(at + needle.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), `applyEdit refused on ${doc.uri.path}`);
  return async () => {
    const back = new vscode.WorkspaceEdit();
    back.replace(doc.uri, new vscode.Range(start, doc.positionAt(doc.offsetAt(start) + replacement.length)), needle);
    assert.ok(await vscode.workspace.applyEdit(back), `applyEdit refused on ${doc.uri.path} (restore)`);
  };
}

/** The position just after the first occurrence of `needle` (plus `delta` characters). */
export function positionAfter(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${doc.uri.path} does not contain "${needle}"`);
  return doc.positionAt(at + needle.length + delta);
}

/** The 0-based line of the first occurrence of `needle`. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  return positionAfter(doc, needle).line;
}

const SENTINEL_KEY = 'amo_e2e_sentinelle';

/**
 * Waits until the diagnostics of `doc` describe its current text. An absence of diagnostics proves
 * nothing (the server may not have validated yet), so a sentinel unknown key is appended, its SCH-002
 * awaited, then removed and its disappearance awaited: the diagnostics then come from a validation of
 * the text as it was on entry. Leaves the text unchanged (and saved if it was saved).
 */
export async function settledDiagnostics(doc: vscode.TextDocument, timeoutMs = 20000): Promise<vscode.Diagnostic[]> {
  const wasDirty = doc.isDirty;
  const line = doc.lineCount - (doc.lineAt(doc.lineCount - 1).isEmptyOrWhitespace ? 1 : 0);
  const text = `${doc.lineAt(doc.lineCount - 1).isEmptyOrWhitespace ? '' : '\n'}${SENTINEL_KEY}: 1\n`;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const add = new vscode.WorkspaceEdit();
  add.insert(doc.uri, end, text);
  assert.ok(await vscode.workspace.applyEdit(add), 'applyEdit refused (sentinel)');
  const onSentinel = (): vscode.Diagnostic[] => amoDiagnostics(doc.uri, 'SCH-002').filter((d) => d.range.start.line === line);
  await waitFor(() => onSentinel().length > 0, timeoutMs, `the sentinel's SCH-002 on ${doc.uri.path}:${line + 1}`);
  const remove = new vscode.WorkspaceEdit();
  remove.delete(doc.uri, new vscode.Range(end, doc.positionAt(doc.offsetAt(end) + text.length)));
  assert.ok(await vscode.workspace.applyEdit(remove), 'applyEdit refused (sentinel removal)');
  await waitFor(() => onSentinel().length === 0, timeoutMs, `the sentinel's SCH-002 to clear on ${doc.uri.path}`);
  if (!wasDirty && doc.isDirty) await doc.save();
  return amoDiagnostics(doc.uri);
}

/** Error diagnostics from the AMO server, as `CODE line:col message` lines (for assertion messages). */
export function listDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  return diags
    .map((d) => `${typeof d.code === 'object' ? d.code.value : d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)
    .join('\n');
}

export function errorsOf(diags: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

/** Activates the extension (idempotent) and waits until its language server runs. */
export async function activeExtension(): Promise<vscode.Extension<{ status?: string }>> {
  const ext = vscode.extensions.getExtension<{ status?: string }>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await waitFor(() => api?.status === 'running', 20000, 'the AMO language server to run');
  return ext;
}
