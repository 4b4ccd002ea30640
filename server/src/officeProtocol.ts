/**
 * Custom LSP messages of the spreadsheet (XLSX) features, declared once for client and server.
 * The client sends them by method name (its protocol library is loaded lazily): keep the names in sync.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { ImportChange } from './office/importOffers';
import type { XlsxDeliverable } from './office';

export type { XlsxDeliverable } from './office';
export type { ImportChange } from './office/importOffers';

export const XLSX_METHOD = 'amo/xlsx';
export const IMPORT_OFFERS_METHOD = 'amo/importOffers';

export interface XlsxParams {
  uri: string;
  deliverable: XlsxDeliverable;
}

export interface XlsxResult {
  /** The workbook, base64. */
  data?: string;
  error?: string;
}

export interface ImportOffersParams {
  /** The consultation, open in the server. */
  uri: string;
  /** The spreadsheet's file name (its extension chooses XLSX or CSV; cells are named after it). */
  name: string;
  /** The spreadsheet's bytes, base64 (at most sheetRead LIMITS.fileBytes once decoded). */
  data: string;
  /** A column mapping (JSON of `<consultation>.import.json`), for sheets that are not our grid. */
  mapping?: unknown;
}

export interface ImportOffersResult {
  errors: string[];
  changes: ImportChange[];
  newOffers: number;
  /** The consultation's new text (no error, at least one change). */
  text?: string;
  /** The version of the document the edit was computed on. */
  version: number | null;
}

export const XlsxRequest = new RequestType<XlsxParams, XlsxResult, void>(XLSX_METHOD);
export const ImportOffersRequest = new RequestType<ImportOffersParams, ImportOffersResult, void>(IMPORT_OFFERS_METHOD);
