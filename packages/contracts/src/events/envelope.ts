import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

// Event envelope (ARCHITECTURE.md, fixed): every message on the bus has this shape,
// keyed by the aggregate id (a lead's id, or a park's for park events) so that one
// aggregate's events keep their order.
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

export function defineEvent<P extends z.ZodType>(topic: string, payload: P): EventDefinition<P> {
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

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
