import { type LedgerEntry, VOUCHER_CAP_CNY, type VoucherAccount } from '@parkmatch/contracts';

// A firm's service-voucher account (服务券): its applications, the amounts the park granted
// (at most VOUCHER_CAP_CNY in all), its balance, when it expires, and a ledger of every
// movement. Pure: each operation takes the account as read and returns the account to write
// (the repository writes it only if nobody changed it meanwhile), or the reason it is refused.

export interface Application {
  id: string;
  requestedCny: number;
  purpose: string;
  status: 'pending' | 'approved' | 'rejected';
  grantedCny?: number;
  reason?: string;
  decidedBy?: string;
  decidedAt?: string;
  by: string;
  at: string;
}

export interface AccountDoc {
  _id: string; // the lead id
  leadId: string;
  firmName: string;
  parkId?: string;
  applications: Application[];
  grantedTotalCny: number;
  balanceCny: number;
  /** Last day (Asia/Shanghai) the balance can be spent. */
  expiresOn?: string;
  ledger: LedgerEntry[];
  revision: number;
}

export type Refusal =
  | { code: 'unknown-application' }
  | { code: 'decided'; status: Application['status'] }
  | { code: 'over-cap'; remainingCny: number }
  | { code: 'over-requested'; requestedCny: number }
  | { code: 'past-expiry' }
  | { code: 'no-voucher' }
  | { code: 'expired'; expiresOn: string }
  | { code: 'insufficient'; balanceCny: number }
  | { code: 'double-spend'; orderId: string }
  | { code: 'nothing-to-refund' };

export type Outcome =
  | { ok: true; account: AccountDoc; entry?: LedgerEntry }
  | { ok: false; refusal: Refusal };

/** A calendar day in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiDay = (at: Date): string =>
  new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The same day a year later (29 February → 28 February). */
export function aYearAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

export const isExpired = (account: Pick<AccountDoc, 'expiresOn'>, now: Date): boolean =>
  account.expiresOn !== undefined && shanghaiDay(now) > account.expiresOn;

export function newAccount(firm: {
  leadId: string;
  firmName: string;
  parkId?: string | undefined;
}): AccountDoc {
  return {
    _id: firm.leadId,
    leadId: firm.leadId,
    firmName: firm.firmName,
    ...(firm.parkId ? { parkId: firm.parkId } : {}),
    applications: [],
    grantedTotalCny: 0,
    balanceCny: 0,
    ledger: [],
    revision: 0,
  };
}

export function apply(account: AccountDoc, application: Application): AccountDoc {
  return { ...account, applications: [...account.applications, application] };
}

function move(
  account: AccountDoc,
  entry: Omit<LedgerEntry, 'balanceAfterCny'>,
  changes: Partial<AccountDoc> = {},
): Outcome {
  const balanceCny = account.balanceCny + entry.amountCny;
  const full: LedgerEntry = { ...entry, balanceAfterCny: balanceCny };
  return {
    ok: true,
    account: { ...account, ...changes, balanceCny, ledger: [...account.ledger, full] },
    entry: full,
  };
}

export function decide(
  account: AccountDoc,
  applicationId: string,
  decision:
    | { decision: 'approved'; grantedCny: number; expiresOn?: string | undefined }
    | { decision: 'rejected'; reason: string },
  by: string,
  now: Date,
  entryId: string,
): Outcome {
  const index = account.applications.findIndex((a) => a.id === applicationId);
  const application = account.applications[index];
  if (!application) return { ok: false, refusal: { code: 'unknown-application' } };
  if (application.status !== 'pending')
    return { ok: false, refusal: { code: 'decided', status: application.status } };
  const at = now.toISOString();
  const decided = (fields: Partial<Application>) =>
    account.applications.map((a, i) => (i === index ? { ...a, ...fields, decidedBy: by, decidedAt: at } : a));
  if (decision.decision === 'rejected')
    return {
      ok: true,
      account: { ...account, applications: decided({ status: 'rejected', reason: decision.reason }) },
    };
  // The park grants what the firm asked for or less, never more (and within the cap).
  if (decision.grantedCny > application.requestedCny)
    return { ok: false, refusal: { code: 'over-requested', requestedCny: application.requestedCny } };
  const remainingCny = VOUCHER_CAP_CNY - account.grantedTotalCny;
  if (decision.grantedCny > remainingCny) return { ok: false, refusal: { code: 'over-cap', remainingCny } };
  const today = shanghaiDay(now);
  const expiresOn = decision.expiresOn ?? aYearAfter(today);
  if (expiresOn < today) return { ok: false, refusal: { code: 'past-expiry' } };
  // A new grant keeps the balance valid until the later of the two dates.
  const keptUntil =
    account.expiresOn && !isExpired(account, now) && account.expiresOn > expiresOn
      ? account.expiresOn
      : expiresOn;
  // What was left of an expired grant is written off first, so the ledger keeps adding up.
  let base = account;
  if (isExpired(account, now) && account.balanceCny > 0) {
    const written = expire(account, by, now, `${entryId}-x`);
    if (written.ok) base = written.account;
  }
  return move(
    base,
    { id: entryId, kind: 'grant', amountCny: decision.grantedCny, applicationId, by, at },
    {
      applications: decided({ status: 'approved', grantedCny: decision.grantedCny }),
      grantedTotalCny: account.grantedTotalCny + decision.grantedCny,
      expiresOn: keptUntil,
    },
  );
}

