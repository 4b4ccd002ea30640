import * as vscode from 'vscode';
import type { PdfExporter } from './commands/export';
import { importOffers } from './commands/importOffers';
import { registerNewFileCommands } from './commands/newFile';
import type { AmoClient } from './common';
import { registerPreview } from './preview';
import { AmoStatusBar } from './statusBar';

/** What differs between the desktop and the web extension (extension.ts, browserExtension.ts). */
export interface ActivationHost {
  /** Makes the client of this host (a Node process or a web worker for the server). */
  createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): AmoClient;
  /** PDF export (a local Chromium); absent in the browser, where the export says it needs the desktop app. */
  pdf?: PdfExporter;
}

let amo: AmoClient | undefined;

/** Starts the AMO language server and registers the commands and the status bar item. */
export async function activateAmo(context: vscode.ExtensionContext, host: ActivationHost): Promise<AmoClient> {
  const output = vscode.window.createOutputChannel('AMO Authoring');
  const client = host.createClient(context, output);
  amo = client;
  context.subscriptions.push(
    output,
    client,
    new AmoStatusBar(client),
    ...registerNewFileCommands(),
    ...registerPreview(context, client, host.pdf),
    vscode.commands.registerCommand('amo.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('amo.restartServer', () => client.restart()),
    vscode.commands.registerCommand('amo.importOffers', (target?: unknown) => importOffers(client, target)),
    // The locale is sent at initialisation, so a change needs a new server.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('amo.locale')) void client.restart();
    }),
    // Trust granted: restart so that the workspace's amo.config.json is taken into account.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client.restart();
    }),
  );
  void vscode.commands.executeCommand('setContext', 'amo.clientActive', true);
  await client.start();
  return client;
}

export async function deactivateAmo(): Promise<void> {
  await amo?.stop();
  amo = undefined;
}
