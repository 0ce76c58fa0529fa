import type { FirmFacts } from '@parkmatch/contracts';
import { canSeePark, HttpProblem, type Principal } from '@parkmatch/service-kit';
import { type FirmDoc, firmFacts } from './facts.ts';
import type { FirmRepository } from './repository.ts';

// Who may act for a firm (register its needs, apply for vouchers, order services, read the
// answers): the firm itself (its own token), the team of the park that owns the lead — its
// liaison among them — and city-wide staff. Banks and operators see only what was sent to them.

export function canActForFirm(principal: Principal, firm: FirmFacts): boolean {
  if (principal.role === 'firm') return principal.leadId === firm.leadId;
  if (principal.role === 'admin') return true;
  if (principal.role !== 'analyst' && principal.role !== 'manager') return false;
  if (firm.parkId === undefined) return !principal.parkId;
  return canSeePark(principal, firm.parkId);
}

/** The firm's facts when the principal may act for it; 404 when it may not (or the firm is unknown). */
export async function firmFor(
  firms: FirmRepository,
  principal: Principal,
  leadId: string,
): Promise<FirmFacts> {
  const doc: FirmDoc | null = await firms.get(leadId);
  const facts = doc && doc.name !== undefined ? firmFacts(doc) : undefined;
  if (!facts || !canActForFirm(principal, facts))
    throw new HttpProblem(
      404,
      { zh: `没有这家企业：${leadId}`, en: `no such firm: ${leadId}` },
      { errors: [{ path: 'leadId', message: '未知企业', messageEn: 'unknown firm', code: 'unknown' }] },
    );
  return facts;
}

/** As firmFor, and the firm has not withdrawn (409 when it has: nothing new is started for it). */
export async function activeFirmFor(
  firms: FirmRepository,
  principal: Principal,
  leadId: string,
): Promise<FirmFacts> {
  const facts = await firmFor(firms, principal, leadId);
  if (facts.withdrawn)
    throw new HttpProblem(409, {
      zh: '企业已撤回项目信息，不能再办理',
      en: 'the firm withdrew its profile; nothing new can be started for it',
    });
  return facts;
}
