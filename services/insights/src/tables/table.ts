// A table of figures as the downloads take it: each column a Chinese header with a stable
// English code (the field name in the JSON view, so a sheet maps back to it and a script can
// rely on it), a kind that says how its values are shown, and the rows.

/**
 * How a column's values are shown: text; a whole number; a number with decimals (a median of
 * days); an amount of CNY (元); a share 0–1 (a percentage in a workbook); a `YYYY-MM-DD` date;
 * an ISO instant (shown in Asia/Shanghai in a workbook).
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'money' | 'rate' | 'date' | 'datetime';

export interface TableColumn {
  /** The header, in Chinese. */
  zh: string;
  /** The stable English code: the view's field name. */
  code: string;
  kind: ColumnKind;
}

export type Cell = string | number | boolean | null | undefined;

export interface Table {
  /** The table's Chinese title (a workbook's sheet name with the table's code). */
  title: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly Cell[])[];
}

/** A column: `col('阶段', 'stage')`. */
export const col = (zh: string, code: string, kind: ColumnKind = 'text'): TableColumn => ({ zh, code, kind });

/** The header a column shows: Chinese first, then the code (`阶段 stage`). */
export const header = (column: TableColumn): string => `${column.zh} ${column.code}`;
