import * as vscode from 'vscode';
import { AmoClient } from './client';
import { importOffers } from './commands/importOffers';
import { registerNewFileCommands } from './commands/newFile';
import { registerPreview } from './preview';
import { AmoStatusBar } from './statusBar';

let amo: AmoClient | undefined;

/** Starts the AMO language server and registers the commands and the status bar item. */
export async function activate(context: vscode.ExtensionContext): Promise<AmoClient> {
  const output = vscode.window.createOutputChannel('AMO Authoring');
  const client = new AmoClient(context, output);
  amo = client;
  context.subscriptions.push(
    output,
    client,
    new AmoStatusBar(client),
    ...registerNewFileCommands(),
    ...registerPreview(context, client),
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

export async function deactivate(): Promise<void> {
  await amo?.stop();
  amo = undefined;
}
