import type { RndService } from '@parkmatch/contracts';
import { HttpProblem, type Principal } from '@parkmatch/service-kit';
import { firmFor } from '../firms/access.ts';
import type { FirmRepository } from '../firms/repository.ts';
import { assertActsFor } from '../orgs/org.ts';
import type { OrgRepository } from '../orgs/repository.ts';
import type { ServiceRepository } from './repository.ts';
import { type ServiceDoc, type ServiceInput, serviceView, suggestServices } from './service.ts';

// Keeping the platform's catalogue: an admin keeps every operator's services, an operator's
// staff its own. Everybody signed in reads it.

export interface CatalogueDeps {
  services: ServiceRepository;
  orgs: OrgRepository;
  firms: FirmRepository;
  now: () => Date;
}

export async function putService(
  deps: CatalogueDeps,
  principal: Principal,
  id: string,
  input: ServiceInput,
): Promise<{ service: RndService; created: boolean }> {
  const operator = await deps.orgs.get(input.operatorId);
  if (operator?.kind !== 'operator')
    throw new HttpProblem(
      422,
      { zh: `没有这家服务机构：${input.operatorId}`, en: `no such service operator: ${input.operatorId}` },
      {
        errors: [
          { path: 'operatorId', message: '未知服务机构', messageEn: 'unknown operator', code: 'unknown' },
        ],
      },
    );
  assertActsFor(principal, operator);
  const existing = await deps.services.get(id);
  if (existing && existing.operatorId !== input.operatorId) {
    const owner = await deps.orgs.get(existing.operatorId);
    if (owner) assertActsFor(principal, owner);
  }
  const doc: ServiceDoc = {
    _id: id,
    ...input,
    updatedAt: deps.now().toISOString(),
    updatedBy: principal.sub,
  };
  const created = await deps.services.put(doc);
  return { service: serviceView(doc, operator.name), created };
}

export async function viewServices(deps: CatalogueDeps, docs: readonly ServiceDoc[]): Promise<RndService[]> {
  const operators = new Map((await deps.orgs.list('operator')).map((o) => [o._id, o.name]));
  return docs.map((doc) => serviceView(doc, operators.get(doc.operatorId) ?? { zh: doc.operatorId }));
}

export async function getService(deps: CatalogueDeps, id: string): Promise<RndService> {
  const doc = await deps.services.get(id);
  if (!doc) throw new HttpProblem(404, { zh: `没有这项服务：${id}`, en: `no such service: ${id}` });
  return (await viewServices(deps, [doc]))[0] as RndService;
}

export async function suggestionsFor(deps: CatalogueDeps, principal: Principal, leadId: string) {
  const firm = await firmFor(deps.firms, principal, leadId);
  const suggestions = suggestServices(await deps.services.all(), firm.needs);
  const views = await viewServices(
    deps,
    suggestions.map((s) => s.service),
  );
  return {
    leadId: firm.leadId,
    items: suggestions.map((s, i) => ({ service: views[i] as RndService, because: s.because })),
  };
}
