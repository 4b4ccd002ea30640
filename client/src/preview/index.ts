import * as vscode from 'vscode';
import { exportDeliverable, type PdfExporter } from '../commands/export';
import type { AmoClient } from '../common';
import { PreviewManager } from './previewManager';

/**
 * The preview panel manager (with its serializer, registered during activation so that panels come
 * back after a reload) and the commands "AMO : Ouvrir l'aperçu" and "AMO : Exporter…".
 * `amo.preview.lastRendered` (not in the palette) returns what a preview last reported rendering.
 */
export function registerPreview(context: vscode.ExtensionContext, client: AmoClient, pdf?: PdfExporter): vscode.Disposable[] {
  const previews = new PreviewManager(context, client);
  return [
    previews,
    vscode.commands.registerCommand('amo.openPreview', (target?: unknown) => previews.open(target)),
    vscode.commands.registerCommand('amo.export', (target?: unknown) => exportDeliverable(client, target, previews.activeUri(), pdf)),
    vscode.commands.registerCommand('amo.preview.lastRendered', (uri?: unknown) => (typeof uri === 'string' ? previews.lastRendered(uri) : undefined)),
  ];
}
