import type { Org, OrgKind } from '@parkmatch/contracts';
import { HttpProblem, type Principal, type Role } from '@parkmatch/service-kit';

// Banks and service operators, and who acts for them: the one home of that rule. An admin acts
// for every organisation; a bank officer for the banks that list it as a member, a service
// operator for the operators that do.

export interface OrgDoc {
  _id: string;
  kind: OrgKind;
  name: { zh: string; en?: string | undefined };
  members: string[];
  updatedAt: string;
}

export const ROLE_OF_KIND: Readonly<Record<OrgKind, Role>> = {
  bank: 'bank-officer',
  operator: 'service-operator',
};

export function actsFor(principal: Principal, org: Pick<OrgDoc, 'kind' | 'members'>): boolean {
  if (principal.role === 'admin') return true;
  return principal.role === ROLE_OF_KIND[org.kind] && org.members.includes(principal.sub);
}

export function assertActsFor(principal: Principal, org: OrgDoc): void {
  if (!actsFor(principal, org))
    throw new HttpProblem(403, {
      zh: `无权代表 ${org.name.zh} 操作`,
      en: `you do not act for ${org.name.en ?? org.name.zh}`,
    });
}

export const orgView = (org: OrgDoc): Org => ({
  id: org._id,
  kind: org.kind,
  name: org.name,
  members: org.members,
});
