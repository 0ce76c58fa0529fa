import { z } from 'zod';
import { Stage } from '../pipeline.ts';
import { ProfileInput } from '../profile.ts';
import { Bilingual } from '../scores.ts';

/**
 * A lead's profile as it is stored and shown: the profile as submitted, except that the
 * contact person and the consent are gone once the firm has withdrawn it (PIPL: personal
 * information is erased when consent is withdrawn). A withdrawn profile is a PublicProfile.
 */
export const LeadProfile = ProfileInput.partial({ contact: true, consent: true }).meta({
  id: 'LeadProfile',
  description: 'The profile as submitted; `contact` and `consent` are absent once the firm has withdrawn it',
});
export type LeadProfile = z.output<typeof LeadProfile>;

/** A park as a firm sees it: which one, by name; never how it rated the firm. */
export const ParkName = z.object({ parkId: z.string(), name: Bilingual }).meta({ id: 'ParkName' });
export type ParkName = z.infer<typeof ParkName>;

/**
 * A park the project fits, as the firm sees it: its name and which of its intake directions
 * (承接方向, public on matching's `GET /v1/parks`) the project fits. Never a score, a tier, a
 * note or anything of other firms.
 */
export const InterestedPark = ParkName.extend({
  directions: z.array(z.string()).meta({
    description:
      "Codes of the park's intake directions the project fits, strongest first (labels: matching's " +
      'public `GET /v1/parks`); empty for a project scored before they were kept',
  }),
}).meta({ id: 'InterestedPark' });
export type InterestedPark = z.infer<typeof InterestedPark>;

/**
 * A lead as the firm itself sees it: its own profile, where it stands (stage), which park
 * works it and which parks it fits (and which of their directions). Nothing internal: no
 * history, notes, facts, liaison, scores or tiers, and nothing of other firms.
 */
export const FirmLeadView = z
  .object({
    id: z.string(),
    revision: z.number().int().meta({ description: "The profile's revision (each update adds one)" }),
    stage: Stage,
    stageLabel: Bilingual.meta({
      description: 'The stage as the portal shows it, e.g. 初步接洽 / Contacted',
    }),
    owner: ParkName.optional().meta({
      description: 'The park working the project (归属园区), once one has taken it on',
    }),
    interestedParks: z.array(InterestedPark).meta({
      description:
        "Parks that rated the project A–C, in the system's park order, each with the directions it fits",
    }),
    profile: LeadProfile,
    createdAt: z.string().meta({ description: 'When the profile was submitted' }),
  })
  .meta({ id: 'FirmLead' });
export type FirmLeadView = z.infer<typeof FirmLeadView>;

/** A new access link for a firm that lost its own: the team passes it on (by phone). */
export const FirmAccessLink = z
  .object({
    leadId: z.string(),
    accessToken: z
      .string()
      .meta({ description: 'Bearer token for the firm to read, update or withdraw its own profile' }),
    expiresIn: z.number().int().meta({ description: 'Seconds the token is valid, as at submission' }),
    path: z.string().meta({
      description: 'Where the firm portal opens the lead with this token: `/firm/{leadId}?token=…`',
      example: '/firm/019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f?token=eyJhbGciOiJIUzI1NiJ9…',
    }),
  })
  .meta({ id: 'FirmAccessLink' });
export type FirmAccessLink = z.infer<typeof FirmAccessLink>;
