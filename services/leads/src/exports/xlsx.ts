import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type Cell, type ColumnKind, type SheetSource, wallClock } from './sheet.ts';

// Sheets to an .xlsx workbook, streamed: exceljs's WorkbookWriter writes each row into the
// zip as it is committed, so a workbook of any size is never whole in memory. One sheet
// after the other, each from its own row source.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Number formats: dates as dates, CNY with thousands separators and fen. */
const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  money: '#,##0.00',
  integer: '#,##0',
};

/** The style of a cell with no number format (text, an empty cell). */
const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

function cellValue(cell: Cell, kind: ColumnKind): string | number | Date | null {
  if (cell === undefined || cell === '') return null;
  if ((kind === 'date' || kind === 'datetime') && typeof cell === 'string')
    return wallClock(cell, kind) ?? cell;
  return cell;
}

export interface XlsxOptions {
  /** Shown as the workbook's creation time. */
  createdAt: Date;
  /** Called when a sheet's rows fail after the answer started: the download is cut off. */
  onError: (error: unknown) => void;
}

/** The workbook as a byte stream for a response body; the sheets are read as it is read. */
export function xlsxStream(sheets: readonly SheetSource[], options: XlsxOptions): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    // Inline strings: a shared-strings table would keep every distinct text until the end.
    useSharedStrings: false,
  });
  workbook.creator = 'parkmatch';
  workbook.created = options.createdAt;

  const write = async () => {
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      // Widths on the columns, number formats on the cells that hold a value, and every cell
      // given one of a few shared style objects: exceljs finds a style it has seen by object
      // identity, but otherwise gives each new cell a style object of its own, which it then
      // serialises to look up: that lookup alone took as long as the rest of the workbook.
      worksheet.columns = sheet.columns.map((column, i) => ({
        header: column.header,
        key: `c${i}`,
        width: column.width,
      }));
      worksheet.getRow(1).font = { bold: true };
      const styles = sheet.columns.map((column) => {
        const numFmt = NUMBER_FORMATS[column.kind];
        return numFmt ? { numFmt } : undefined;
      });
      for await (const page of sheet.pages) {
        // The client went away (the body was cancelled): stop reading the store.
        if (output.destroyed) return;
        for (const cells of page) {
          const row = worksheet.addRow(
            cells.map((cell, i) => cellValue(cell, sheet.columns[i]?.kind ?? 'text')),
          );
          cells.forEach((cell, i) => {
            const empty = cell === undefined || cell === '';
            row.getCell(i + 1).style = (empty ? undefined : styles[i]) ?? PLAIN;
          });
          row.commit();
        }
      }
      worksheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    if (output.destroyed) return; // cancelled by the client: nothing went wrong here
    options.onError(error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
