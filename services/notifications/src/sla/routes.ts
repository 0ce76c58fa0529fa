import { createRoute, z } from '@hono/zod-openapi';
import {
  PARK_IDS,
  SlaClockPage,
  SlaPolicy,
  WorkingDayList,
  WorkingDayOverride,
  WorkingDayView,
} from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  createRouter,
  HttpProblem,
  hasManagerRights,
  json,
  jsonBody,
  type Principal,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { clockView } from './clock.ts';
import { addDays } from './dates.ts';
import type { ClockRepository } from './repository.ts';
import type { SlaSettingsRepository } from './settings-repository.ts';

const SLA = tag(
  'sla',
  'SLA clocks on Chinese working days: each park’s allowances per tier, the running clocks, and the working-day calendar (statutory holidays and 调休, with an override table).',
);

const ParkParam = z.object({
  parkId: z.string().min(1).max(64).openapi({ description: 'The park’s id' }),
});
const DateParam = z.object({
  date: z.iso.date().openapi({ description: 'A calendar date, `YYYY-MM-DD` (Asia/Shanghai)' }),
});

const getPolicy = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/sla-policy',
  operationId: 'getSlaPolicy',
  tags: [SLA],
  summary: 'A park’s SLA allowances in working days (the defaults until it sets its own)',
  security: bearer,
  request: { params: ParkParam },
  responses: {
    200: json(SlaPolicy, 'The policy in force'),
    400: problem('Malformed park id'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
    404: problem('No such park'),
  },
});

const putPolicy = createRoute({
  method: 'put',
  path: '/v1/parks/{parkId}/sla-policy',
  operationId: 'setSlaPolicy',
  tags: [SLA],
  summary: 'Set a park’s SLA allowances (its managers, admins); running clocks get the new deadlines',
  security: bearer,
  request: { params: ParkParam, body: jsonBody(SlaPolicy) },
  responses: {
    200: json(SlaPolicy, 'Saved'),
    400: problem('Malformed policy'),
    401: problem('No or bad token'),
    403: problem('Not a manager of this park'),
    404: problem('No such park'),
  },
});

