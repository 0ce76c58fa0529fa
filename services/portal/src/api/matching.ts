import {
  Bilingual,
  DIRECTION_KINDS,
  GROWTH_STAGES,
  LeadMatches,
  ParkSummary,
  RankedLeadPage,
  Tier,
} from '@parkmatch/contracts';
import { z } from 'zod';
import type { CallContext, Upstream } from './http.ts';

// The matching service as the portal uses it: the parks and their directions (public),
// a park's ranked leads and a lead's scores with everything behind them; and for managers a
// park's catalog, a draft's what-if preview, publishing it and the re-rank that follows.

const ParkList = z.object({ items: z.array(ParkSummary) });

export interface RankedQuery {
  limit?: number;
  cursor?: string | undefined;
  tier?: Tier | undefined;
  direction?: string | undefined;
  minScore?: number | undefined;
}

/**
 * A direction of a park's catalog as the editor reads it. Loose: what the editor does not
 * show (and the catalog's assets, firm counts and gates) goes back unchanged in the draft.
 */
export const CatalogDirection = z.looseObject({
  code: z.string(),
  kind: z.enum(DIRECTION_KINDS),
  weight: z.number(),
  stages: z.array(z.enum(GROWTH_STAGES)).default([]),
  label: Bilingual.optional(),
});
export type CatalogDirection = z.output<typeof CatalogDirection>;

/** A park's catalog in force (`GET /v1/parks/{parkId}`; matching publishes no schema of its own for it). */
export const ParkCatalog = z.looseObject({
  id: z.string(),
  version: z.number().int(),
  name: Bilingual,
  directions: z.array(CatalogDirection),
});
export type ParkCatalog = z.output<typeof ParkCatalog>;

// The what-if and re-rank views, as matching's routes declare them (they are not in contracts).
const Mover = z.object({
  leadId: z.string(),
  firmName: z.string(),
  rank: z.number().int(),
  score: z.number(),
  tier: Tier,
  previousRank: z.number().int().nullable(),
  previousScore: z.number().nullable(),
  previousTier: Tier.nullable(),
});
export type Mover = z.output<typeof Mover>;

export const WhatIf = z.object({
  parkId: z.string(),
  baseVersion: z.number().int(),
  total: z.number().int(),
  top: z.array(Mover),
  tierUp: z.array(Mover),
  tierDown: z.array(Mover),
  tierUpCount: z.number().int(),
  tierDownCount: z.number().int(),
  enteredTop: z.array(z.string()),
  leftTop: z.array(z.string()),
});
export type WhatIf = z.output<typeof WhatIf>;

export const Rerank = z.object({
  parkId: z.string(),
  version: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'superseded', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  changedTiers: z.number().int(),
  queuedAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
});
export type Rerank = z.output<typeof Rerank>;

const Published = z.object({ version: z.number().int(), rerank: Rerank });

const parkPath = (parkId: string, rest = '') => `/v1/parks/${encodeURIComponent(parkId)}${rest}`;

export function matchingClient(matching: Upstream) {
  return {
    parks: (ctx: CallContext) => matching.call(ParkList, 'GET', '/v1/parks', ctx),
    rankedLeads: (parkId: string, query: RankedQuery, ctx: CallContext) =>
      matching.call(RankedLeadPage, 'GET', parkPath(parkId, '/ranked-leads'), ctx, { query: { ...query } }),
    leadMatches: (leadId: string, ctx: CallContext) =>
      matching.call(LeadMatches, 'GET', `/v1/leads/${encodeURIComponent(leadId)}/matches`, ctx),
    catalog: (parkId: string, ctx: CallContext) => matching.call(ParkCatalog, 'GET', parkPath(parkId), ctx),
    whatIf: (parkId: string, catalog: Record<string, unknown>, limit: number, ctx: CallContext) =>
      matching.call(WhatIf, 'POST', parkPath(parkId, '/what-if'), ctx, { body: { catalog, limit } }),
    publishCatalog: (
      parkId: string,
      catalog: Record<string, unknown>,
      note: string | undefined,
      ctx: CallContext,
    ) =>
      matching.call(Published, 'PUT', parkPath(parkId, '/catalog'), ctx, {
        body: { catalog, ...(note ? { note } : {}) },
      }),
    rerank: (parkId: string, ctx: CallContext) =>
      matching.call(Rerank, 'GET', parkPath(parkId, '/rerank'), ctx),
  };
}

export type MatchingClient = ReturnType<typeof matchingClient>;
