import type * as vscode from 'vscode';
import { activateAmo } from './activation';
import { createNodeClient } from './client';
import { nodePdf } from './commands/pdfNode';
import type { AmoClient } from './common';

/** The desktop extension (package.json "main"): the server as a Node process, PDF through a local Chromium. */
export function activate(context: vscode.ExtensionContext): Promise<AmoClient> {
  return activateAmo(context, { createClient: createNodeClient, pdf: nodePdf });
}

export { deactivateAmo as deactivate } from './activation';