const listClocks = createRoute({
  method: 'get',
  path: '/v1/sla-clocks',
  operationId: 'listSlaClocks',
  tags: [SLA],
  summary: 'SLA clocks of the parks the caller may see, soonest deadline first',
  security: bearer,
  request: {
    query: z.object({
      parkId: z.string().min(1).max(64).optional().openapi({ description: 'Only this park’s' }),
      status: z
        .enum(['running', 'stopped'])
        .optional()
        .openapi({ description: 'Only running or only stopped clocks' }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(100)
        .openapi({ description: 'Clocks on the page, 1 to 500' }),
    }),
  },
  responses: {
    200: json(SlaClockPage, 'Soonest deadline first'),
    400: problem('Bad query'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
  },
});

const listDays = createRoute({
  method: 'get',
  path: '/v1/working-days',
  operationId: 'listWorkingDays',
  tags: [SLA],
  summary: 'Each day from `from` to `to` (at most 366 days): working or not, and by which source',
  security: bearer,
  request: {
    query: z.object({
      from: z.iso.date().openapi({ description: 'First day, `YYYY-MM-DD`' }),
      to: z.iso.date().openapi({ description: 'Last day, `YYYY-MM-DD`' }),
    }),
  },
  responses: {
    200: json(WorkingDayList, 'Day by day'),
    400: problem('Bad range'),
    401: problem('No or bad token'),
    403: problem('Not a team account'),
  },
});

const putDay = createRoute({
  method: 'put',
  path: '/v1/working-days/{date}',
  operationId: 'setWorkingDayOverride',
  tags: [SLA],
  summary: 'Override one day (admins): a year the statutory calendar does not cover yet, a local day off',
  security: bearer,
  request: { params: DateParam, body: jsonBody(WorkingDayOverride) },
  responses: {
    200: json(WorkingDayView, 'The day as the clocks now count it'),
    400: problem('Malformed date or body'),
    401: problem('No or bad token'),
    403: problem('Admins only'),
  },
});

const deleteDay = createRoute({
  method: 'delete',
  path: '/v1/working-days/{date}',
  operationId: 'deleteWorkingDayOverride',
  tags: [SLA],
  summary: 'Remove a day’s override (admins): the statutory calendar decides again',
  security: bearer,
  request: { params: DateParam },
  responses: {
    200: json(WorkingDayView, 'The day as the clocks now count it'),
    400: problem('Malformed date'),
    401: problem('No or bad token'),
    403: problem('Admins only'),
    404: problem('The day has no override'),
  },
});

export interface SlaRouteDeps {
  tokens: TokenService;
  clocks: ClockRepository;
  settings: SlaSettingsRepository;
  reschedule: (parkId?: string) => Promise<number>;
  now: () => Date;
}

export function slaRoutes({ tokens, clocks, settings, reschedule, now }: SlaRouteDeps) {
  const app = createRouter();
  const team = requireAuth(tokens, 'analyst', 'manager', 'admin');
  app.use('/v1/parks/:parkId/sla-policy', team);
  app.use('/v1/sla-clocks', team);
  app.use('/v1/working-days', team);
  app.use('/v1/working-days/:date', requireAuth(tokens, 'admin'));

  function assertKnownPark(principal: Principal, parkId: string) {
    if (!(PARK_IDS as readonly string[]).includes(parkId))
      throw new HttpProblem(404, { zh: `没有园区 ${parkId}`, en: `no park ${parkId}` });
    assertPark(principal, parkId);
  }

  const dayView = (date: string) => {
    const calendar = settings.calendar();
    return { date, workday: calendar.isWorkday(date), source: calendar.sourceOf(date), note: '' };
  };

  app.openapi(getPolicy, async (c) => {
    const { parkId } = c.req.valid('param');
    assertKnownPark(c.var.principal, parkId);
    return c.json(await settings.policy(parkId), 200);
  });

  app.openapi(putPolicy, async (c) => {
    const { parkId } = c.req.valid('param');
    assertKnownPark(c.var.principal, parkId);
    if (!hasManagerRights(c.var.principal))
      throw new HttpProblem(403, {
        zh: '只有园区经理或管理员可修改时限',
        en: 'only managers and admins set the SLA policy',
      });
    const policy = c.req.valid('json');
    await settings.setPolicy(parkId, policy, c.var.principal.sub, now());
    await reschedule(parkId);
    return c.json(policy, 200);
  });

  app.openapi(listClocks, async (c) => {
    const query = c.req.valid('query');
    if (query.parkId) assertPark(c.var.principal, query.parkId);
    return c.json({ items: (await clocks.list(c.var.principal, query)).map(clockView) }, 200);
  });

  app.openapi(listDays, async (c) => {
    const { from, to } = c.req.valid('query');
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (span < 0 || span > 365)
      throw new HttpProblem(
        400,
        { zh: '日期范围须在 0 到 366 天之间', en: 'the range must span 0 to 366 days' },
        {
          errors: [
            {
              path: 'to',
              message: '须不早于 from 且不超过 366 天',
              messageEn: 'on or after from, at most 366 days on',
            },
          ],
        },
      );
    const notes = new Map((await settings.overrides()).map((o) => [o.date, o.note]));
    const items = Array.from({ length: span + 1 }, (_, i) => {
      const date = addDays(from, i);
      return { ...dayView(date), note: notes.get(date) ?? '' };
    });
    return c.json({ items }, 200);
  });

  app.openapi(putDay, async (c) => {
    const { date } = c.req.valid('param');
    const day = c.req.valid('json');
    await settings.setOverride(date, day, c.var.principal.sub, now());
    await reschedule();
    return c.json({ ...dayView(date), note: day.note }, 200);
  });

  app.openapi(deleteDay, async (c) => {
    const { date } = c.req.valid('param');
    if (!(await settings.removeOverride(date)))
      throw new HttpProblem(404, { zh: `${date} 没有覆盖设置`, en: `${date} has no override` });
    await reschedule();
    return c.json(dayView(date), 200);
  });

  return app;
}
