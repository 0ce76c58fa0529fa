import type { FirmFacts, RndService, RndServiceInput } from '@parkmatch/contracts';
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

const NEED_LABELS: Readonly<Record<FirmFacts['needs'][number], Bilingual>> = {
  registration: { zh: '注册审批', en: 'registration approval' },
  'clinical-samples': { zh: '临床样本', en: 'clinical samples' },
  talent: { zh: '人才', en: 'talent' },
  financing: { zh: '融资', en: 'financing' },
  'procurement-access': { zh: '集采/采购准入', en: 'procurement access' },
  'bonded-logistics': { zh: '保税物流', en: 'bonded logistics' },
  land: { zh: '土地', en: 'land' },
  'standard-factory': { zh: '标准厂房', en: 'standard factory space' },
  'rnd-services': { zh: '研发/检测服务', en: 'R&D and testing services' },
  'gmp-facility': { zh: 'GMP车间', en: 'GMP facility' },
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
      const needs = list(met.map((n) => NEED_LABELS[n]));
      return {
        service,
        because: [
          { zh: `企业在项目信息中提出了“${needs.zh}”需求`, en: `the firm’s profile asks for ${needs.en}` },
        ],
      };
    });
}
