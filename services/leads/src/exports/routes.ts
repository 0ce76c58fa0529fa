import { createRoute, z } from '@hono/zod-openapi';
import { PARKS } from '@parkmatch/contracts';
import {
  bearer,
  createRouter,
  type Logger,
  type Principal,
  parkScope,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import type { LeadRepository } from '../lead/repository.ts';
import type { LedgerRepositories } from '../ledgers/repositories.ts';
import { CSV_TYPE, csvStream } from './csv.ts';
import { attachment } from './disposition.ts';
import { leadSheet } from './lead-sheet.ts';
import { ledgerSheets } from './ledger-sheets.ts';
import { wallClock } from './sheet.ts';
import { XLSX_TYPE, xlsxStream } from './xlsx.ts';

// Downloads for the teams: what the caller may see, as a workbook or CSV, streamed as it is
// read from the store.

const EXPORTS = tag(
  'exports',
  'Spreadsheets of what the caller may see (.xlsx, and CSV in UTF-8 with a BOM), Chinese headers.',
);

const download = (type: string, description: string) => ({
  description,
  headers: z.object({
    'Content-Disposition': z.string().meta({
      description: 'attachment, with the Chinese file name as RFC 5987 `filename*`',
      example: 'attachment; filename="leads_city_2026-11-02.xlsx"; filename*=UTF-8\'\'%E7%BA%BF%E7%B4%A2…',
    }),
  }),
  content: { [type]: { schema: z.string().meta({ format: 'binary' }) } },
});

const TEAM_ONLY = 'A firm’s token: exports are for the teams';

const leadsXlsx = createRoute({
  method: 'get',
  path: '/v1/exports/leads.xlsx',
  operationId: 'exportLeadsXlsx',
  tags: [EXPORTS],
  summary: 'The lead list the caller may see, as an .xlsx workbook',
  description:
    'One sheet 线索清单: a park’s team gets the leads its park rated A–C or owns, with its own ' +
    'rating; city-wide staff get every lead with every park’s tier. Dates are dates, amounts ' +
    'CNY (元). No contact data. A lead another park owns (首报首谈) keeps its business columns and ' +
    'its owner park, but not that park’s liaison nor the facts of its deal (协议投资额, 落地企业, ' +
    'the dates of 签约, 注册, 开工, 投产).',
  security: bearer,
  responses: {
    200: download(XLSX_TYPE, 'The workbook, streamed'),
    401: problem('No or bad token'),
    403: problem(TEAM_ONLY),
  },
});

const leadsCsv = createRoute({
  method: 'get',
  path: '/v1/exports/leads.csv',
  operationId: 'exportLeadsCsv',
  tags: [EXPORTS],
  summary: 'The lead list the caller may see, as CSV (UTF-8 with BOM, for Excel)',
  description: 'The same rows and columns as `leads.xlsx`; amounts as plain numbers, dates `YYYY-MM-DD`.',
  security: bearer,
  responses: {
    200: download('text/csv', 'The CSV, streamed'),
    401: problem('No or bad token'),
    403: problem(TEAM_ONLY),
  },
});

const ledgersXlsx = createRoute({
  method: 'get',
  path: '/v1/exports/ledgers.xlsx',
  operationId: 'exportLedgersXlsx',
  tags: [EXPORTS],
  summary: 'The two ledgers (两本台账) of the leads the caller’s park owns, as an .xlsx workbook',
  description:
    'One sheet per part of a ledger: 一企一策·企业 (liaison, expected output and sales), ' +
    '一企一策·走访洽谈 (visits and talks), 一企一策·企业诉求 (appeals, with what is overdue) and ' +
    '重点培育·月度数据 (monthly figures of the key firms). A park’s team gets its own park’s ' +
    'ledgers; city-wide staff every park’s.',
  security: bearer,
  responses: {
    200: download(XLSX_TYPE, 'The workbook, streamed'),
    401: problem('No or bad token'),
    403: problem(TEAM_ONLY),
  },
});

export interface ExportDeps {
  leads: LeadRepository;
  ledgers: LedgerRepositories;
  tokens: TokenService;
  logger: Logger;
  now: () => Date;
}

/** `线索清单_大渡口…_2026-11-02` and its ASCII twin `leads_dadukou-ivd_2026-11-02`. */
function fileNames(what: { zh: string; en: string }, principal: Principal, now: Date) {
  const day = wallClock(now.toISOString(), 'date')?.toISOString().slice(0, 10) ?? '';
  const scope = parkScope(principal);
  const parkId = scope === 'all' ? undefined : scope.length === 1 ? scope[0] : undefined;
  const park = PARKS.find((p) => p.id === parkId);
  return {
    zh: `${what.zh}_${park ? park.name.zh : '全市'}_${day}`,
    ascii: `${what.en}_${parkId ?? 'city'}_${day}`,
  };
}

export function exportRoutes(deps: ExportDeps) {
  const app = createRouter();
  app.use('/v1/exports/*', requireAuth(deps.tokens, 'analyst', 'manager', 'admin'));

  const headersFor = (type: string, name: { zh: string; ascii: string }, extension: string) => ({
    'content-type': type,
    'content-disposition': attachment(`${name.ascii}.${extension}`, `${name.zh}.${extension}`),
    // What a team may see, in a file: not for shared caches.
    'cache-control': 'private, no-store',
  });
  const onError = (principal: Principal, what: string) => (error: unknown) =>
    deps.logger.error({ err: error, by: principal.sub, export: what }, 'export failed after it started');

  app.openapi(leadsXlsx, (c) => {
    const principal = c.var.principal;
    const now = deps.now();
    const body = xlsxStream([leadSheet(deps.leads, principal, now)], {
      createdAt: now,
      onError: onError(principal, 'leads.xlsx'),
    });
    const name = fileNames({ zh: '线索清单', en: 'leads' }, principal, now);
    return c.body(body, 200, headersFor(XLSX_TYPE, name, 'xlsx'));
  });

  app.openapi(leadsCsv, (c) => {
    const principal = c.var.principal;
    const now = deps.now();
    const body = csvStream(leadSheet(deps.leads, principal, now), onError(principal, 'leads.csv'));
    const name = fileNames({ zh: '线索清单', en: 'leads' }, principal, now);
    return c.body(body, 200, headersFor(CSV_TYPE, name, 'csv'));
  });

  app.openapi(ledgersXlsx, (c) => {
    const principal = c.var.principal;
    const now = deps.now();
    const body = xlsxStream(ledgerSheets(deps.leads, deps.ledgers, principal, now), {
      createdAt: now,
      onError: onError(principal, 'ledgers.xlsx'),
    });
    const name = fileNames({ zh: '两本台账', en: 'ledgers' }, principal, now);
    return c.body(body, 200, headersFor(XLSX_TYPE, name, 'xlsx'));
  });

  return app;
}
