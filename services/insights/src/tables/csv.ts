import { type Cell, header, type Table } from './table.ts';

// A table as CSV the way Excel opens it: UTF-8 with a byte-order mark (without it Excel reads
// Chinese as GBK), CRLF line ends, quoted where needed, and text that a spreadsheet would take
// for a formula prefixed with `'` (CSV injection).

export const CSV_TYPE = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: Table): string {
  const line = (cells: readonly Cell[]) => `${cells.map(field).join(',')}\r\n`;
  return BOM + line(table.columns.map(header)) + table.rows.map(line).join('');
}
