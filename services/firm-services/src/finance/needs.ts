import { createEvent, Events, type FirmFacts, type Push } from '@parkmatch/contracts';
import { type FieldError, HttpProblem, outboxEntry, type Principal, parkScope } from '@parkmatch/service-kit';
import type { Filter } from '@parkmatch/store';
import { v7 as uuidv7 } from 'uuid';
import { activeFirmFor, canActForFirm, firmFor } from '../firms/access.ts';
import { firmFacts } from '../firms/facts.ts';
import { actsFor } from '../orgs/org.ts';
import type { FinanceDeps } from './deps.ts';
import { type EngineMatch, matchNeed, OPTIONAL_FACTS, type OptionalFact } from './engine/index.ts';
import { canAnswer, type NeedDoc, needView, offerProblems, WITHDRAWN } from './need.ts';
import type { AnswerInput, FinancingNeedInput } from './parsed.ts';
import type { NeedView } from './schemas.ts';

// Financing needs: registered by the firm or its park's team, matched to every product,
// pushed to the banks the firm chooses, answered by those banks' officers.

const SOURCE = 'firm-services';
/** Attempts at a compare-and-set change before answering 409. */
const CAS_ATTEMPTS = 10;

const firmOf = (need: NeedDoc) => ({
  leadId: need.leadId,
  firmName: need.firmName,
  ...(need.parkId ? { parkId: need.parkId } : {}),
});

export async function registerNeed(
  deps: FinanceDeps,
  principal: Principal,
  input: FinancingNeedInput,
): Promise<NeedView> {
  const firm = await activeFirmFor(deps.firms, principal, input.leadId);
  const now = deps.now();
  const at = now.toISOString();
  const need: NeedDoc = {
    _id: uuidv7(),
    ...input,
    leadId: firm.leadId,
    firmName: firm.name,
    ...(firm.parkId ? { parkId: firm.parkId } : {}),
    pushes: [],
    bankIds: [],
    revision: 1,
    by: principal.sub,
    at,
  };
  const event = createEvent(Events.financeNeedRegistered, {
    key: firm.leadId,
    source: SOURCE,
    occurredAt: now,
    payload: {
      ...firmOf(need),
      needId: need._id,
      amountCny: need.amountCny,
      purpose: need.purpose,
      termMonths: need.termMonths,
      urgency: need.urgency,
      by: principal.sub,
      at,
    },
  });
  await deps.needs.insert(need, [outboxEntry(Events.financeNeedRegistered, event)]);
  deps.onEventsWritten();
  return needView(need);
}

/** The banks (ids) a bank officer acts for. */
async function officerBanks(deps: FinanceDeps, principal: Principal): Promise<string[]> {
  return (await deps.orgs.list('bank')).filter((b) => actsFor(principal, b)).map((b) => b._id);
}

const notFound = (id: string) =>
  new HttpProblem(404, { zh: `没有这条融资需求：${id}`, en: `no such financing need: ${id}` });

/** A need the principal may read: its firm's, its park's team's, or a bank's it was pushed to. */
async function readableNeed(
  deps: FinanceDeps,
  principal: Principal,
  id: string,
): Promise<{ need: NeedDoc; banks?: string[]; firm?: FirmFacts }> {
  const need = await deps.needs.get(id);
  if (!need) throw notFound(id);
  if (principal.role === 'bank-officer') {
    const banks = await officerBanks(deps, principal);
    if (!need.bankIds.some((b) => banks.includes(b))) throw notFound(id);
    return { need, banks };
  }
  const doc = await deps.firms.get(need.leadId);
  const firm = doc ? firmFacts(doc) : undefined;
  if (!firm || !canActForFirm(principal, firm)) throw notFound(id);
  return { need, firm };
}

export async function readNeed(deps: FinanceDeps, principal: Principal, id: string): Promise<NeedView> {
  const { need, banks } = await readableNeed(deps, principal, id);
  return needView(need, banks);
}

