import { z } from 'zod';
import { GROWTH_STAGES } from '../profile.ts';
import { Bilingual, Tier } from '../scores.ts';
import { DIRECTION_KINDS } from './park.ts';

// A park's catalog as the matching service hands it to its managers, and the editor's round
// trip: a what-if preview of a draft (who moves up or down), publishing it, and the re-rank
// that follows. Matching validates a catalog strictly (its engine's schema); these are the
// views it answers with and the bodies it takes, shared with the portal that reads them.

/**
 * A direction of a park's catalog as a reader sees it. Loose: fields a reader does not know
 * (and those the catalog gains later) are kept, so a draft built from it goes back whole.
 */
export const CatalogDirection = z.looseObject({
  code: z.string(),
  kind: z.enum(DIRECTION_KINDS),
  weight: z.number(),
  stages: z.array(z.enum(GROWTH_STAGES)).optional(),
  label: Bilingual.optional(),
});
export type CatalogDirection = z.output<typeof CatalogDirection>;

/** A park's catalog in force (`GET /v1/parks/{parkId}`): its directions, assets, firm counts and gates. */
export const ParkCatalog = z
  .looseObject({
    id: z.string(),
    version: z.number().int(),
    name: Bilingual,
    directions: z.array(CatalogDirection),
  })
  .meta({
    id: 'ParkCatalog',
    description:
      'The catalog in force: id, version, name, directions; also assets, firmCounts ([{code, count}]) and gates',
  });
export type ParkCatalog = z.output<typeof ParkCatalog>;

/** A catalog to preview or publish, in the shape `GET /v1/parks/{parkId}` returns (validated by matching). */
export const CatalogDraft = z.record(z.string(), z.unknown()).meta({
  id: 'CatalogDraft',
  description:
    'A park catalog as GET /v1/parks/{parkId} returns it: name, directions, assets, firmCounts ([{code, count}]), gates. id and version are set by the server.',
});
export type CatalogDraft = z.output<typeof CatalogDraft>;

export const PublishCatalogRequest = z.strictObject({
  catalog: CatalogDraft,
  note: z.string().trim().max(500).optional(),
});
export type PublishCatalogRequest = z.input<typeof PublishCatalogRequest>;

export const WhatIfRequest = z.strictObject({
  catalog: CatalogDraft,
  limit: z.number().int().min(1).max(200).default(50),
});
export type WhatIfRequest = z.input<typeof WhatIfRequest>;

/** A lead in a what-if: where it stands with the draft, and where it stood with the catalog in force. */
export const CatalogMover = z.object({
  leadId: z.string(),
  firmName: z.string(),
  rank: z.number().int(),
  score: z.number(),
  tier: Tier,
  previousRank: z.number().int().nullable(),
  previousScore: z.number().nullable(),
  previousTier: Tier.nullable(),
});
export type CatalogMover = z.output<typeof CatalogMover>;

/** Every lead scored with a draft catalog: the new top of the list and who changes tier. */
export const WhatIf = z
  .object({
    parkId: z.string(),
    baseVersion: z.number().int(),
    total: z.number().int(),
    top: z.array(CatalogMover),
    tierUp: z.array(CatalogMover),
    tierDown: z.array(CatalogMover),
    tierUpCount: z.number().int(),
    tierDownCount: z.number().int(),
    enteredTop: z.array(z.string()),
    leftTop: z.array(z.string()),
  })
  .meta({ id: 'WhatIf' });
export type WhatIf = z.output<typeof WhatIf>;

export const RERANK_STATUSES = ['queued', 'running', 'done', 'superseded', 'failed'] as const;

/** A park's re-rank after a catalog was published: how far it has come. */
export const Rerank = z
  .object({
    parkId: z.string(),
    version: z.number().int().meta({ description: 'Catalog version' }),
    engineVersion: z.string(),
    status: z.enum(RERANK_STATUSES),
    total: z.number().int(),
    done: z.number().int(),
    changedTiers: z.number().int(),
    queuedAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    error: z.string().optional(),
  })
  .meta({ id: 'Rerank' });
export type Rerank = z.output<typeof Rerank>;

/** A catalog published: its new version, and the re-rank it started. */
export const CatalogPublished = z.object({ version: z.number().int(), rerank: Rerank });
export type CatalogPublished = z.output<typeof CatalogPublished>;
