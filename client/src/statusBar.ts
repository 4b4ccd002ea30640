import * as vscode from 'vscode';
import { AMO_LANGUAGES, type ServerStatus } from './common';

/** What the status bar item shows. */
export interface StatusView {
  text: string;
  tooltip: string;
}

/** The item's text and tooltip for a server status and the active file's AMO error count. */
export function statusView(status: ServerStatus, errors: number): StatusView {
  switch (status) {
    case 'starting':
      return { text: '$(sync~spin) AMO', tooltip: vscode.l10n.t('AMO: the language server is starting…') };
    case 'stopped':
      return {
        text: '$(warning) AMO',
        tooltip: vscode.l10n.t('AMO: the language server has stopped. Run "AMO: Restart Server" or see "AMO: Show Log".'),
      };
    case 'running':
      if (errors === 0) return { text: '$(check) AMO', tooltip: vscode.l10n.t('AMO: no errors in this file.') };
      return {
        text: `$(error) AMO ${errors}`,
        tooltip: errors === 1 ? vscode.l10n.t('AMO: 1 error in this file. Click to open the Problems view.') : vscode.l10n.t('AMO: {0} errors in this file. Click to open the Problems view.', errors),
      };
  }
}

/** The number of error diagnostics from the AMO server on `uri`. */
export function amoErrorCount(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'amo' && d.severity === vscode.DiagnosticSeverity.Error).length;
}

function isAmoDocument(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document !== undefined && (AMO_LANGUAGES as readonly string[]).includes(document.languageId);
}

/** Shown while the active editor holds an AMO file; a click opens the Problems view. */
export class AmoStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly server: { readonly status: ServerStatus; readonly onDidChangeStatus: vscode.Event<ServerStatus> }) {
    this.item = vscode.window.createStatusBarItem('amo.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('AMO Authoring');
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      this.item,
      server.onDidChangeStatus(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      // A change of language mode closes and reopens the document.
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
    );
    this.update();
  }

  /** Refreshes the item from the active editor, its diagnostics and the server status. */
  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!isAmoDocument(document)) {
      this.item.hide();
      return;
    }
    const view = statusView(this.server.status, amoErrorCount(document.uri));
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    // Screen readers would otherwise read the icon names.
    this.item.accessibilityInformation = { label: view.tooltip };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
