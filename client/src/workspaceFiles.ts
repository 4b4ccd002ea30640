import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  MAX_SERVED_BYTES,
  MAX_SERVED_FILES,
  isServedFile,
  WORKSPACE_FILES_METHOD,
  WORKSPACE_READ_METHOD,
  type WorkspaceFilesResult,
  type WorkspaceReadResult,
} from '../../server/src/workspaceProtocol';

const GLOB = '**/{*.programme.yaml,*.programme.yml,*.consultation.yaml,*.consultation.yml,amo.config.json}';
/** As the Node host's scan (server/src/node/nodeWorkspace.ts). */
const EXCLUDED = '**/{node_modules,.git,dist}/**';

/** The AMO files and amo.config.json files of the workspace folders, as the editor's file search finds them. */
export async function listWorkspaceFiles(): Promise<WorkspaceFilesResult> {
  if (!vscode.workspace.workspaceFolders?.length) return { uris: [] };
  const found = await vscode.workspace.findFiles(GLOB, EXCLUDED, MAX_SERVED_FILES);
  return { uris: found.map((u) => u.toString()) };
}

/**
 * The texts of files the server asks for: an open document's buffer, else the file through
 * `vscode.workspace.fs` (any file system provider: vscode-vfs on github.dev, memfs…). Refused (null): a
 * file that is not an AMO document or amo.config.json, is outside the workspace folders and not open,
 * is larger than MAX_SERVED_BYTES, is missing or unreadable.
 */
export async function readWorkspaceFiles(params: unknown): Promise<WorkspaceReadResult> {
  const uris = (params as { uris?: unknown } | undefined)?.uris;
  if (!Array.isArray(uris)) return { texts: [] };
  return { texts: await Promise.all(uris.slice(0, MAX_SERVED_FILES).map((u) => readOne(u))) };
}

async function readOne(value: unknown): Promise<string | null> {
  if (typeof value !== 'string') return null;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(value, true);
  } catch {
    return null;
  }
  if (!isServedFile(uri.path)) return null;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  if (!vscode.workspace.getWorkspaceFolder(uri)) return null;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (!(stat.type & vscode.FileType.File) || stat.size > MAX_SERVED_BYTES) return null;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_SERVED_BYTES) return null;
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return null;
  }
}

/** Serves the browser server's workspace requests (server/src/browser/clientWorkspace.ts) on a new client. */
export function registerWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable[] {
  return [client.onRequest(WORKSPACE_FILES_METHOD, () => listWorkspaceFiles()), client.onRequest(WORKSPACE_READ_METHOD, (params: unknown) => readWorkspaceFiles(params))];
}
