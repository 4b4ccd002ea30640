/**
 * Custom LSP messages between the AMO client and server, declared once and imported by both sides.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { DeliverableId, DeliverableInfo, WorkbookInfo } from './render/deliverables';

export type { DeliverableId, DeliverableInfo, ExportFormat, WorkbookInfo } from './render/deliverables';

export interface ValidationStatusParams {
  uri: string;
  version: number;
  errors: number;
  warnings: number;
  /** Milliseconds spent computing the diagnostics. */
  durationMs: number;
}

/** Sent after each validation, so the client's status bar can show state and counts. */
export const ValidationStatusNotification = new NotificationType<ValidationStatusParams>('amo/validationStatus');

/**
 * What `amo/render` returns: `html` is an `<article>` fragment (preview), a complete self-contained
 * file (`html-document`) or empty (`docx`: the file is in `data`, base64).
 */
export type RenderFormat = 'html' | 'html-document' | 'docx';

export interface RenderParams {
  uri: string;
  /** Which deliverable; the first of the document's kind when absent. */
  deliverable?: DeliverableId;
  format: RenderFormat;
}

export interface RenderResult {
  html: string;
  /** The version of the document that was rendered (null when it is not open in the server). */
  version: number | null;
  /** The deliverable rendered (absent when none could be chosen). */
  deliverable?: DeliverableId;
  /** The deliverables this document offers, with the formats each is exported to, for tabs and pickers. */
  deliverables: DeliverableInfo[];
  /** The workbook-only deliverables of this document's kind (the analysis grid), for the export picker when the server writes XLSX. */
  workbooks?: WorkbookInfo[];
  /** A base64 DOCX file, for `format: 'docx'`. */
  data?: string;
  /** Suggested file name stem and title of the deliverable. */
  title?: string;
  /** Author for the document properties (the report's author or the programme's AMO), when known. */
  author?: string;
  /** Why nothing was rendered (YAML syntax error, unknown file kind…): the preview keeps its last render. */
  error?: string;
}

/** Renders a deliverable of an open programme or consultation (preview, export). */
export const RenderRequest = new RequestType<RenderParams, RenderResult, void>('amo/render');
