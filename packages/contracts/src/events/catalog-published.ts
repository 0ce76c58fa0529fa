import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/**
 * A manager published a new version of a park's catalog: every matching instance puts it
 * in force at once. Key: the park id.
 */
export const catalogPublished = defineEvent(
  'matching.catalog.published.v1',
  z.object({
    parkId: z.string(),
    version: z.number().int().positive(),
    publishedBy: z.string(),
  }),
);
