// A table of figures as the downloads take it: each column a Chinese header with a stable
// English code (the field name in the JSON view, so a sheet maps back to it and a script can
// rely on it), a kind that says how its values are shown, and the rows.

/**
 * How a column's values are shown: text; a whole number; a number with decimals (a median of
 * days); an amount of CNY (元, its header says so; a whole number with thousands separators in a
 * workbook); a share 0–1 (a percentage in a workbook); a `YYYY-MM-DD` date; an ISO instant
 * (shown as the Asia/Shanghai wall clock, `YYYY-MM-DD HH:mm`).
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'money' | 'rate' | 'date' | 'datetime';

export interface TableColumn {
  /** The header, in Chinese (without the unit: `header` adds it). */
  zh: string;
  /** The stable English code: the view's field name. */
  code: string;
  kind: ColumnKind;
}

/**
 * A number shown as another kind than its column's: a table whose rows mix units in one column
 * (the targets: firms beside revenue) marks its amounts of CNY so.
 */
export interface KindedCell {
  value: number;
  kind: ColumnKind;
}

export type Cell = string | number | boolean | null | undefined | KindedCell;

export interface Table {
  /** The table's Chinese title (a workbook's sheet name with the table's code). */
  title: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly Cell[])[];
}

/** A column: `col('阶段', 'stage')`. */
export const col = (zh: string, code: string, kind: ColumnKind = 'text'): TableColumn => ({ zh, code, kind });

/** A number of a row shown as `kind` (an amount of CNY in a column of mixed units). */
export const kinded = (value: number, kind: ColumnKind): KindedCell => ({ value, kind });

/** A cell's value and the kind it is shown as (its own, else its column's). */
export function cellOf(
  cell: Cell,
  columnKind: ColumnKind,
): { value: string | number | boolean | null | undefined; kind: ColumnKind } {
  if (cell !== null && typeof cell === 'object') return { value: cell.value, kind: cell.kind };
  return { value: cell, kind: columnKind };
}

/** The unit a column's header names, in Chinese (the leads export's `(元)`). */
const UNIT: Partial<Record<ColumnKind, string>> = { money: '(元)' };

/** The header a column shows: Chinese first with its unit, then the code (`协议投资额(元) agreedInvestmentCny`). */
export const header = (column: TableColumn): string =>
  `${column.zh}${UNIT[column.kind] ?? ''} ${column.code}`;
