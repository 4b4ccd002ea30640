/**
 * Shared pieces of the XLSX exports (exceljs, see docs/architecture.md): the workbook, sheets laid out
 * for print (A4 landscape, fit to width, frozen header), French number formats and text that never
 * starts a formula. Pure: no fs; the bytes are returned to the caller.
 */
import type ExcelJS from 'exceljs';
import Workbook from 'exceljs/lib/doc/workbook';
import { xmlSafe, xmlText } from '../render/xmlText';

/** Number formats as stored in the file (invariant syntax); Excel shows them « 1 234,50 € » in French. */
export const FMT = {
  money: '#,##0.00 "€"',
  score: '0.00',
  decimal: '0.##',
  integer: '0',
  date: 'dd/mm/yyyy',
} as const;

/** Characters that make a spreadsheet read a cell as a formula or a DDE command (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Whether a text would be read as a formula if typed or re-imported as CSV. */
export function looksLikeFormula(s: string): boolean {
  return FORMULA_START.test(s);
}

/** Text for a cell: a leading `= + - @` (or tab, CR) gets an apostrophe, so that it is never a formula. */
export function safeText(s: string): string {
  return looksLikeFormula(s) ? `'${s}` : s;
}

/** The inverse of safeText, for the import of our own sheets. */
export function unescapeText(s: string): string {
  return s.startsWith("'") && looksLikeFormula(s.slice(1)) ? s.slice(1) : s;
}

export function newWorkbook(today: string): ExcelJS.Workbook {
  const wb = new Workbook();
  wb.creator = 'AMO Authoring';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(today) ? new Date(`${today}T00:00:00Z`) : new Date(0);
  wb.created = d;
  wb.modified = d;
  // Excel and LibreOffice recompute every formula when the file opens: the cached results are a courtesy.
  wb.calcProperties = { fullCalcOnLoad: true };
  return wb;
}

/** A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the workbook. */
export function sheetName(wb: ExcelJS.Workbook, wanted: string): string {
  const base = xmlText(wanted).replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Feuille';
  let name = base;
  for (let k = 2; wb.worksheets.some((w) => w.name.toLowerCase() === name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 1)} ${k}`;
  return name;
}

/** A sheet for print: A4 landscape fitted to one page wide, header rows (1..`headerRows`) and `frozenCols` frozen. */
export function addSheet(wb: ExcelJS.Workbook, wanted: string, headerRows: number, frozenCols = 0): ExcelJS.Worksheet {
  return wb.addWorksheet(sheetName(wb, wanted), {
    views: [{ state: 'frozen', xSplit: frozenCols, ySplit: headerRows }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${headerRows}`, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '&L&A&RPage &P / &N' },
  });
}

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3A5F' } };

/** Styles a header row: bold white on the house blue, wrapped. */
export function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
}

export type CellValue = string | number | Date | undefined | { formula: string; result?: number | string };

/** Writes a value: text through safeText, numbers and dates as such, formulas with their cached result. */
export function put(ws: ExcelJS.Worksheet, row: number, col: number, v: CellValue, numFmt?: string): ExcelJS.Cell {
  const c = ws.getCell(row, col);
  if (v === undefined) c.value = null;
  else if (typeof v === 'string') c.value = safeText(v);
  else if (typeof v === 'number') c.value = Number.isFinite(v) ? v : null;
  else if (v instanceof Date) c.value = v;
  else c.value = v.result === undefined ? { formula: v.formula } : ({ formula: v.formula, result: v.result } as ExcelJS.CellFormulaValue);
  if (numFmt) c.numFmt = numFmt;
  return c;
}

/** `A1` address of (row, col), 1-based; `abs` gives `$A$1`. */
export function addr(row: number, col: number, abs = false): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return abs ? `$${s}$${row}` : `${s}${row}`;
}

/** A string literal inside a formula. */
export function fstr(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Workbook properties that reach docProps/core.xml and app.xml. */
const PROPERTIES = ['creator', 'lastModifiedBy', 'title', 'subject', 'keywords', 'category', 'description', 'company', 'manager'] as const;

/**
 * The one choke point of the XLSX text, run just before writing: every sheet name, header and footer, cell
 * value (text, rich text, formula and its cached result, hyperlink) and document property without the
 * characters XML 1.0 forbids (render/xmlText.ts), or Excel refuses the file.
 */
export function cleanWorkbook(wb: ExcelJS.Workbook): void {
  const props = wb as unknown as Record<string, unknown>;
  for (const p of PROPERTIES) if (typeof props[p] === 'string') props[p] = xmlText(props[p]);
  for (const ws of wb.worksheets) {
    const name = xmlText(ws.name);
    if (name !== ws.name) ws.name = name;
    const hf = ws.headerFooter as unknown as Record<string, unknown> | undefined;
    if (hf) for (const [k, v] of Object.entries(hf)) if (typeof v === 'string') hf[k] = xmlText(v);
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === 1 /* ValueType.Merge: the master cell holds the value */) return;
        const v = cell.value;
        const clean = xmlSafe(v);
        if (clean !== v) cell.value = clean;
      });
    });
  }
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  cleanWorkbook(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
