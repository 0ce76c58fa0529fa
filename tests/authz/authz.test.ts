import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { SERVICES, WEB_SERVICE } from '../../scripts/services.ts';
import { loadOperations, type Operation } from '../support/operations.ts';
import { rawRequest } from '../support/raw-http.ts';
import { validRequest } from '../support/requests.ts';
import { postJson, signIn, TestSystem } from '../support/system.ts';
import {
  ACCOUNTS,
  buildWorld,
  CONTACTS,
  newAccount,
  newAppeal,
  newApplication,
  newChannel,
  newOrder,
  newPushedNeed,
  ownedLead,
  PASSWORD,
  type Side,
  type Target,
  type World,
} from '../support/world.ts';
import {
  type Answer,
  answerFor,
  type Fresh,
  MATRIX,
  MAY_SEE_LEAD,
  PENDING_SERVICES,
  RIVAL_READS,
  ROLES,
  type RoleColumn,
  SEES_LEADS_ONLY_FROM,
} from './matrix.ts';
import { rivalLead, rivalLeaksIn } from './rival.ts';
import { type BadTokenKind, badTokens, payloadOf } from './tokens.ts';

// Issue 13 (3): every operation the services declare × every caller × own/other park, each
// answer compared with matrix.ts; and no firm's name or contact data in any answer to a caller
// who may not see that firm's lead (contact data only ever from the leads service).

const API_SERVICES = SERVICES.map((s) => s.name).filter((name) => name !== WEB_SERVICE);
const SECRET = 'authz-matrix-secret-authz-matrix-secret-0';
/** What each side's firm is called (every fresh lead of a side too): a firm's name gives its lead away. */
const FIRM_NAMES: Record<Side, string> = { own: '谱析质谱仪器有限公司', other: '康源抗体药业有限公司' };

interface Cell {
  operationId: string;
  caller: string;
  side: Side;
  expected: Answer;
  status: number;
  leaks: string[];
}

const matches = (expected: Answer, status: number) =>
  expected === 'ok' ? status >= 200 && status < 300 : status === Number(expected);

/** The text of an answer, spreadsheets opened (their cells are what a reader gets). */
async function readable(contentType: string, body: Buffer): Promise<string> {
  if (!contentType.includes('spreadsheetml')) return body.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        texts.push(String(cell.text ?? ''));
      });
    }),
  );
  return texts.join('\n');
}

/** What of a lead the answer gives away to a caller who may not see that lead. */
function leaksIn(text: string, service: string, mayOwn: readonly Side[]): string[] {
  const leaks: string[] = [];
  for (const side of ['own', 'other'] as const) {
    const contact = CONTACTS[side];
    const may = mayOwn.includes(side);
    for (const [what, value] of Object.entries(contact)) {
      if (text.includes(value) && (!may || service !== 'leads'))
        leaks.push(`${side} lead's contact ${what} from ${service}`);
    }
    if (!may && text.includes(FIRM_NAMES[side])) leaks.push(`${side} lead's firm name`);
  }
  return leaks;
}

describe('the leak check', () => {
  it('finds a firm name anywhere and contact data outside leads or for a caller who may not see the lead', () => {
    const text = JSON.stringify({
      firmName: `${FIRM_NAMES.other}123`,
      contact: { phone: CONTACTS.own.phone },
    });
    expect(leaksIn(text, 'leads', ['own'])).toEqual(["other lead's firm name"]);
    expect(leaksIn(text, 'notifications', ['own', 'other'])).toEqual([
      "own lead's contact phone from notifications",
    ]);
    expect(leaksIn(text, 'leads', ['own', 'other'])).toEqual([]);
  });
});