export async function listNeeds(
  deps: FinanceDeps,
  principal: Principal,
  leadId: string | undefined,
): Promise<NeedView[]> {
  if (principal.role === 'bank-officer') {
    const banks = await officerBanks(deps, principal);
    const needs = await deps.needs.list({ bankIds: { $in: banks }, ...(leadId ? { leadId } : {}) });
    return needs.map((n) => needView(n, banks));
  }
  if (principal.role === 'firm' || leadId) {
    const firm = await firmFor(deps.firms, principal, leadId ?? principal.leadId ?? '');
    return (await deps.needs.list({ leadId: firm.leadId })).map((n) => needView(n));
  }
  const scope = parkScope(principal);
  const filter: Filter = scope === 'all' ? {} : { parkId: { $in: [...scope] } };
  return (await deps.needs.list(filter)).map((n) => needView(n));
}

/**
 * The need against every product, eligible ones first (best first), then the excluded with their
 * gates; and the optional profile facts the firm has not given that some product checks.
 */
export async function needMatches(
  deps: FinanceDeps,
  principal: Principal,
  id: string,
): Promise<{ items: EngineMatch[]; missingFacts: OptionalFact[] }> {
  const { need, firm } = await readableNeed(deps, principal, id);
  if (!firm) throw notFound(id); // banks see what was pushed to them, not the market
  const items = matchNeed(await deps.products.all(), need, firm, deps.now());
  const missingFacts = OPTIONAL_FACTS.filter((fact) =>
    items.some((m) => m.toConfirm.some((g) => g.fact === fact)),
  );
  return { items, missingFacts };
}

/** 409 for a need closed with its firm's withdrawal (or of a withdrawn firm not closed yet). */
const closedProblem = () => new HttpProblem(409, WITHDRAWN, { extensions: { closed: 'withdrawn' } });

export async function pushNeed(
  deps: FinanceDeps,
  principal: Principal,
  id: string,
  productIds: readonly string[],
): Promise<NeedView> {
  const { firm } = await readableNeed(deps, principal, id);
  if (!firm) throw notFound(id);
  if (firm.withdrawn) throw closedProblem();
  const wanted = [...new Set(productIds)];
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const need = await deps.needs.get(id);
    if (!need) throw notFound(id);
    if (need.closed) throw closedProblem();
    const matches = new Map(
      matchNeed(await deps.products.all(), need, firm, deps.now()).map((m) => [m.productId, m]),
    );
    const errors: FieldError[] = [];
    wanted.forEach((productId, i) => {
      const match = matches.get(productId);
      const path = `productIds.${i}`;
      if (!match)
        errors.push({
          path,
          message: `没有这个产品：${productId}`,
          messageEn: `no such product: ${productId}`,
          code: 'unknown',
        });
      else if (!match.eligible)
        for (const closed of match.excludedBy)
          errors.push({
            path,
            message: closed.reason.zh,
            messageEn: closed.reason.en,
            code: `gate:${closed.gate}`,
          });
    });
    if (errors.length > 0)
      throw new HttpProblem(
        422,
        { zh: '所选产品不能推送，见 errors', en: 'the need cannot go to these products; see errors' },
        { errors },
      );
    const fresh = wanted.filter((p) => !need.pushes.some((push) => push.productId === p));
    if (fresh.length === 0) return needView(need);
    const now = deps.now();
    const at = now.toISOString();
    const banks = new Map((await deps.orgs.list('bank')).map((b) => [b._id, b]));
    const pushes: Push[] = fresh.map((productId) => {
      const match = matches.get(productId) as EngineMatch;
      return {
        productId,
        bankId: match.bankId,
        productName: match.productName,
        status: 'pushed',
        pushedAt: at,
        pushedBy: principal.sub,
        score: match.score ?? 0,
      };
    });
    const events = pushes.map((push) => {
      const match = matches.get(push.productId) as EngineMatch;
      const event = createEvent(Events.financeNeedPushed, {
        key: need.leadId,
        source: SOURCE,
        occurredAt: now,
        payload: {
          ...firmOf(need),
          needId: need._id,
          bankId: push.bankId,
          productId: push.productId,
          productName: push.productName.zh,
          productType: match.type,
          amountCny: need.amountCny,
          termMonths: need.termMonths,
          urgency: need.urgency,
          score: push.score,
          officers: banks.get(push.bankId)?.members ?? [],
          by: principal.sub,
          at,
        },
      });
      return outboxEntry(Events.financeNeedPushed, event);
    });
    const bankIds = [...new Set([...need.bankIds, ...pushes.map((p) => p.bankId)])];
    const changed = await deps.needs.update(
      id,
      need.revision,
      { $push: { pushes: { $each: pushes } }, $set: { bankIds } },
      events,
    );
    if (changed) {
      deps.onEventsWritten();
      return needView(changed);
    }
  }
  throw busy();
}

