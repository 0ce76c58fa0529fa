import { type Cell, type ColumnKind, type SheetSource, wallClock } from './sheet.ts';

// A sheet to CSV (RFC 4180) as Excel opens it: UTF-8 with a byte-order mark (without it Excel
// reads Chinese as GBK and garbles it), CRLF line ends, quoted where needed. Amounts are plain
// numbers (a thousands separator would turn them into text); dates are `YYYY-MM-DD`.

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const BOM = '\uFEFF';

/**
 * Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR at the start) is
 * prefixed with `'`, so a firm's name can never run as one when the file is opened (CSV
 * injection). Numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function textOf(cell: Cell, kind: ColumnKind): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (kind === 'date' || kind === 'datetime') {
    const at = wallClock(cell, kind);
    if (at)
      return kind === 'date'
        ? at.toISOString().slice(0, 10)
        : at.toISOString().slice(0, 16).replace('T', ' ');
  }
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (fields: readonly string[]) => `${fields.map(field).join(',')}\r\n`;

/** The sheet as CSV text chunks (a page of rows each), the BOM and header first. */
export async function* csvChunks(sheet: SheetSource): AsyncGenerator<string> {
  yield BOM + line(sheet.columns.map((column) => column.header));
  for await (const page of sheet.pages) {
    yield page
      .map((cells) => line(cells.map((cell, i) => textOf(cell, sheet.columns[i]?.kind ?? 'text'))))
      .join('');
  }
}

/** The sheet as a UTF-8 byte stream for a response body. */
export function csvStream(sheet: SheetSource, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const chunks = csvChunks(sheet);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
