import * as vscode from 'vscode';
import type { XlsxDeliverable, XlsxResult } from '../../../server/src/officeProtocol';
import type { DeliverableId, ExportFormat, RenderFormat, RenderResult } from '../../../server/src/protocol';
import type { AmoClient } from '../common';
import { isAmoDocument } from '../preview/previewManager';

export type { ExportFormat };

const EXT: Record<ExportFormat, string> = { html: 'html', docx: 'docx', pdf: 'pdf', xlsx: 'xlsx' };

async function renderXlsx(client: AmoClient, uri: string, deliverable: XlsxDeliverable): Promise<Uint8Array> {
  const lc = client.languageClient;
  if (!lc || client.status !== 'running') throw new Error(vscode.l10n.t('The AMO language server is not running.'));
  // By method name: the protocol library is loaded with the language client (server/src/officeProtocol.ts XLSX_METHOD).
  const r = await lc.sendRequest<XlsxResult>('amo/xlsx', { uri, deliverable });
  if (!r.data) throw new Error(r.error ?? 'XLSX');
  return base64Bytes(r.data);
}

/** `ecole.programme.yaml` + `risques` + `pdf` → `ecole-risques.pdf`, next to the source file. */
export function defaultExportName(sourcePath: string, deliverable: string, format: ExportFormat): string {
  const base = sourcePath.split('/').pop() ?? 'document';
  return `${base.replace(/\.(programme|consultation)\.ya?ml$/i, '').replace(/\.ya?ml$/i, '')}-${deliverable}.${EXT[format]}`;
}

/** PDF export, on the desktop only (commands/pdfNode.ts): a local Chromium prints the HTML file. */
export interface PdfExporter {
  /** The Chromium to print with, if one is found. */
  find(): string | undefined;
  /** The PDF of a self-contained HTML file, with its document information (title, author). */
  print(html: string, chromium: string, info: { title?: string; author?: string }): Promise<Uint8Array>;
}

/** A base64 string as bytes, without Node's Buffer (the web extension host has none). */
export function base64Bytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function render(client: AmoClient, uri: string, deliverable: DeliverableId | undefined, format: RenderFormat): Promise<RenderResult> {
  const lc = client.languageClient;
  if (!lc || client.status !== 'running') return { html: '', version: null, deliverables: [], error: vscode.l10n.t('The AMO language server is not running.') };
  return client.render({ uri, deliverable, format });
}

/**
 * "AMO : Exporter…": picks a deliverable and a format (HTML, DOCX, PDF through a local Chromium),
 * asks where to save (the save dialog confirms before replacing a file) and writes it.
 */
export async function exportDeliverable(client: AmoClient, target?: unknown, activePreviewUri?: string, pdf?: PdfExporter): Promise<vscode.Uri | undefined> {
  const uri = target instanceof vscode.Uri ? target : activePreviewUri ? vscode.Uri.parse(activePreviewUri) : vscode.window.activeTextEditor?.document.uri;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
  if (!isAmoDocument(doc)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an AMO programme or consultation to export its deliverables.'));
    return undefined;
  }
  const probe = await render(client, doc.uri.toString(), undefined, 'html');
  if (!probe.deliverables.length) {
    void vscode.window.showErrorMessage(probe.error ?? vscode.l10n.t('No deliverable for this file.'));
    return undefined;
  }
  // The deliverables and their formats come from the server's table (server/src/render/deliverables.ts).
  const items: { label: string; description: string; id: DeliverableId | XlsxDeliverable; formats: readonly ExportFormat[] }[] = probe.deliverables.map((d) => ({ label: d.label, description: d.id, id: d.id, formats: d.formats }));
  if (client.hasOffice) for (const w of probe.workbooks ?? []) items.push({ label: `${w.label} (XLSX)`, description: w.id, id: w.id, formats: ['xlsx'] });
  const picked = await vscode.window.showQuickPick(
    items,
    { title: vscode.l10n.t('AMO: Export — deliverable'), placeHolder: vscode.l10n.t('Which deliverable?') },
  );
  if (!picked) return undefined;
  const chromium = pdf?.find();
  const xlsx: vscode.QuickPickItem & { id: ExportFormat } = { id: 'xlsx', label: 'XLSX', description: vscode.l10n.t('Excel workbook with live formulas') };
  const formats: (vscode.QuickPickItem & { id: ExportFormat })[] = [
    { id: 'html', label: 'HTML', description: vscode.l10n.t('one self-contained file, without script') },
    { id: 'docx', label: 'DOCX', description: vscode.l10n.t('Word document with headings, tables and a table of contents') },
    {
      id: 'pdf',
      label: 'PDF',
      description: !pdf ? vscode.l10n.t('needs the VS Code desktop app') : chromium ? vscode.l10n.t('printed by {0}', chromium) : vscode.l10n.t('needs Chromium (not found)'),
    },
    ...(picked.formats.includes('xlsx') && client.hasOffice ? [xlsx] : []),
  ];
  const format = !picked.formats.includes('html') ? xlsx : await vscode.window.showQuickPick(formats, { title: vscode.l10n.t('AMO: Export — format') });
  if (!format) return undefined;
  if (format.id === 'pdf' && !pdf) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('PDF export needs the VS Code desktop app (it prints with a local Chromium). In the browser, export to HTML and print it to PDF from the browser, or export to DOCX.'),
    );
    return undefined;
  }
  if (format.id === 'pdf' && !chromium) {
    const settings = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('PDF export needs Chromium or Google Chrome: none was found on the PATH (chromium, chromium-browser, google-chrome). Install one, or set "amo.export.chromiumPath".'),
      settings,
    );
    if (choice === settings) void vscode.commands.executeCommand('workbench.action.openSettings', 'amo.export.chromiumPath');
    return undefined;
  }
  const defaultUri = vscode.Uri.joinPath(doc.uri, '..', defaultExportName(doc.uri.path, picked.id, format.id));
  const filters: Record<ExportFormat, Record<string, string[]>> = { html: { HTML: ['html'] }, docx: { Word: ['docx'] }, pdf: { PDF: ['pdf'] }, xlsx: { Excel: ['xlsx'] } };
  // The save dialog asks before replacing an existing file: exports never overwrite silently.
  const dest = await vscode.window.showSaveDialog({ defaultUri, filters: filters[format.id], saveLabel: vscode.l10n.t('Export') });
  if (!dest) return undefined;
  try {
    const bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AMO: exporting {0}…', picked.label) }, async () => {
      if (format.id === 'xlsx') return renderXlsx(client, doc.uri.toString(), picked.id as XlsxDeliverable);
      const r = await render(client, doc.uri.toString(), picked.id as DeliverableId, format.id === 'docx' ? 'docx' : 'html-document');
      if (r.error) throw new Error(r.error);
      if (format.id === 'docx') return base64Bytes(r.data ?? '');
      if (format.id === 'pdf' && pdf) return pdf.print(r.html, chromium as string, { title: r.title, author: r.author });
      return new TextEncoder().encode(r.html);
    });
    await vscode.workspace.fs.writeFile(dest, bytes);
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Export failed: {0}', err instanceof Error ? err.message : String(err)));
    return undefined;
  }
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported: {0}', dest.path.split('/').pop() ?? dest.toString()), open).then((c) => {
    if (c === open) void vscode.env.openExternal(dest);
  });
  return dest;
}
