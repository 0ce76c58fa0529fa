import { createRoute, z } from '@hono/zod-openapi';
import { PARK_IDS, TargetInput, TargetList, TargetView } from '@parkmatch/contracts';
import {
  bearer,
  canSeePark,
  createRouter,
  HttpProblem,
  hasManagerRights,
  isCityWide,
  json,
  jsonBody,
  type Principal,
  parkScope,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { dayOf, partsOfDay } from '../calendar/days.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { DownloadQuery, formatOf, tableDownload, tableResponse } from '../tables/download.ts';
import { targetView } from './progress.ts';
import type { TargetRepository } from './repository.ts';
import { targetTables } from './tables.ts';
import { CITY, setTarget } from './target.ts';

const TARGETS = tag(
  'targets',
  'Targets managers set per park and for the city (firms, revenue, registration certificates, signed ' +
    'investment; yearly and long-range), with progress from the pipeline and the monthly figures.',
);

const ABOUT_PROGRESS =
  'Progress counts from the day after the baseline year (or from 1 January of the target year) to now. ' +
  '`firms`: the baseline plus the leads that registered locally (entered 注册落地) since. `signedInvestmentCny`: ' +
  'plus the 协议投资额 of leads that entered 签约 since. `certificates`: plus the registration certificates the ' +
  'key firms reported obtaining in the monthly figures (重点培育台账) since. `revenueCny` is a level: the baseline ' +
  'plus, for each key firm, its average monthly revenue × 12 over the twelve months that end with the latest ' +
  'month reported in the scope (in December, with November the latest: December of the year before to November); ' +
  'a firm that reported only some of those months counts the average of those. `pacePerMonth`: ' +
  'gained since the window opened per month elapsed; `neededPerMonth`: still to gain per month left; `onPace`: ' +
  'the current pace reaches the target by the end of the year.';

const Scope = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,49}$/)
  .openapi({ description: '`city`, or a park id', example: 'dadukou-ivd' });

