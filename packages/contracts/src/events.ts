import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { PublicProfile } from './profile.ts';

// Event envelope (ARCHITECTURE.md, fixed): every message on the bus has this shape,
// keyed by the lead id so that one lead's events keep their order.
export const EventEnvelope = z.strictObject({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  key: z.string().min(1),
  source: z.string().min(1),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export interface EventDefinition<P extends z.ZodType = z.ZodType> {
  /** Versioned topic, `domain.entity.action.vN`. */
  readonly topic: string;
  readonly type: string;
  readonly version: number;
  readonly payload: P;
}

function defineEvent<P extends z.ZodType>(topic: string, payload: P): EventDefinition<P> {
  const match = /^(.+)\.v(\d+)$/.exec(topic);
  if (!match) throw new Error(`topic must end in .vN: ${topic}`);
  return { topic, type: match[1] as string, version: Number(match[2]), payload };
}

export type EventOf<D extends EventDefinition> = Omit<EventEnvelope, 'payload'> & {
  payload: z.output<D['payload']>;
};

export function createEvent<D extends EventDefinition>(
  definition: D,
  init: { key: string; source: string; payload: z.input<D['payload']>; occurredAt?: Date },
): EventOf<D> {
  return {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    occurredAt: (init.occurredAt ?? new Date()).toISOString(),
    key: init.key,
    source: init.source,
    payload: definition.payload.parse(init.payload) as z.output<D['payload']>,
  };
}

/** Parses a raw bus message into a typed event; throws (a poison message) when it does not fit. */
export function parseEvent<D extends EventDefinition>(definition: D, raw: string): EventOf<D> {
  const envelope = EventEnvelope.parse(JSON.parse(raw));
  if (envelope.type !== definition.type || envelope.version !== definition.version) {
    throw new Error(
      `expected ${definition.type} v${definition.version}, got ${envelope.type} v${envelope.version}`,
    );
  }
  return { ...envelope, payload: definition.payload.parse(envelope.payload) as z.output<D['payload']> };
}

export const TIERS = ['A', 'B', 'C', 'D'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

export const MatchedDirection = z.object({
  code: z.string(),
  strength: z.number().min(0).max(1),
  evidence: z.array(z.string()),
});
export type MatchedDirection = z.infer<typeof MatchedDirection>;

const LeadProfilePayload = z.object({
  leadId: z.string(),
  revision: z.number().int().positive(),
  profile: PublicProfile,
});

const LeadScoredPayload = z.object({
  leadId: z.string(),
  parkId: z.string(),
  firmName: z.string(),
  projectTitle: z.string(),
  score: z.number().min(0).max(100),
  tier: Tier,
  /** Tier of this lead at this park before this score, when it had one. */
  previousTier: Tier.optional(),
  matchedDirections: z.array(MatchedDirection),
  reasons: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
  engineVersion: z.string(),
  catalogVersion: z.number().int().nonnegative(),
  profileRevision: z.number().int().positive(),
});

/** Every event of the system, one constant map; consumers import from here, never a string. */
export const Events = {
  leadSubmitted: defineEvent('leads.profile.submitted.v1', LeadProfilePayload),
  leadUpdated: defineEvent('leads.profile.updated.v1', LeadProfilePayload),
  leadScored: defineEvent('matching.lead.scored.v1', LeadScoredPayload),
} as const;

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
