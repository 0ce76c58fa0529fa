import { createEvent, Events, type Profile } from '@parkmatch/contracts';
import { HttpProblem, outboxEntry, type Principal } from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import { v7 as uuidv7 } from 'uuid';
import { stepTime } from '../history-import.ts';
import { assertNotWithdrawn, createLead, type Lead, publicProfile } from '../lead/lead.ts';
import type { LeadRepository } from '../lead/repository.ts';

// A firm's profile: submitted once (a new lead, matched at once), then replaced by new
// revisions. Each write carries the event announcing it, in the same document write.

export interface ProfileDeps {
  leads: LeadRepository;
  /** Called after a write that left events in the outbox. */
  onEventsWritten: () => void;
  now: () => Date;
}

// One live profile per firm (a unique index on the credit code, lead/repository.ts). A profile
// the firm withdrew does not count: the withdrawal released its code, so the firm may submit
// again, and that is a new lead.
const duplicateFirm = () =>
  new HttpProblem(
    409,
    {
      zh: '该统一社会信用代码已有在办的项目信息，请修改原信息',
      en: 'a live profile with this unified social credit code already exists; update it instead',
    },
    {
      errors: [
        { path: 'firm.creditCode', message: '已提交过', messageEn: 'already submitted', code: 'duplicate' },
      ],
    },
  );

/**
 * Stores a new lead with its submitted event; 409 when the firm already has one. `imported`:
 * an admin importing history says when the office received the profile (400 for anyone else).
 */
export async function submitProfile(
  deps: ProfileDeps,
  profile: Profile,
  imported?: { principal: Principal; at: string },
): Promise<Lead> {
  const now = deps.now();
  const received = imported ? stepTime(imported.principal, imported.at, now, 'at') : now;
  const lead = createLead(uuidv7(), profile, received);
  const event = createEvent(Events.leadSubmitted, {
    key: lead._id,
    source: 'leads',
    occurredAt: received,
    payload: { leadId: lead._id, revision: lead.revision, profile: publicProfile(profile) },
  });
  try {
    await deps.leads.insert(lead, [outboxEntry(Events.leadSubmitted, event)]);
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw duplicateFirm();
    throw error;
  }
  deps.onEventsWritten();
  return lead;
}

/**
 * Replaces a lead's profile with its next revision; 404 unknown, 409 withdrawn, changed
 * meanwhile or firm taken.
 */
export async function updateProfile(deps: ProfileDeps, leadId: string, profile: Profile): Promise<Lead> {
  const current = await deps.leads.get(leadId);
  if (!current) throw new HttpProblem(404, { zh: `没有线索 ${leadId}`, en: `no lead ${leadId}` });
  assertNotWithdrawn(current);
  const revision = current.revision + 1;
  const event = createEvent(Events.leadUpdated, {
    key: leadId,
    source: 'leads',
    payload: { leadId, revision, profile: publicProfile(profile) },
  });
  let updated: Lead | null;
  try {
    updated = await deps.leads.updateAt(
      leadId,
      current.revision,
      { $set: { profile, revision, updatedAt: deps.now().toISOString() } },
      [outboxEntry(Events.leadUpdated, event)],
    );
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw duplicateFirm();
    throw error;
  }
  if (!updated)
    throw new HttpProblem(409, {
      zh: '项目信息已被他人修改，请重新读取后再试',
      en: 'the profile changed meanwhile; read it again and retry',
    });
  deps.onEventsWritten();
  return updated;
}
