import { type FirmFacts, NEED_PHRASES, type RndService, type RndServiceInput } from '@parkmatch/contracts';
import type { z } from 'zod';
import { type Bilingual, list } from '../finance/engine/labels.ts';

// A service of the shared R&D platform's catalogue, and which services a firm's needs suggest.

export type ServiceInput = z.output<typeof RndServiceInput>;

export interface ServiceDoc extends ServiceInput {
  _id: string;
  updatedAt: string;
  updatedBy: string;
}

export const serviceView = (
  doc: ServiceDoc,
  operatorName: { zh: string; en?: string | undefined },
): RndService => {
  const { _id, updatedBy: _by, ...rest } = doc;
  return { id: _id, operatorName, ...rest };
};

export interface Suggestion {
  service: ServiceDoc;
  because: Bilingual[];
}

/**
 * The active services that answer a need the firm stated in its profile: those answering more
 * of its needs first, then the quicker ones, then by id. Pure.
 */
export function suggestServices(services: readonly ServiceDoc[], needs: FirmFacts['needs']): Suggestion[] {
  return services
    .filter((s) => s.active)
    .map((service) => ({ service, met: service.servesNeeds.filter((n) => needs.includes(n)) }))
    .filter(({ met }) => met.length > 0)
    .sort(
      (a, b) =>
        b.met.length - a.met.length ||
        a.service.leadTimeDays - b.service.leadTimeDays ||
        a.service._id.localeCompare(b.service._id),
    )
    .map(({ service, met }) => {
      const needs = list(met.map((n) => NEED_PHRASES[n]));
      return {
        service,
        because: [
          { zh: `企业在项目信息中提出了“${needs.zh}”需求`, en: `the firm’s profile asks for ${needs.en}` },
        ],
      };
    });
}
