/**
 * Recomputes the formulas of an exported workbook with HyperFormula (GPL-3.0, a development dependency
 * used only here): every sheet is loaded from the XLSX as its raw contents (formulas as `=…`, numbers,
 * text), the cached results are ignored. HyperFormula has no RANK: it is added below with Excel's
 * definition (1 + the number of numeric values of the range greater than the number; #N/A when absent).
 */
import ExcelJS from 'exceljs';
import { FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type ImplementedFunctions } from 'hyperformula';
import type { ProcedureAst } from 'hyperformula/typings/parser';
import type { InterpreterState } from 'hyperformula/typings/interpreter/InterpreterState';
import { CellError, ErrorType } from 'hyperformula';

class RankPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    RANK: { method: 'rank', parameters: [{ argumentType: FunctionArgumentType.NUMBER }, { argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 }] },
  };

  rank(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(ast.args, state, this.metadata('RANK'), (x: number, range: SimpleRangeValue, order: number) => {
      const nums = range.valuesFromTopLeftCorner().filter((v): v is number => typeof v === 'number');
      if (!nums.includes(x)) return new CellError(ErrorType.NA);
      return 1 + nums.filter((v) => (order ? v < x : v > x)).length;
    });
  }
}
HyperFormula.registerFunctionPlugin(RankPlugin, { enGB: { RANK: 'RANK' } });

export type Raw = (string | number | boolean | null)[][];

/** The raw contents of every sheet of an XLSX (1-based rows become 0-based indexes). */
export async function loadRaw(bytes: Buffer): Promise<Map<string, Raw>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, Raw>();
  wb.eachSheet((ws) => {
    const grid: Raw = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (c, col) => {
        const v = c.value;
        let raw: string | number | boolean | null = null;
        if (v && typeof v === 'object' && 'formula' in v) raw = `=${(v as ExcelJS.CellFormulaValue).formula}`;
        else if (v instanceof Date) raw = v.getTime() / 86400000 + 25569;
        else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') raw = v;
        (grid[r - 1] ??= [])[col - 1] = raw;
      });
    });
    for (let i = 0; i < grid.length; i++) grid[i] = Array.from(grid[i] ?? [], (x) => (x === undefined ? null : x));
    out.set(ws.name, grid);
  });
  return out;
}

export interface Evaluated {
  hf: HyperFormula;
  sheet(name: string): number;
  /** The value at (row, col), 1-based as in Excel. */
  value(sheet: string, row: number, col: number): unknown;
}

export function evaluate(sheets: Map<string, Raw>): Evaluated {
  const hf = HyperFormula.buildFromSheets(Object.fromEntries(sheets), { licenseKey: 'gpl-v3', smartRounding: false });
  const sheet = (name: string): number => {
    const id = hf.getSheetId(name);
    if (id === undefined) throw new Error(`no sheet ${name}`);
    return id;
  };
  return { hf, sheet, value: (s, row, col) => hf.getCellValue({ sheet: sheet(s), row: row - 1, col: col - 1 }) };
}

/** The column (1-based) whose header in `row` is `label`. */
export function columnOf(raw: Raw, row: number, label: string | RegExp): number {
  const i = (raw[row - 1] ?? []).findIndex((v) => (typeof label === 'string' ? v === label : typeof v === 'string' && label.test(v)));
  if (i < 0) throw new Error(`no column ${String(label)} in row ${row}`);
  return i + 1;
}

/** The row (1-based) whose first cell is `label`. */
export function rowOf(raw: Raw, label: string): number {
  const i = raw.findIndex((r) => r?.[0] === label);
  if (i < 0) throw new Error(`no row ${label}`);
  return i + 1;
}
