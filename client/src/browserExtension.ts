import type * as vscode from 'vscode';
import { activateAmo } from './activation';
import { createBrowserClient } from './browserClient';
import type { AmoClient } from './common';

/**
 * The web extension (package.json "browser", dist/web/client.js): the same commands, preview and exports
 * as the desktop one, with the server in a web worker; no PDF export (it needs a local Chromium).
 */
export function activate(context: vscode.ExtensionContext): Promise<AmoClient> {
  return activateAmo(context, { createClient: createBrowserClient });
}

export { deactivateAmo as deactivate } from './activation';