/** Why a withdrawn firm's pending applications are closed, as the team and the ledger read it. */
export const WITHDRAWN_REASON =
  '企业已撤回项目信息，申请随之关闭（the firm withdrew its profile; the application was closed）';

/**
 * Closes the pending applications of a firm that withdrew its profile (rejected, with the
 * reason, by `by`): nobody is to decide them any more. The ids closed; none when nothing was
 * pending (then nothing is to be written).
 */
export function closePending(
  account: AccountDoc,
  by: string,
  now: Date,
): { account: AccountDoc; closed: string[] } {
  const at = now.toISOString();
  const closed = account.applications.filter((a) => a.status === 'pending').map((a) => a.id);
  return {
    account: {
      ...account,
      applications: account.applications.map((a) =>
        a.status === 'pending'
          ? { ...a, status: 'rejected', reason: WITHDRAWN_REASON, decidedBy: by, decidedAt: at }
          : a,
      ),
    },
    closed,
  };
}

export function spend(
  account: AccountDoc | null,
  orderId: string,
  amountCny: number,
  by: string,
  now: Date,
  entryId: string,
): Outcome {
  if (!account || account.grantedTotalCny === 0) return { ok: false, refusal: { code: 'no-voucher' } };
  if (account.ledger.some((e) => e.kind === 'spend' && e.orderId === orderId))
    return { ok: false, refusal: { code: 'double-spend', orderId } };
  if (isExpired(account, now))
    return { ok: false, refusal: { code: 'expired', expiresOn: account.expiresOn ?? '' } };
  if (amountCny > account.balanceCny)
    return { ok: false, refusal: { code: 'insufficient', balanceCny: account.balanceCny } };
  return move(account, {
    id: entryId,
    kind: 'spend',
    amountCny: -amountCny,
    orderId,
    by,
    at: now.toISOString(),
  });
}

/** Gives back what an order spent (declined or cancelled), once. */
export function refund(
  account: AccountDoc,
  orderId: string,
  by: string,
  now: Date,
  entryId: string,
): Outcome {
  const spent = account.ledger.find((e) => e.kind === 'spend' && e.orderId === orderId);
  const refunded = account.ledger.some((e) => e.kind === 'refund' && e.orderId === orderId);
  if (!spent || refunded) return { ok: false, refusal: { code: 'nothing-to-refund' } };
  return move(account, {
    id: entryId,
    kind: 'refund',
    amountCny: -spent.amountCny,
    orderId,
    by,
    at: now.toISOString(),
  });
}

/** Writes off the balance of an expired account (the expiry sweep). */
export function expire(account: AccountDoc, by: string, now: Date, entryId: string): Outcome {
  if (!isExpired(account, now) || account.balanceCny === 0)
    return { ok: false, refusal: { code: 'nothing-to-refund' } };
  return move(account, {
    id: entryId,
    kind: 'expire',
    amountCny: -account.balanceCny,
    by,
    at: now.toISOString(),
  });
}

/**
 * Does the ledger add up? Each entry's balance is the one before plus its amount, never below
 * zero; the last is the balance; the grants sum to what was granted, within the cap; each order
 * is spent at most once and refunded at most once, never more than it spent. Empty when it does.
 */
export function ledgerProblems(account: AccountDoc): string[] {
  const problems: string[] = [];
  let balance = 0;
  let granted = 0;
  const spent = new Map<string, number>();
  const refunded = new Set<string>();
  for (const entry of account.ledger) {
    balance += entry.amountCny;
    if (entry.balanceAfterCny !== balance)
      problems.push(`${entry.id}: balance ${entry.balanceAfterCny}, expected ${balance}`);
    if (balance < 0) problems.push(`${entry.id}: balance below zero (${balance})`);
    if (entry.kind === 'grant') granted += entry.amountCny;
    if (entry.kind === 'spend' && entry.orderId) {
      if (spent.has(entry.orderId)) problems.push(`${entry.id}: order ${entry.orderId} spent twice`);
      spent.set(entry.orderId, -entry.amountCny);
    }
    if (entry.kind === 'refund' && entry.orderId) {
      if (refunded.has(entry.orderId) || spent.get(entry.orderId) !== entry.amountCny)
        problems.push(`${entry.id}: refund of ${entry.orderId} does not match its spend`);
      refunded.add(entry.orderId);
    }
  }
  if (balance !== account.balanceCny) problems.push(`balance ${account.balanceCny}, ledger says ${balance}`);
  if (granted !== account.grantedTotalCny)
    problems.push(`granted ${account.grantedTotalCny}, ledger says ${granted}`);
  if (granted > VOUCHER_CAP_CNY) problems.push(`granted ${granted} is over the cap`);
  return problems;
}

export function accountView(account: AccountDoc, now: Date): VoucherAccount {
  return {
    leadId: account.leadId,
    firmName: account.firmName,
    ...(account.parkId ? { parkId: account.parkId } : {}),
    capCny: VOUCHER_CAP_CNY,
    grantedTotalCny: account.grantedTotalCny,
    balanceCny: account.balanceCny,
    ...(account.expiresOn ? { expiresOn: account.expiresOn } : {}),
    expired: isExpired(account, now),
    applications: account.applications,
    ledger: account.ledger,
  };
}
