import * as vscode from 'vscode';
import { findChromium, htmlToPdf, withPdfInfo } from '../../../server/src/node/pdf';
import type { PdfExporter } from './export';

/** PDF export on the desktop: a local Chromium prints the self-contained HTML (server/src/node/pdf.ts). */
export const nodePdf: PdfExporter = {
  // `amo.export.chromiumPath` (machine setting: a workspace cannot choose what is executed).
  find: () => findChromium(vscode.workspace.getConfiguration('amo.export').get<string>('chromiumPath') || undefined),
  print: async (html, chromium, info) => withPdfInfo(await htmlToPdf(html, chromium), info),
};
