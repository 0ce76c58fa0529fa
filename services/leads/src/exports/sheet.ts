// A sheet of an export, as the writers (xlsx.ts, csv.ts) take it: Chinese headers, a kind
// per column that says how its values are shown, and the rows as pages of cells from a row
// source (a repository's pages). A feature adds a sheet by describing its columns over its
// own rows (sheetOf); the writers know nothing of leads or ledgers.

import { SHANGHAI_OFFSET_MS } from '../calendar.ts';

/**
 * How a column's values are shown: text; a calendar date or a date and time (values are
 * `YYYY-MM-DD` dates or ISO date-times, shown in Asia/Shanghai); an amount of CNY (元); a
 * whole number.
 */
export type ColumnKind = 'text' | 'date' | 'datetime' | 'money' | 'integer';

/** One cell: a string (text, or a date as above), a number, or nothing. */
export type Cell = string | number | undefined;

export interface ColumnSpec {
  /** The header, in Chinese (the teams' spreadsheets are). */
  header: string;
  kind: ColumnKind;
  /** Width in characters (a Chinese character takes two). */
  width: number;
}

export interface SheetSource {
  /** The sheet's name (xlsx: at most 31 characters, none of `[]:*?/\`). */
  name: string;
  columns: readonly ColumnSpec[];
  /** The rows, a page at a time, each row one cell per column. */
  pages: AsyncIterable<readonly (readonly Cell[])[]>;
}

/** A column over rows of type R: its spec and how to read its cell from a row. */
export interface Column<R> extends ColumnSpec {
  value: (row: R) => Cell;
}

/** A sheet from a row source: each page of rows becomes a page of cells. */
export function sheetOf<R>(
  name: string,
  columns: readonly Column<R>[],
  pages: AsyncIterable<readonly R[]>,
): SheetSource {
  return {
    name,
    columns: columns.map(({ header, kind, width }) => ({ header, kind, width })),
    pages: (async function* () {
      for await (const page of pages) yield page.map((row) => columns.map((column) => column.value(row)));
    })(),
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date cell's value as the wall clock in Asia/Shanghai, held in a Date's UTC fields (how a
 * spreadsheet, which knows no time zones, shows it): a `YYYY-MM-DD` date at midnight, an ISO
 * date-time moved to UTC+8 (and cut to its day for a `date` column). Undefined when unreadable.
 */
export function wallClock(value: string, kind: 'date' | 'datetime'): Date | undefined {
  if (DATE_ONLY.test(value)) return new Date(`${value}T00:00:00.000Z`);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const local = new Date(at + SHANGHAI_OFFSET_MS);
  if (kind === 'datetime') return new Date(Math.floor(local.getTime() / 60_000) * 60_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}
