import { setTimeout as sleep } from 'node:timers/promises';
import {
  createEvent,
  type EventOf,
  Events,
  type LedgerEntry,
  VOUCHER_CAP_CNY,
  type VoucherAccount,
} from '@parkmatch/contracts';
import {
  HttpProblem,
  type OutboxEntry,
  outboxEntry,
  type Principal,
  parkScope,
} from '@parkmatch/service-kit';
import type { Filter } from '@parkmatch/store';
import { v7 as uuidv7 } from 'uuid';
import { activeFirmFor, firmFor } from '../firms/access.ts';
import type { FirmRepository } from '../firms/repository.ts';
import { yuan } from '../money.ts';
import {
  type AccountDoc,
  accountView,
  apply,
  closePending,
  decide,
  expire,
  newAccount,
  type Outcome,
  type Refusal,
  shanghaiDay,
  WITHDRAWN_REASON,
} from './account.ts';
import type { VoucherRepository } from './repository.ts';

export interface VoucherDeps {
  vouchers: VoucherRepository;
  firms: FirmRepository;
  now: () => Date;
  onEventsWritten: () => void;
}

const SOURCE = 'firm-services';
/** Compare-and-set attempts before giving up with 409 (each after a short random pause). */
const CAS_ATTEMPTS = 60;

/**
 * The request field each refusal is about: a decision's grant or expiry day, an order's voucher
 * part. Money in 元, as those fields are typed, with thousands separators.
 */
const REFUSAL_PATHS: Readonly<Partial<Record<Refusal['code'], string>>> = {
  'over-cap': 'grantedCny',
  'over-requested': 'grantedCny',
  'past-expiry': 'expiresOn',
  'no-voucher': 'voucherCny',
  expired: 'voucherCny',
  insufficient: 'voucherCny',
};

/** A refusal as the HTTP answer, in both languages, naming the field of the request at fault. */
export function refusalProblem(refusal: Refusal): HttpProblem {
  const path = REFUSAL_PATHS[refusal.code] ?? 'voucherCny';
  const field = (zh: string, en: string, code: string) =>
    new HttpProblem(422, { zh, en }, { errors: [{ path, message: zh, messageEn: en, code }] });
  switch (refusal.code) {
    case 'unknown-application':
      return new HttpProblem(404, { zh: '没有这份服务券申请', en: 'no such voucher application' });
    case 'decided':
      return new HttpProblem(409, {
        zh: `该申请已${refusal.status === 'approved' ? '批准' : '驳回'}`,
        en: `the application was ${refusal.status} already`,
      });
    case 'over-cap': {
      const [cap, left] = [yuan(VOUCHER_CAP_CNY), yuan(refusal.remainingCny)];
      return field(
        `超过每家企业 ${cap.zh}的服务券上限，最多还可批准 ${left.zh}`,
        `over the ${cap.en} cap per firm; at most ${left.en} more can be granted`,
        'over_cap',
      );
    }
    case 'over-requested': {
      const asked = yuan(refusal.requestedCny);
      return field(
        `批准金额不能超过企业申请的 ${asked.zh}`,
        `the grant cannot exceed the ${asked.en} the firm applied for`,
        'over_requested',
      );
    }
    case 'past-expiry':
      return field('有效期不能早于今天', 'the expiry day must not be in the past', 'past');
    case 'no-voucher':
      return field('企业没有可用的服务券', 'the firm holds no service vouchers', 'no_voucher');
    case 'expired':
      return field(
        `服务券已于 ${refusal.expiresOn} 到期`,
        `the vouchers expired on ${refusal.expiresOn}`,
        'expired',
      );
    case 'insufficient': {
      const left = yuan(refusal.balanceCny);
      return field(
        `服务券余额不足（余额 ${left.zh}）`,
        `the voucher balance is too low (${left.en} left)`,
        'insufficient',
      );
    }
    case 'double-spend':
      return new HttpProblem(409, {
        zh: '该订单已用服务券支付过',
        en: 'this order was paid with vouchers already',
      });
    case 'nothing-to-refund':
      return new HttpProblem(409, { zh: '没有可退回的服务券', en: 'nothing to refund' });
  }
}

const busy = () =>
  new HttpProblem(409, {
    zh: '服务券账户正被同时修改，请重试',
    en: 'the voucher account is being changed at the same time; try again',
  });