const busy = () =>
  new HttpProblem(409, {
    zh: '该需求正被同时修改，请重试',
    en: 'the need is being changed by someone else at the same time; try again',
  });

export async function answerPush(
  deps: FinanceDeps,
  principal: Principal,
  id: string,
  productId: string,
  answer: AnswerInput,
): Promise<NeedView> {
  const product = await deps.products.get(productId);
  const bank = product ? await deps.orgs.get(product.bankId) : null;
  if (!product || !bank || !actsFor(principal, bank)) throw notFound(id);
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const need = await deps.needs.get(id);
    const index = need?.pushes.findIndex((p) => p.productId === productId) ?? -1;
    const push = need?.pushes[index];
    if (!need || !push) throw notFound(id);
    // A withdrawn firm is followed no more: its need is closed (or about to be, by the consumer).
    if (need.closed || (await deps.firms.get(need.leadId))?.withdrawn) throw closedProblem();
    if (!canAnswer(push.status, answer.status))
      throw new HttpProblem(
        409,
        {
          zh: `该推送当前为“${push.status}”，不能改为“${answer.status}”`,
          en: `the push is ${push.status}; it cannot become ${answer.status}`,
        },
        { extensions: { status: push.status } },
      );
    if (answer.status === 'offered') {
      const errors = offerProblems(answer.offer, product);
      if (errors.length > 0)
        throw new HttpProblem(
          422,
          { zh: '授信条件超出产品范围，见 errors', en: 'the offer is outside the product; see errors' },
          { errors },
        );
    }
    const now = deps.now();
    const at = now.toISOString();
    const answered: Push = {
      ...push,
      status: answer.status,
      answeredAt: at,
      answeredBy: principal.sub,
      ...(answer.status === 'offered' ? { offer: answer.offer } : {}),
      ...(answer.status === 'declined' ? { reason: answer.reason } : {}),
      ...(answer.status === 'reviewing' && answer.note ? { reason: answer.note } : {}),
    };
    const firmDoc = await deps.firms.get(need.leadId);
    const event = createEvent(Events.financeNeedAnswered, {
      key: need.leadId,
      source: SOURCE,
      occurredAt: now,
      payload: {
        ...firmOf(need),
        needId: need._id,
        bankId: push.bankId,
        productId,
        status: answer.status,
        ...(answer.status === 'offered' ? { offer: answer.offer } : {}),
        ...(answer.status === 'declined' ? { reason: answer.reason } : {}),
        ...(firmDoc?.liaison ? { liaison: firmDoc.liaison } : {}),
        by: principal.sub,
        at,
      },
    });
    const changed = await deps.needs.update(id, need.revision, { $set: { [`pushes.${index}`]: answered } }, [
      outboxEntry(Events.financeNeedAnswered, event),
    ]);
    if (changed) {
      deps.onEventsWritten();
      return needView(changed, principal.role === 'bank-officer' ? [bank._id] : undefined);
    }
  }
  throw busy();
}

/**
 * Closes every open need of a firm that withdrew its profile: no push is made or answered any
 * more, and every reader sees why. Idempotent (a closed need stays as it was closed); each need
 * is a compare-and-set, so an answer racing the close either lands first or is refused after.
 */
export async function closeNeedsOf(
  deps: Pick<FinanceDeps, 'needs'>,
  leadId: string,
  at: string,
): Promise<number> {
  let closed = 0;
  for (const open of await deps.needs.list({ leadId, closed: { $exists: false } }, 1000))
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const need = attempt === 0 ? open : await deps.needs.get(open._id);
      if (!need || need.closed) break;
      const changed = await deps.needs.update(
        need._id,
        need.revision,
        { $set: { closed: { because: 'withdrawn', reason: WITHDRAWN, at } } },
        [],
      );
      if (changed) {
        closed++;
        break;
      }
    }
  return closed;
}
