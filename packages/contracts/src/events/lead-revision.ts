import { z } from 'zod';
import { PublicProfile } from '../profile.ts';
import { defineEvent } from './envelope.ts';

/**
 * One revision of a lead's public profile (no contact data): what leads announces on submit
 * and update, and what matching reads and scores.
 */
export const LeadRevision = z.object({
  leadId: z.string(),
  revision: z.number().int().positive(),
  profile: PublicProfile,
});
export type LeadRevision = z.output<typeof LeadRevision>;

/** A firm submitted a relocation profile (revision 1). Key: the lead id. */
export const leadSubmitted = defineEvent('leads.profile.submitted.v1', LeadRevision);

/** A firm (or an admin) replaced its profile with a new revision. Key: the lead id. */
export const leadUpdated = defineEvent('leads.profile.updated.v1', LeadRevision);