/** The event announcing a ledger movement. */
export function movedEvent(account: AccountDoc, entry: LedgerEntry, now: Date): OutboxEntry {
  const event = createEvent(Events.voucherMoved, {
    key: account.leadId,
    source: SOURCE,
    occurredAt: now,
    payload: {
      leadId: account.leadId,
      firmName: account.firmName,
      ...(account.parkId ? { parkId: account.parkId } : {}),
      entryId: entry.id,
      kind: entry.kind,
      amountCny: entry.amountCny,
      balanceAfterCny: entry.balanceAfterCny,
      ...(entry.orderId ? { orderId: entry.orderId } : {}),
      by: entry.by,
      at: entry.at,
    },
  });
  return outboxEntry(Events.voucherMoved, event);
}

/**
 * Reads the account, lets `change` decide, and writes the result only if nobody wrote the
 * account meanwhile; otherwise reads again (compare-and-set). A refusal writes nothing.
 */
export async function changeAccount(
  deps: Pick<VoucherDeps, 'vouchers' | 'onEventsWritten'>,
  leadId: string,
  change: (account: AccountDoc | null) => {
    outcome: Outcome;
    events?: (account: AccountDoc) => OutboxEntry[];
  },
): Promise<{ account: AccountDoc; entry?: LedgerEntry | undefined }> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const current = await deps.vouchers.get(leadId);
    const { outcome, events } = change(current);
    if (!outcome.ok) throw refusalProblem(outcome.refusal);
    if (await deps.vouchers.write(outcome.account, events ? events(outcome.account) : [])) {
      deps.onEventsWritten();
      return {
        account: { ...outcome.account, revision: outcome.account.revision + 1 },
        entry: outcome.entry,
      };
    }
    await sleep(Math.random() * Math.min(50, 2 * (attempt + 1)));
  }
  throw busy();
}

export async function applyForVouchers(
  deps: VoucherDeps,
  principal: Principal,
  input: { leadId: string; requestedCny: number; purpose: string },
): Promise<VoucherAccount> {
  const firm = await activeFirmFor(deps.firms, principal, input.leadId);
  const now = deps.now();
  const at = now.toISOString();
  const application = {
    id: uuidv7(),
    requestedCny: input.requestedCny,
    purpose: input.purpose,
    status: 'pending' as const,
    by: principal.sub,
    at,
  };
  const { account } = await changeAccount(deps, firm.leadId, (current) => ({
    outcome: {
      ok: true,
      account: apply(
        current ?? newAccount({ leadId: firm.leadId, firmName: firm.name, parkId: firm.parkId }),
        application,
      ),
    },
    events: (account) => [
      outboxEntry(
        Events.voucherApplied,
        createEvent(Events.voucherApplied, {
          key: firm.leadId,
          source: SOURCE,
          occurredAt: now,
          payload: {
            leadId: firm.leadId,
            firmName: firm.name,
            ...(account.parkId ? { parkId: account.parkId } : {}),
            applicationId: application.id,
            requestedCny: application.requestedCny,
            by: principal.sub,
            at,
          },
        }),
      ),
    ],
  }));
  return accountView(account, now);
}

/** The park decides: an analyst or manager of the firm's park (or city-wide staff). */
export async function decideApplication(
  deps: VoucherDeps,
  principal: Principal,
  leadId: string,
  applicationId: string,
  decision:
    | { decision: 'approved'; grantedCny: number; expiresOn?: string | undefined }
    | { decision: 'rejected'; reason: string },
): Promise<VoucherAccount> {
  if (principal.role === 'firm')
    throw new HttpProblem(403, {
      zh: '企业不能审批自己的服务券',
      en: 'a firm cannot decide its own vouchers',
    });
  // A withdrawn firm is followed no more: its pending applications were closed (409).
  const firm = await activeFirmFor(deps.firms, principal, leadId);
  if (!firm.parkId && parkScope(principal) !== 'all')
    throw new HttpProblem(409, {
      zh: '企业尚未落户园区，由市级审批',
      en: 'the firm has no park yet; city-wide staff decide',
    });
  const now = deps.now();
  const at = now.toISOString();
  const entryId = uuidv7();
  const { account } = await changeAccount(deps, leadId, (current) => ({
    outcome: current
      ? decide(current, applicationId, decision, principal.sub, now, entryId)
      : { ok: false, refusal: { code: 'unknown-application' } },
    events: (account) => {
      const granted = account.ledger.filter(
        (e) => e.at === at && (e.kind === 'grant' || e.kind === 'expire'),
      );
      const decided = decidedEvent(account, applicationId, principal.sub, now, {
        decision: decision.decision,
        ...(decision.decision === 'approved'
          ? {
              grantedCny: decision.grantedCny,
              ...(account.expiresOn ? { expiresOn: account.expiresOn } : {}),
            }
          : { reason: decision.reason }),
      });
      return [decided, ...granted.map((e) => movedEvent(account, e, now))];
    },
  }));
  return accountView(account, now);
}

