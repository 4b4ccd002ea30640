import * as vscode from 'vscode';
import type { ImportOffersResult } from '../../../server/src/officeProtocol';
import { minimalEdit } from '../../../server/src/office/minimalEdit';
import type { AmoClient } from '../common';

/** Bytes as base64 without Node's Buffer (the web extension host has none). */
function bytesBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Files larger than this are not sent to the server (server/src/office/sheetRead.ts LIMITS.fileBytes). */
const MAX_BYTES = 10_000_000;

/**
 * "AMO : Importer des offres…": reads an XLSX or CSV (our analysis grid, or any sheet through the mapping
 * `<consultation>.import.json` saved beside the consultation), shows what will change, and applies the
 * change to the open document as one edit (undoable; nothing is saved). Any error: nothing changes.
 */
export async function importOffers(client: AmoClient, target?: unknown): Promise<boolean> {
  const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
  if (!doc || doc.languageId !== 'amo-consultation') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an AMO consultation to import offers into it.'));
    return false;
  }
  const lc = client.languageClient;
  if (!lc || client.status !== 'running') {
    void vscode.window.showErrorMessage(vscode.l10n.t('The AMO language server is not running.'));
    return false;
  }
  if (!client.hasOffice) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Importing offers from a spreadsheet needs the VS Code desktop app.'));
    return false;
  }
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, defaultUri: vscode.Uri.joinPath(doc.uri, '..'), filters: { [vscode.l10n.t('Spreadsheets')]: ['xlsx', 'csv'] }, openLabel: vscode.l10n.t('Import') });
  const file = files?.[0];
  if (!file) return false;
  const fail = (message: string, detail?: string): false => {
    void vscode.window.showErrorMessage(message, { modal: true, detail });
    return false;
  };
  const stat = await vscode.workspace.fs.stat(file);
  if (stat.size > MAX_BYTES) return fail(vscode.l10n.t('The spreadsheet is too large (more than {0} bytes).', String(MAX_BYTES)));
  let mapping: unknown;
  const mappingUri = doc.uri.with({ path: doc.uri.path.replace(/\.consultation\.ya?ml$/i, '.import.json') });
  try {
    mapping = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(mappingUri)));
  } catch (err) {
    if (!(err instanceof vscode.FileSystemError)) return fail(vscode.l10n.t('The column mapping {0} is not valid JSON.', mappingUri.path.split('/').pop() ?? ''));
  }
  const data = bytesBase64(await vscode.workspace.fs.readFile(file));
  const name = file.path.split('/').pop() ?? 'feuille';
  // By method name: the protocol library is loaded with the language client (server/src/officeProtocol.ts).
  const r = await lc.sendRequest<ImportOffersResult>('amo/importOffers', { uri: doc.uri.toString(), name, data, mapping });
  if (r.errors.length) return fail(vscode.l10n.t('{0} error(s) in {1}: nothing was changed.', String(r.errors.length), name), r.errors.join('\n'));
  if (!r.changes.length || r.text === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: nothing to change, the consultation already holds these offers.', name));
    return false;
  }
  const lines = r.changes.map((c) => (c.field === 'offre' ? `+ ${c.offer} : ${c.after}` : `${c.offer} : ${c.field} ${c.before === undefined ? '—' : String(c.before)} → ${String(c.after)}`));
  const apply = vscode.l10n.t('Apply');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Import {0} change(s) and {1} new offer(s) from {2}?', String(r.changes.length - r.newOffers), String(r.newOffers), name), { modal: true, detail: lines.join('\n') }, apply);
  if (choice !== apply) return false;
  if (doc.version !== r.version) return fail(vscode.l10n.t('The consultation changed during the import: run the import again.'));
  const e = minimalEdit(doc.getText(), r.text);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
  return vscode.workspace.applyEdit(edit);
}
