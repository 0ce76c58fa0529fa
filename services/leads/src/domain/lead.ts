import type { Profile, PublicProfile, Stage, Tier } from '@parkmatch/contracts';

/** A firm's relocation profile as the leads service keeps it, with its place in the pipeline. */
export interface Lead {
  _id: string;
  revision: number;
  profile: Profile;
  stage: Stage;
  /** How each park's matcher rated this lead: who may see it and where it is worth working. */
  parks: Record<string, { tier: Tier; score: number }>;
  createdAt: string;
  updatedAt: string;
}

export function createLead(id: string, profile: Profile, now: Date): Lead {
  const at = now.toISOString();
  return { _id: id, revision: 1, profile, stage: 'lead', parks: {}, createdAt: at, updatedAt: at };
}

/** What leaves the leads service about a profile: never the contact person. */
export function publicProfile(profile: Profile): PublicProfile {
  const { contact: _contact, consent: _consent, ...rest } = profile;
  return rest;
}

/** Parks whose team may see a lead: those that rated it above tier D. */
export function interestedParks(lead: Pick<Lead, 'parks'>): string[] {
  return Object.entries(lead.parks)
    .filter(([, rating]) => rating.tier !== 'D')
    .map(([parkId]) => parkId);
}
