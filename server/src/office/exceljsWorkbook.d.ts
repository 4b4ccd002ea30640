/**
 * exceljs's Workbook without the streaming reader and writer (unzipper, archiver, bluebird): the exports
 * build whole workbooks in memory, so the bundle takes lib/doc/workbook.js only (see docs/architecture.md).
 */
declare module 'exceljs/lib/doc/workbook' {
  import type { Workbook } from 'exceljs';
  const WorkbookClass: typeof Workbook;
  export = WorkbookClass;
}
