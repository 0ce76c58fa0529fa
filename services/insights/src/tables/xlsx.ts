import ExcelJS from 'exceljs';
import { type Cell, type ColumnKind, cellOf, header, type Table } from './table.ts';
import { wallClock } from './wall-clock.ts';

// Tables to an .xlsx workbook, one sheet each, as leads' exports write theirs (exceljs, a
// frozen bold header row, column widths, number formats on the cells that hold a value, a
// few shared style objects). A view's tables are small (a row per stage, month or category;
// the stuck list is cut to 200), so the workbook is built whole rather than streamed. Amounts
// of CNY are whole 元 with thousands separators (the header names the unit); times the
// Asia/Shanghai wall clock.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  integer: '#,##0',
  number: '#,##0.0',
  money: '#,##0',
  rate: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};
const STYLES: Partial<Record<ColumnKind, Partial<ExcelJS.Style>>> = Object.fromEntries(
  Object.entries(NUMBER_FORMATS).map(([kind, numFmt]) => [kind, Object.freeze({ numFmt })]),
);
const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

/** A cell as the sheet holds it, and the style it takes (none when empty). */
function sheetCell(
  cell: Cell,
  columnKind: ColumnKind,
): { value: string | number | boolean | Date | null; style: Partial<ExcelJS.Style> } {
  const { value, kind } = cellOf(cell, columnKind);
  if (value === undefined || value === null || value === '') return { value: null, style: PLAIN };
  const style = STYLES[kind] ?? PLAIN;
  if ((kind === 'date' || kind === 'datetime') && typeof value === 'string')
    return { value: wallClock(value, kind) ?? value, style };
  return { value, style };
}

/** A cell's text as the sheet shows it, roughly, to size its column. */
function textOf(cell: Cell, columnKind: ColumnKind): string {
  const { value, kind } = cellOf(cell, columnKind);
  if (typeof value === 'number' && (kind === 'money' || kind === 'integer' || kind === 'number'))
    return value.toLocaleString('en-US', { maximumFractionDigits: kind === 'number' ? 1 : 0 });
  return String(value ?? '');
}

const widthOf = (text: string): number => {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return width;
};

/** An xlsx sheet name: at most 31 characters, none of `[]:*?/\`. */
const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** The tables, each a sheet named by its Chinese title and code, as the bytes of a workbook. */
export async function toXlsx(
  tables: Readonly<Record<string, Table>>,
  options: { createdAt: Date },
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'parkmatch';
  workbook.created = options.createdAt;
  for (const [code, table] of Object.entries(tables)) {
    const sheet = workbook.addWorksheet(sheetName(`${table.title} ${code}`), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = table.columns.map((column, i) => {
      const cells = table.rows.map((row) => textOf(row[i], column.kind));
      return {
        header: header(column),
        key: column.code,
        width: Math.min(60, Math.max(10, widthOf(header(column)), ...cells.map(widthOf)) + 2),
      };
    });
    sheet.getRow(1).font = { bold: true };
    for (const cells of table.rows) {
      const shown = cells.map((cell, i) => sheetCell(cell, table.columns[i]?.kind ?? 'text'));
      const row = sheet.addRow(shown.map((c) => c.value));
      shown.forEach((c, i) => {
        row.getCell(i + 1).style = c.style;
      });
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
