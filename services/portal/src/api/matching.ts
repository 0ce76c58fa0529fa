import {
  type CatalogDraft,
  type CatalogMover,
  CatalogPublished,
  LeadMatches,
  ParkCatalog,
  ParkSummary,
  RankedLeadPage,
  Rerank,
  type Tier,
  WhatIf,
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

// The catalog, what-if and re-rank views come from contracts: matching declares its routes with
// the same schemas.
export type { CatalogDirection, ParkCatalog, Rerank, WhatIf } from '@parkmatch/contracts';
export type Mover = CatalogMover;

const parkPath = (parkId: string, rest = '') => `/v1/parks/${encodeURIComponent(parkId)}${rest}`;

export function matchingClient(matching: Upstream) {
  return {
    parks: (ctx: CallContext) => matching.call(ParkList, 'GET', '/v1/parks', ctx),
    rankedLeads: (parkId: string, query: RankedQuery, ctx: CallContext) =>
      matching.call(RankedLeadPage, 'GET', parkPath(parkId, '/ranked-leads'), ctx, { query: { ...query } }),
    leadMatches: (leadId: string, ctx: CallContext) =>
      matching.call(LeadMatches, 'GET', `/v1/leads/${encodeURIComponent(leadId)}/matches`, ctx),
    catalog: (parkId: string, ctx: CallContext) => matching.call(ParkCatalog, 'GET', parkPath(parkId), ctx),
    whatIf: (parkId: string, catalog: CatalogDraft, limit: number, ctx: CallContext) =>
      matching.call(WhatIf, 'POST', parkPath(parkId, '/what-if'), ctx, { body: { catalog, limit } }),
    publishCatalog: (parkId: string, catalog: CatalogDraft, note: string | undefined, ctx: CallContext) =>
      matching.call(CatalogPublished, 'PUT', parkPath(parkId, '/catalog'), ctx, {
        body: { catalog, ...(note ? { note } : {}) },
      }),
    rerank: (parkId: string, ctx: CallContext) =>
      matching.call(Rerank, 'GET', parkPath(parkId, '/rerank'), ctx),
  };
}

export type MatchingClient = ReturnType<typeof matchingClient>;