describe('authorization matrix, generated from the declared operations', () => {
  let system: TestSystem;
  let world: World;
  let operations: Operation[];
  let bad: Record<string, string>;
  let revocationNote = '';
  const pool: Record<Side, { leadId: string; firmToken: string; profile: unknown }[]> = {
    own: [],
    other: [],
  };

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl'), { AUTH_SECRET: SECRET }).start([...API_SERVICES]);
    world = await buildWorld(system);
    operations = await loadOperations(Object.fromEntries(API_SERVICES.map((s) => [s, system.urls[s]])));
    bad = badTokens(world.admin, world.targets.own.firmToken, SECRET);
    // Leads for the cells that change or end theirs, made up front and side by side (on the own
    // side: no token, the bad ones and each role; on the other: each role).
    const leadCells = operations.filter((op) => MATRIX[op.operationId]?.fresh === 'lead').length;
    const [own, other] = await Promise.all(
      (['own', 'other'] as const).map((side) =>
        Promise.all(
          Array.from({ length: leadCells * (side === 'own' ? 11 + ROLES.length : ROLES.length) }, () =>
            ownedLead(system, world.admin, side),
          ),
        ),
      ),
    );
    pool.own = own ?? [];
    pool.other = other ?? [];
    // A revoked token, when tokens carry the epoch that revocation raises: a firm's link re-issued.
    if (payloadOf(world.admin).ep !== undefined) {
      const revoked = await ownedLead(system, world.admin, 'own');
      const res = await postJson(
        `${system.urls.leads}/v1/leads/${revoked.leadId}/access-link`,
        {},
        world.admin,
      );
      if (res.status !== 200) throw new Error(`re-issuing a firm link: ${res.status} ${await res.text()}`);
      bad.revoked = revoked.firmToken;
      // The revocation reaches every service as an event: wait until each refuses the old token.
      for (const service of API_SERVICES) {
        const op = operations.find((o) => o.service === service && o.secured && o.method === 'GET');
        if (!op) continue;
        const { params, query } = await validRequest(world, op, {
          ...world.targets.own,
          leadId: revoked.leadId,
        });
        const url = `${op.path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(params[n] ?? ''))}?${new URLSearchParams(query)}`;
        await vi
          .waitFor(
            async () => {
              const res = await fetch(`${system.urls[service]}${url}`, {
                headers: { authorization: `Bearer ${revoked.firmToken}` },
              });
              if (res.status !== 401)
                throw new Error(`${service} still takes the revoked token (${res.status})`);
            },
            { timeout: 10_000, interval: 100 },
          )
          .catch(() => undefined); // a service that never refuses it shows in the matrix
      }
    } else {
      revocationNote = 'tokens carry no revocation epoch (ep): the revoked-token column is skipped';
    }
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
  });

  async function freshTarget(fresh: Fresh | undefined, side: Side): Promise<Target> {
    const base = world.targets[side];
    switch (fresh) {
      case 'lead': {
        const lead = pool[side].pop() ?? (await ownedLead(system, world.admin, side));
        return { ...base, ...lead };
      }
      case 'appeal':
        return { ...base, appealId: (await newAppeal(system, world.admin, base.leadId)).id };
      case 'channel':
        return { ...base, channelId: (await newChannel(system, world.admin, base.parkId)).id };
      case 'account':
        return {
          ...base,
          account: (await newAccount(system, world.admin, { role: 'analyst', parkId: base.parkId })).username,
        };
      case 'push':
        return { ...base, needId: (await newPushedNeed(system, world.admin, base)).id };
      case 'order':
      case 'accepted-order':
        return {
          ...base,
          orderId: (await newOrder(system, world.admin, base, fresh === 'accepted-order')).id,
        };
      case 'application':
        return { ...base, applicationId: (await newApplication(system, world.admin, base.leadId)).id };
      case 'working-day': {
        const res = await fetch(`${system.urls.notifications}/v1/working-days/2026-10-09`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${world.admin}` },
          body: JSON.stringify({ workday: true, note: '调休' }),
        });
        if (!res.ok) throw new Error(`working-day override: ${res.status}`);
        return base;
      }
      default:
        return base;
    }
  }

  it('answers every operation × caller × park as matrix.ts says, and leaks no firm to a caller who may not see it', async () => {
    if (revocationNote) process.stdout.write(`authorization matrix: ${revocationNote}\n`);
    const unlisted = operations.filter((op) => !MATRIX[op.operationId]);
    const missing = unlisted.filter((op) => !PENDING_SERVICES[op.service]).map((op) => op.operationId);
    for (const [service, reason] of Object.entries(PENDING_SERVICES)) {
      const skipped = unlisted.filter((op) => op.service === service).length;
      if (skipped)
        process.stdout.write(
          `authorization matrix: skipped ${skipped} operations of ${service}: ${reason}\n`,
        );
    }
    const stale = Object.keys(MATRIX).filter((id) => !operations.some((op) => op.operationId === id));
    const cells: Cell[] = [];
    const KEYS = {
      analyst: 'analystOwn',
      manager: 'managerOwn',
      city: 'cityManager',
      bank: 'bankOfficer',
      operator: 'serviceOperator',
    } as const;
    const roleToken = async (role: RoleColumn, target: Target, fresh: boolean): Promise<string> => {
      if (role === 'firm') return target.side === 'own' ? target.firmToken : world.targets.own.firmToken;
      const key = role === 'admin' ? undefined : KEYS[role];
      if (fresh) {
        const like = key ? ACCOUNTS[key] : { role: 'admin' };
        const { username } = await newAccount(system, world.admin, {
          role: like.role,
          ...('parkId' in like ? { parkId: like.parkId } : {}),
        });
        return signIn(system.urls.leads, username, PASSWORD);
      }
      return key ? world.tokens[key] : world.admin;
    };
    for (const op of operations) {
      const row = MATRIX[op.operationId];
      if (!row) continue;
      const callers: {
        caller: string;
        side: Side;
        expected: Answer;
        token?: string;
        may: readonly Side[];
      }[] = [
        { caller: 'none', side: 'own', expected: row.none, may: MAY_SEE_LEAD.none },
        ...Object.entries(bad).map(([kind, token]) => ({
          caller: `bad: ${kind as BadTokenKind}`,
          side: 'own' as const,
          expected: row.bad,
          token,
          may: MAY_SEE_LEAD.bad,
        })),
        ...ROLES.flatMap((role) =>
          (['own', 'other'] as const).map((side) => ({
            caller: role,
            side,
            expected: answerFor(row[role], side),
            may: (SEES_LEADS_ONLY_FROM[role] ?? [op.service]).includes(op.service) ? MAY_SEE_LEAD[role] : [],
          })),
        ),
      ];
      for (const { caller, side, expected, token: given, may } of callers) {
        const target = await freshTarget(row.fresh, side);
        const role = ROLES.find((r) => r === caller);
        const token = given ?? (role ? await roleToken(role, target, row.fresh === 'caller') : undefined);
        const request = await validRequest(world, op, target);
        const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(request.params[name] ?? ''),
        );
        const query = new URLSearchParams(request.query).toString();
        const answer = await rawRequest(system.urls[op.service as (typeof API_SERVICES)[number]], {
          method: op.method,
          url: query ? `${path}?${query}` : path,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        });
        const text = await readable(answer.contentType, answer.body);
        cells.push({
          operationId: op.operationId,
          caller,
          side,
          expected,
          status: answer.status,
          leaks: leaksIn(text, op.service, may),
        });
        if (!matches(expected, answer.status) && answer.status >= 400 && process.env.AUTHZ_VERBOSE)
          process.stdout.write(
            `${op.operationId} ${caller} ${side}: ${answer.status} ${text.slice(0, 200)}\n`,
          );
      }
    }
    const wrong = cells.filter((c) => !matches(c.expected, c.status) || c.leaks.length > 0);
    process.stdout.write(
      `authorization matrix: ${cells.length} cells on ${new Set(cells.map((c) => c.operationId)).size} operations / ` +
        `${wrong.length} wrong (${cells.filter((c) => c.leaks.length).length} leaking)\n` +
        `  callers: none; bad tokens: ${Object.keys(bad).join(', ')}; ${ROLES.join(', ')} × own/other park (bank, operator: own/other bank or operator)\n`,
    );
    const lines = wrong.map(
      (c) =>
        `${c.operationId} as ${c.caller} on ${c.side}: expected ${c.expected}, got ${c.status}` +
        (c.leaks.length ? ` — leaks ${c.leaks.join(', ')}` : ''),
    );
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
    expect(missing, 'operations without a row in matrix.ts').toEqual([]);
    expect(stale, 'rows of matrix.ts for operations no service declares').toEqual([]);
    expect(lines).toEqual([]);
  }, 600_000);

  it("gives the own park's team no contact, liaison or deal of a lead the other park claimed (首报首谈)", async () => {
    const rival = await rivalLead(system, world.admin);
    const target: Target = { ...world.targets.own, ...rival };
    const wrong: string[] = [];
    const seen = new Map<string, boolean>();
    for (const op of operations.filter((o) => o.method === 'GET' && o.secured)) {
      for (const caller of ['analyst', 'manager'] as const) {
        const request = await validRequest(world, op, target);
        const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(request.params[name] ?? ''),
        );
        const query = new URLSearchParams(request.query).toString();
        const answer = await rawRequest(system.urls[op.service as (typeof API_SERVICES)[number]], {
          method: 'GET',
          url: query ? `${path}?${query}` : path,
          headers: {
            authorization: `Bearer ${world.tokens[caller === 'analyst' ? 'analystOwn' : 'managerOwn']}`,
          },
        });
        const text = await readable(answer.contentType, answer.body);
        const expected = RIVAL_READS[op.operationId];
        if (expected && !matches(expected, answer.status))
          wrong.push(`${op.operationId} as ${caller}: expected ${expected}, got ${answer.status}`);
        const leaks = rivalLeaksIn(text);
        if (leaks.length) wrong.push(`${op.operationId} as ${caller} leaks ${leaks.join(', ')}`);
        if (expected === 'ok' && op.service === 'leads')
          seen.set(`${op.operationId} as ${caller}`, text.includes(rival.firmName));
      }
    }
    if (wrong.length) process.stdout.write(`首报首谈 (rival lead):\n${wrong.join('\n')}\n`);
    expect(wrong).toEqual([]);
    // The own park still sees the lead itself: its firm on the lead, the list and the exports.
    expect([...seen].filter(([, found]) => !found).map(([cell]) => cell)).toEqual([]);
    expect(seen.size).toBe(10); // getProfile, getLead, listLeads and the two exports, as each caller
  }, 300_000);
});
