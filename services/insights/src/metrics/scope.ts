import { assertPark, HttpProblem, type Principal, parkScope } from '@parkmatch/service-kit';

/**
 * The park a metric is asked for, as the caller may see it: the park named (403 unless in the
 * caller's scope); none named: the city for city-wide staff, else the caller's own park.
 */
export function metricScope(principal: Principal, parkId: string | undefined): string | undefined {
  if (parkId !== undefined) {
    assertPark(principal, parkId);
    return parkId;
  }
  const scope = parkScope(principal);
  if (scope === 'all') return undefined;
  const [own] = scope;
  if (scope.length === 1 && own) return own;
  throw new HttpProblem(403, { zh: '没有可查看的园区', en: 'no park you may see' });
}
