import { type Cell, type ColumnKind, cellOf, header, type Table } from './table.ts';
import { wallClockText } from './wall-clock.ts';

// A table as CSV the way Excel opens it, and as leads.csv writes its own: UTF-8 with a
// byte-order mark (without it Excel reads Chinese as GBK), CRLF line ends, quoted where needed,
// text that a spreadsheet would take for a formula prefixed with `'` (CSV injection). Times are
// the Asia/Shanghai wall clock, `YYYY-MM-DD HH:mm`, dates `YYYY-MM-DD`; amounts plain numbers
// of 元 (a thousands separator would turn them into text; the header names the unit).

export const CSV_TYPE = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: Cell, columnKind: ColumnKind): string {
  const { value, kind } = cellOf(cell, columnKind);
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const time = kind === 'date' || kind === 'datetime' ? wallClockText(value, kind) : undefined;
  const text = time ?? (FORMULA_START.test(value) ? `'${value}` : value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: Table): string {
  const kinds = table.columns.map((column) => column.kind);
  const line = (cells: readonly Cell[]) =>
    `${cells.map((cell, i) => field(cell, kinds[i] ?? 'text')).join(',')}\r\n`;
  const head = `${table.columns
    .map(header)
    .map((h) => field(h, 'text'))
    .join(',')}\r\n`;
  return BOM + head + table.rows.map(line).join('');
}
