/**
 * Reading a spreadsheet for `amo import`, defensively: the file's size is bounded, an XLSX (a ZIP) is
 * inflated once here with bounded output before exceljs sees it (zip bombs, lying sizes), sheets are
 * bounded in rows and columns, and every cell comes out classified (number, text, formula, merged…)
 * so that the importer can refuse what it must. CSV is parsed here (RFC 4180, `;` or `,`).
 */
import type ExcelJS from 'exceljs';
import Workbook from 'exceljs/lib/doc/workbook';
import * as zlib from 'zlib';
import { addr } from './workbook';

export const LIMITS = {
  /** Size of the file as given. */
  fileBytes: 10_000_000,
  /** Sum of the inflated entries of an XLSX. */
  inflatedBytes: 30_000_000,
  /** Inflated size over compressed size of one entry (XML compresses 10 to 30 times). */
  ratio: 200,
  entries: 2000,
  rows: 10_000,
  columns: 300,
};

export type SheetCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  /** Formulas, merged cells, errors, hyperlinks, rich text, booleans, dates: refused where a value is read. */
  | { kind: 'formula' | 'merged' | 'other'; value?: string };

export interface Sheet {
  name: string;
  /** rows[r][c], 0-based. */
  rows: SheetCell[][];
}

export class SheetError extends Error {}

/** Checks a ZIP's central directory and inflates every entry with bounded output; throws SheetError. */
export function guardZip(buf: Buffer): void {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SheetError('fichier XLSX illisible (pas une archive ZIP) / not an XLSX file (no ZIP directory)');
  const count = buf.readUInt16LE(eocd + 10);
  if (count === 0xffff || buf.readUInt32LE(eocd + 16) === 0xffffffff) throw new SheetError('archive ZIP64 refusée / ZIP64 archives are refused');
  if (count > LIMITS.entries) throw new SheetError(`archive de ${count} entrées refusée (au plus ${LIMITS.entries}) / too many entries`);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new SheetError('répertoire ZIP corrompu / corrupt ZIP directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (flags & 1) throw new SheetError('archive chiffrée refusée / encrypted archive refused');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new SheetError('entrée ZIP corrompue / corrupt ZIP entry');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    const budget = Math.min(LIMITS.inflatedBytes - total, Math.max(1_000_000, csize * LIMITS.ratio));
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        throw new SheetError((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? `archive refusée : une entrée se décompresse au-delà des limites (bombe ZIP ?) / an entry inflates beyond the limits (zip bomb?)` : 'entrée ZIP illisible / unreadable ZIP entry');
      }
    } else throw new SheetError(`méthode de compression ${method} refusée / compression method refused`);
    total += size;
    if (total > LIMITS.inflatedBytes) throw new SheetError(`archive refusée : plus de ${LIMITS.inflatedBytes / 1e6} Mo une fois décompressée / over the inflated size limit`);
    p += 46 + nameLen + extraLen + commentLen;
  }
}

function classify(c: ExcelJS.Cell): SheetCell {
  if (c.isMerged) return { kind: 'merged' };
  const v = c.value;
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return v.trim() === '' ? { kind: 'empty' } : { kind: 'text', value: v };
  if (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) return { kind: 'formula', value: String((v as { formula?: string }).formula ?? '') };
  return { kind: 'other', value: String(c.text ?? '') };
}

export async function readXlsx(buf: Buffer): Promise<Sheet[]> {
  if (buf.length > LIMITS.fileBytes) throw new SheetError(`fichier de ${buf.length} octets refusé (au plus ${LIMITS.fileBytes}) / file too large`);
  guardZip(buf);
  const wb = new Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new SheetError(`fichier XLSX illisible / unreadable XLSX: ${(err as Error).message}`);
  }
  const out: Sheet[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > LIMITS.rows || ws.columnCount > LIMITS.columns) throw new SheetError(`feuille « ${ws.name} » trop grande (${ws.rowCount} lignes × ${ws.columnCount} colonnes ; au plus ${LIMITS.rows} × ${LIMITS.columns}) / sheet too large`);
    const rows: SheetCell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: SheetCell[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(classify(row.getCell(c)));
      rows.push(cells);
    }
    out.push({ name: ws.name, rows });
  }
  return out;
}

/** CSV (`;` or `,` by the first line, double quotes), every cell text or empty; numbers are read by the importer. */
export function readCsv(text: string, name = 'CSV'): Sheet[] {
  if (text.length > LIMITS.fileBytes) throw new SheetError('fichier CSV trop grand / CSV file too large');
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: SheetCell[][] = [];
  let row: SheetCell[] = [];
  let field = '';
  let quoted = false;
  const push = (): void => {
    row.push(field.trim() === '' ? { kind: 'empty' } : { kind: 'text', value: field });
    field = '';
    if (row.length > LIMITS.columns) throw new SheetError(`plus de ${LIMITS.columns} colonnes / too many columns`);
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) push();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      push();
      rows.push(row);
      row = [];
      if (rows.length > LIMITS.rows) throw new SheetError(`plus de ${LIMITS.rows} lignes / too many rows`);
    } else field += ch;
  }
  if (field !== '' || row.length) {
    push();
    rows.push(row);
  }
  return [{ name, rows }];
}

export function cellAddress(sheet: Sheet, r: number, c: number): string {
  return `${sheet.name}!${addr(r + 1, c + 1)}`;
}