const list = createRoute({
  method: 'get',
  path: '/v1/targets',
  operationId: 'listTargets',
  tags: [TARGETS],
  summary: 'Targets the caller may see, each with its progress and the history of its changes',
  description:
    'A park’s team sees its park’s targets; city managers and admins see every park’s and the city’s. ' +
    `${ABOUT_PROGRESS}\n\nAs tables (\`format=csv|xlsx\` or \`Accept: text/csv\`): \`progress\` (a row per target ` +
    'and measure) and `history` (a row per setting and measure).',
  security: bearer,
  request: {
    query: z
      .object({
        scope: Scope.optional(),
        year: z.coerce
          .number()
          .int()
          .min(2000)
          .max(2100)
          .optional()
          .openapi({ description: 'Only this year' }),
      })
      .extend(DownloadQuery.shape),
  },
  responses: {
    200: tableResponse(TargetList, 'By scope, then year'),
    400: problem('Bad query: an unknown scope, a bad year or an unknown table'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
  },
});

const put = createRoute({
  method: 'put',
  path: '/v1/targets',
  operationId: 'setTarget',
  tags: [TARGETS],
  summary: 'Set a park’s or the city’s target for a year (the change is kept in its history)',
  description:
    'A park’s managers set their park’s targets; city managers and admins the city’s and any park’s. ' +
    `Figures are non-negative numbers; give at least one. ${ABOUT_PROGRESS}`,
  security: bearer,
  request: { body: jsonBody(TargetInput) },
  responses: {
    200: json(TargetView, 'Changed'),
    201: json(TargetView, 'Set for the first time'),
    400: problem(
      'Invalid body: an unknown scope, a negative or non-numeric figure, a year already over (field in `errors`)',
    ),
    401: problem('No or bad token'),
    403: problem('Analysts do not set targets; a park’s manager sets only its own park’s'),
    409: problem('Changed by someone else at the same moment: read and try again'),
  },
});

const SCOPES = new Set<string>([CITY, ...PARK_IDS]);

function assertKnownScope(scope: string): void {
  if (!SCOPES.has(scope))
    throw new HttpProblem(
      400,
      { zh: `没有范围 ${scope}`, en: `no scope ${scope}` },
      {
        errors: [
          {
            path: 'scope',
            message: `应为 city 或园区编号：${PARK_IDS.join('、')}`,
            messageEn: `must be city or a park id: ${PARK_IDS.join(', ')}`,
            code: 'unknown_scope',
          },
        ],
      },
    );
}

/** The scopes whose targets the principal may read: every one for city-wide staff, else its park. */
function readableScopes(principal: Principal): string[] | undefined {
  const scope = parkScope(principal);
  return scope === 'all' ? undefined : [...scope];
}

/** May the principal set targets for `scope`? Managers for their park, city-wide managers and admins for any. */
function canSetTarget(principal: Principal, scope: string): boolean {
  if (!hasManagerRights(principal)) return false;
  return scope === CITY ? isCityWide(principal) : canSeePark(principal, scope);
}

export interface TargetDeps {
  targets: TargetRepository;
  tokens: TokenService;
  leads: () => LeadTable;
  now: () => Date;
}

export function targetRoutes({ targets, tokens, leads, now }: TargetDeps) {
  const app = createRouter();
  app.use('/v1/targets', requireAuth(tokens, 'analyst', 'manager', 'admin'));

  app.openapi(list, async (c) => {
    const { scope, year, format: asked, table } = c.req.valid('query');
    const principal = c.var.principal;
    let scopes = readableScopes(principal);
    if (scope !== undefined) {
      assertKnownScope(scope);
      if (scopes && !scopes.includes(scope))
        throw new HttpProblem(403, {
          zh: `无权查看 ${scope} 的目标`,
          en: `no access to the targets of ${scope}`,
        });
      scopes = [scope];
    }
    const docs = await targets.list(scopes, year);
    const at = now().getTime();
    const facts = leads().facts;
    const items = docs.map((doc) => targetView(doc, facts, at));
    const format = formatOf(asked, c.req.header('accept'));
    if (format === 'json') return c.json({ items }, 200);
    return (await tableDownload({
      tables: targetTables(items),
      format,
      table,
      file: `targets_${scope ?? 'all'}${year === undefined ? '' : `_${year}`}`,
      now: new Date(at),
    })) as never;
  });

  app.openapi(put, async (c) => {
    const input = c.req.valid('json');
    const principal = c.var.principal;
    assertKnownScope(input.scope);
    if (input.baseline && input.baseline.year >= input.year)
      throw new HttpProblem(
        400,
        { zh: '基准年须早于目标年', en: 'the baseline year must come before the target year' },
        {
          errors: [
            {
              path: 'baseline.year',
              message: `应早于 ${input.year}`,
              messageEn: `must be before ${input.year}`,
              code: 'too_big',
            },
          ],
        },
      );
    // A year that is over is history: its target is kept as it was set, never moved afterwards.
    const thisYear = partsOfDay(dayOf(now().getTime())).year;
    if (input.year < thisYear)
      throw new HttpProblem(
        400,
        {
          zh: `${input.year} 年已结束，其目标不能再设定或修改`,
          en: `${input.year} is over: its targets can no longer be set or changed`,
        },
        {
          errors: [
            {
              path: 'year',
              message: `须不早于 ${thisYear}`,
              messageEn: `must be ${thisYear} or later`,
              code: 'too_small',
            },
          ],
        },
      );
    if (!canSetTarget(principal, input.scope))
      throw new HttpProblem(403, {
        zh: input.scope === CITY ? '只有市级管理员可以设定全市目标' : `无权设定 ${input.scope} 的目标`,
        en:
          input.scope === CITY
            ? 'only city managers and admins set the city’s targets'
            : `you may not set targets for ${input.scope}`,
      });
    const existing = await targets.get(input.scope, input.year);
    const at = now();
    const doc = setTarget(existing, input, principal.sub, at.toISOString());
    if (!(await targets.save(doc, existing?.updatedAt ?? null)))
      throw new HttpProblem(409, {
        zh: '目标刚被他人修改，请重新读取后再试',
        en: 'the target was changed by someone else meanwhile; read it again and retry',
      });
    return c.json(targetView(doc, leads().facts, at.getTime()), existing ? 200 : 201);
  });

  return app;
}
