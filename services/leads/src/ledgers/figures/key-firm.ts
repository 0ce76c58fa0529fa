import type { Lead } from '../../lead/lead.ts';

// Who is on the 重点培育 ledger, pure: a lead put on it by hand, or one that reached 投产
// (operating) and was not taken off it by hand. LeadRepository.keyFirms() asks the store the
// same question.

export type KeyFirmStatus = { onLedger: true; because: 'operating' | 'marked' } | { onLedger: false };

export function keyFirmStatus(lead: Pick<Lead, 'stage' | 'keyFirm'>): KeyFirmStatus {
  if (lead.keyFirm?.onLedger === true) return { onLedger: true, because: 'marked' };
  if (lead.keyFirm?.onLedger === false) return { onLedger: false };
  return lead.stage === 'operating' ? { onLedger: true, because: 'operating' } : { onLedger: false };
}
