import type { Stage, Tier } from '@parkmatch/contracts';

// What notifications knows of a lead, folded from events: its name, its score at each park,
// its owner, stage and liaison. Enough to word a notification and run its SLA clocks; the
// lead itself stays with the leads service.

export interface ParkRating {
  tier: Tier;
  score: number;
  reasons: { zh: string[]; en: string[] };
  /** When the score was announced (event time). */
  at: string;
}

export interface LeadFacts {
  _id: string;
  firmName: string;
  projectTitle: string;
  parks: Record<string, ParkRating>;
  /** The owner park since `at`; `transferred` when a city manager moved the lead there. */
  owner: { parkId: string; at: string; transferred?: boolean } | null;
  stage: { stage: Stage; at: string } | null;
  /** The liaison the owner park named; a transfer clears it (the receiving park names its own). */
  liaison: { username: string; at: string } | null;
  withdrawnAt: string | null;
}

export const unknownLead = (leadId: string): LeadFacts => ({
  _id: leadId,
  firmName: leadId,
  projectTitle: '',
  parks: {},
  owner: null,
  stage: null,
  liaison: null,
  withdrawnAt: null,
});

/** Is `at` newer than what a field holds? Events of different topics come in any order. */
export const newer = (held: { at: string } | null, at: string): boolean => held === null || held.at < at;
