import { z } from 'zod';
import { Bilingual } from '../scores.ts';

/** What a park wants a direction for: a sub-sector or extension to make things, or a platform / service organisation. */
export const DIRECTION_KINDS = ['sub-sector', 'extension', 'platform', 'service'] as const;
export type DirectionKind = (typeof DIRECTION_KINDS)[number];

export const DirectionView = z.object({
  code: z.string(),
  kind: z.enum(DIRECTION_KINDS),
  label: Bilingual,
  weight: z.number(),
});

/** A park and its intake directions, as the public park list shows it. */
export const ParkSummary = z
  .object({ id: z.string(), name: Bilingual, version: z.number().int(), directions: z.array(DirectionView) })
  .meta({ id: 'Park' });
export type ParkSummary = z.infer<typeof ParkSummary>;