export async function readAccount(
  deps: VoucherDeps,
  principal: Principal,
  leadId: string,
): Promise<VoucherAccount> {
  const firm = await firmFor(deps.firms, principal, leadId);
  const account = await deps.vouchers.get(firm.leadId);
  return accountView(
    account ?? newAccount({ leadId: firm.leadId, firmName: firm.name, parkId: firm.parkId }),
    deps.now(),
  );
}

export async function listAccounts(
  deps: VoucherDeps,
  principal: Principal,
  pending: boolean,
): Promise<VoucherAccount[]> {
  const scope = parkScope(principal);
  const filter: Filter = {
    ...(scope === 'all' ? {} : { parkId: { $in: [...scope] } }),
    ...(pending ? { 'applications.status': 'pending' } : {}),
  };
  const now = deps.now();
  return (await deps.vouchers.list(filter)).map((a) => accountView(a, now));
}

/** Writes off the balances that expired (run now and then by main.ts; the ledger records it). */
export async function expireVouchers(
  deps: Pick<VoucherDeps, 'vouchers' | 'onEventsWritten' | 'now'>,
): Promise<number> {
  const now = deps.now();
  let written = 0;
  for (const stale of await deps.vouchers.expiredWithBalance(shanghaiDay(now))) {
    try {
      await changeAccount(deps, stale._id, (current) => ({
        outcome: current
          ? expire(current, 'system', now, uuidv7())
          : { ok: false, refusal: { code: 'nothing-to-refund' } },
        events: (account) => account.ledger.slice(-1).map((e) => movedEvent(account, e, now)),
      }));
      written++;
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
    }
  }
  return written;
}

type Decided = EventOf<typeof Events.voucherDecided>['payload'];

/** vouchers.application.decided.v1 of one application, as an outbox entry. */
function decidedEvent(
  account: AccountDoc,
  applicationId: string,
  by: string,
  now: Date,
  outcome: Pick<Decided, 'decision' | 'grantedCny' | 'expiresOn' | 'reason'>,
) {
  const event = createEvent(Events.voucherDecided, {
    key: account._id,
    source: SOURCE,
    occurredAt: now,
    payload: {
      leadId: account._id,
      firmName: account.firmName,
      ...(account.parkId ? { parkId: account.parkId } : {}),
      applicationId,
      ...outcome,
      by,
      at: now.toISOString(),
    },
  });
  return outboxEntry(Events.voucherDecided, event);
}

/**
 * Closes the pending applications of a firm that withdrew its profile (rejected with the reason,
 * by `system`, each announced with vouchers.application.decided.v1 so the figures count it as
 * decided). Idempotent: nothing pending, nothing written. The balance is left as it is: no
 * order can spend it any more (a withdrawn firm orders nothing), and the expiry sweep writes
 * it off on its day.
 */
export async function closeApplicationsOf(
  deps: Pick<VoucherDeps, 'vouchers' | 'onEventsWritten'>,
  leadId: string,
  now: Date,
): Promise<number> {
  const by = 'system';
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const current = await deps.vouchers.get(leadId);
    if (!current) return 0;
    const { account, closed } = closePending(current, by, now);
    if (closed.length === 0) return 0;
    const events = closed.map((applicationId) =>
      decidedEvent(account, applicationId, by, now, { decision: 'rejected', reason: WITHDRAWN_REASON }),
    );
    if (await deps.vouchers.write(account, events)) {
      deps.onEventsWritten();
      return closed.length;
    }
    await sleep(Math.random() * Math.min(50, 2 * (attempt + 1)));
  }
  throw busy();
}
