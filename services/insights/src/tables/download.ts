import { z } from '@hono/zod-openapi';
import { HttpProblem } from '@parkmatch/service-kit';
import { CSV_TYPE, toCsv } from './csv.ts';
import type { Table } from './table.ts';
import { toXlsx, XLSX_TYPE } from './xlsx.ts';

// Any view's tables as a download: `format=csv` (one table) or `format=xlsx` (every table, a
// sheet each, or the one `table` names), or the same asked by `Accept: text/csv` / the xlsx
// media type. An explicit `format` wins over `Accept`; JSON otherwise.

export const TABLE_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

const MEDIA: Record<string, TableFormat> = {
  'application/json': 'json',
  'text/csv': 'csv',
  [XLSX_TYPE]: 'xlsx',
};

/** The format asked for: `format` if given, else the most preferred of ours in `Accept`, else JSON. */
export function formatOf(asked: TableFormat | undefined, accept: string | undefined): TableFormat {
  if (asked) return asked;
  let best: { format: TableFormat; q: number } | undefined;
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const format = MEDIA[type];
    if (!format) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { format, q };
  }
  return best?.format ?? 'json';
}

/** The query fields every table-bearing route takes. */
export const DownloadQuery = z.object({
  format: z
    .enum(TABLE_FORMATS)
    .optional()
    .openapi({
      description:
        '`json` (default), `csv` (one table: `table`, default the first) or `xlsx` (every table, a sheet each, or the ' +
        'one `table` names). Without it, `Accept: text/csv` or `Accept: ' +
        XLSX_TYPE +
        '` asks the same. Headers are Chinese with the stable English code of each field (`阶段 stage`); an amount ' +
        'of CNY says its unit (`协议投资额(元) agreedInvestmentCny`; in the targets’ tables the measure name does). ' +
        'Times are Asia/Shanghai wall-clock time, as in the leads export: `YYYY-MM-DD HH:mm` in a CSV, date cells ' +
        'in a workbook; dates `YYYY-MM-DD`. Amounts are plain numbers in a CSV, whole 元 with thousands separators ' +
        'in a workbook.',
    }),
  table: z
    .string()
    .regex(/^[A-Za-z]{1,40}$/)
    .optional()
    .openapi({ description: 'With csv or xlsx: which table (the tables are listed in the description)' }),
});

/** The 200 answer of a route whose view has tables: JSON, CSV or xlsx. */
export const tableResponse = (schema: z.ZodType, description: string) => ({
  description,
  headers: z.object({
    'Content-Disposition': z.string().openapi({
      description: 'With csv or xlsx: attachment, with a file name naming the view, scope and period',
      example: 'attachment; filename="getFunnel_dadukou-ivd_2026-11-01_2026-11-30_stages.csv"',
    }),
  }),
  content: {
    'application/json': { schema },
    'text/csv': {
      schema: z.string().openapi({
        description:
          'One table: UTF-8 with a BOM (for Excel), CRLF line ends; times Asia/Shanghai `YYYY-MM-DD HH:mm`',
      }),
    },
    [XLSX_TYPE]: {
      schema: z.string().openapi({ format: 'binary', description: 'A workbook, one sheet per table' }),
    },
  },
});

function unknownTable(name: string, tables: Readonly<Record<string, Table>>): never {
  const names = Object.keys(tables);
  throw new HttpProblem(
    400,
    { zh: `没有表 ${name}`, en: `no table ${name}` },
    {
      errors: [
        {
          path: 'table',
          message: `可选：${names.join('、')}`,
          messageEn: `one of ${names.join(', ')}`,
          code: 'unknown',
        },
      ],
    },
  );
}

/** The tables as a CSV or xlsx answer; 400 (field `table`) for a table the view does not have. */
export async function tableDownload(options: {
  tables: Readonly<Record<string, Table>>;
  format: 'csv' | 'xlsx';
  table: string | undefined;
  /** The file name without the table and extension (ASCII). */
  file: string;
  now: Date;
}): Promise<Response> {
  const { tables, format, table, file, now } = options;
  if (table !== undefined && !tables[table]) unknownTable(table, tables);
  const headers = { 'cache-control': 'private, no-store' };
  if (format === 'csv') {
    const name = table ?? Object.keys(tables)[0] ?? '';
    const chosen = tables[name];
    if (!chosen) unknownTable(name, tables);
    return new Response(toCsv(chosen), {
      status: 200,
      headers: {
        ...headers,
        'content-type': CSV_TYPE,
        'content-disposition': `attachment; filename="${file}_${name}.csv"`,
      },
    });
  }
  const chosen = table === undefined ? tables : { [table]: tables[table] as Table };
  const bytes = await toXlsx(chosen, { createdAt: now });
  return new Response(bytes, {
    status: 200,
    headers: {
      ...headers,
      'content-type': XLSX_TYPE,
      'content-disposition': `attachment; filename="${file}${table === undefined ? '' : `_${table}`}.xlsx"`,
    },
  });
}
