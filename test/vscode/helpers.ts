// Helpers for the in-host suites (test/vscode/*.test.ts).
import * as path from 'path';
import * as vscode from 'vscode';

/** Polls `predicate` (every 50 ms, plus on each diagnostics change) until it returns a truthy value; rejects after `timeoutMs`. */
export async function waitFor<T>(
  predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v as T;
    } catch (err) {
      lastError = err;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const why = lastError ? ` (last error: ${String((lastError as Error)?.message ?? lastError)})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, Math.min(50, left));
      const sub = vscode.languages.onDidChangeDiagnostics(finish);
      function finish(): void {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }
}

/** The folder opened in the test window (a temp copy of test/vscode/workspace/). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  const root = workspaceRoot();
  return root.with({ path: path.posix.join(root.path, ...segments) });
}

export async function openDoc(...segments: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(...segments));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Diagnostics for `uri` with our source ('amo') and the given code. */
export function amoDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => {
    if (d.source !== 'amo') return false;
    if (code === undefined) return true;
    const c = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
    return String(c) === code;
  });
}

export const EXTENSION_ID = 'amo-authoring.amo-authoring';
