import ExcelJS from 'exceljs';
import { DAY_MS, dayOf, startOfDay } from '../calendar/days.ts';
import { type Cell, type ColumnKind, header, type Table } from './table.ts';

// Tables to an .xlsx workbook, one sheet each, as leads' exports write theirs (exceljs, a
// frozen bold header row, column widths, number formats on the cells that hold a value, a
// few shared style objects). A view's tables are small (a row per stage, month or category;
// the stuck list is cut to 200), so the workbook is built whole rather than streamed.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  integer: '#,##0',
  number: '0.0',
  money: '#,##0.00',
  rate: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};
const STYLES: Partial<Record<ColumnKind, Partial<ExcelJS.Style>>> = Object.fromEntries(
  Object.entries(NUMBER_FORMATS).map(([kind, numFmt]) => [kind, Object.freeze({ numFmt })]),
);
const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date as a spreadsheet shows it: the Shanghai wall clock held in a Date's UTC fields. */
function wallClock(value: string, kind: 'date' | 'datetime'): Date | undefined {
  if (DATE_ONLY.test(value)) return new Date(`${value}T00:00:00.000Z`);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const day = dayOf(at);
  if (kind === 'date') return new Date(day * DAY_MS);
  const local = day * DAY_MS + (at - startOfDay(day));
  return new Date(Math.floor(local / 60_000) * 60_000);
}

function cellValue(cell: Cell, kind: ColumnKind): string | number | boolean | Date | null {
  if (cell === undefined || cell === null || cell === '') return null;
  if ((kind === 'date' || kind === 'datetime') && typeof cell === 'string')
    return wallClock(cell, kind) ?? cell;
  return cell;
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
      const cells = table.rows.map((row) => String(row[i] ?? ''));
      return {
        header: header(column),
        key: column.code,
        width: Math.min(60, Math.max(10, widthOf(header(column)), ...cells.map(widthOf)) + 2),
      };
    });
    sheet.getRow(1).font = { bold: true };
    for (const cells of table.rows) {
      const row = sheet.addRow(cells.map((cell, i) => cellValue(cell, table.columns[i]?.kind ?? 'text')));
      cells.forEach((cell, i) => {
        const empty = cell === undefined || cell === null || cell === '';
        row.getCell(i + 1).style = (empty ? undefined : STYLES[table.columns[i]?.kind ?? 'text']) ?? PLAIN;
      });
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
