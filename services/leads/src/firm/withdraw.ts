import { createEvent, Events, type LeadHistoryEntry } from '@parkmatch/contracts';
import { HttpProblem, outboxEntry, type RevocationList } from '@parkmatch/service-kit';
import { releaseCreditCode } from '../lead/repository.ts';
import type { ProfileDeps } from '../profiles/profiles.ts';
import { firmSubject } from './token.ts';

// A firm withdraws its profile (PIPL: consent withdrawn, personal information erased). The
// contact person and the consent leave the stored profile, the lead is closed as withdrawn
// with a line of history, and `leads.profile.withdrawn.v1` announces it: one document write.
// What stays is business information about the firm, which the teams' history refers to.
// The firm's tokens are revoked in the same write (its access epoch goes up, and
// `leads.access.revoked.v1` tells every service): a withdrawn profile has no open link.
// The firm's credit code is released in that write too (lead/repository.ts): the closed lead
// keeps it for history, exports and search, but no longer holds the firm to one profile, so
// the firm may submit a new one later (a new lead).

/** Tries of the write when the lead's pipeline changes under it (a team moving it meanwhile). */
const ATTEMPTS = 3;

/**
 * Withdraws the lead's profile on behalf of `by` (the firm, or an admin). Idempotent: a lead
 * already withdrawn is left as it is and reported as such. 404 when there is no such lead.
 */
export async function withdrawProfile(
  deps: ProfileDeps & { revocations?: Pick<RevocationList, 'apply'> },
  leadId: string,
  by: string,
): Promise<'withdrawn' | 'already-withdrawn'> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await deps.leads.get(leadId);
    if (!current) throw new HttpProblem(404, { zh: `没有线索 ${leadId}`, en: `no lead ${leadId}` });
    if (current.stage === 'withdrawn') return 'already-withdrawn';
    const at = deps.now().toISOString();
    const entry: LeadHistoryEntry = { kind: 'stage', at, by, from: current.stage, to: 'withdrawn' };
    const event = createEvent(Events.profileWithdrawn, {
      key: leadId,
      source: 'leads',
      payload: { leadId, by, at },
    });
    const epoch = (current.accessEpoch ?? 0) + 1;
    const revocation = { subject: firmSubject(leadId), epoch, reason: 'withdrawn' as const, by, at };
    const revoked = createEvent(Events.accessRevoked, { key: leadId, source: 'leads', payload: revocation });
    // On the pipeline revision (a concurrent stage move makes this one try again); the profile
    // revision goes up too, so a profile update made on the old one is refused, not applied.
    const updated = await deps.leads.updatePipeline(
      leadId,
      current.pipelineRevision ?? 1,
      {
        $set: {
          stage: 'withdrawn',
          stageEnteredAt: at,
          updatedAt: at,
          accessEpoch: epoch,
          ...releaseCreditCode(current),
        },
        $unset: { 'profile.contact': '', 'profile.consent': '', heldFrom: '' },
        $inc: { revision: 1 },
        $push: { history: entry },
      },
      [outboxEntry(Events.profileWithdrawn, event), outboxEntry(Events.accessRevoked, revoked)],
    );
    if (updated) {
      deps.onEventsWritten();
      await deps.revocations?.apply([revocation]);
      return 'withdrawn';
    }
  }
  throw new HttpProblem(409, {
    zh: '线索正在被修改，请稍后再撤回',
    en: 'the lead kept changing meanwhile; withdraw it again in a moment',
  });
}
