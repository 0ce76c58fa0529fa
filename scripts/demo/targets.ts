import type { TargetInput } from '@parkmatch/contracts';
import { type Api, why } from './api.ts';

// Dadukou's targets on insights (DOMAIN.md §6), so that the demo shows progress against them:
// by 2025 300 firms, 20 billion CNY revenue, 800 registration certificates; by 2035 1,000
// firms, 100 billion, 2,000 certificates. This year's target lies on the way from one to the
// other; the baseline is where the park stood at the end of last year. Set once: a target
// that exists (set by the demo before, or by a manager) is left as it is.

const PARK = 'dadukou-ivd';

export function dadukouTargets(year: number): TargetInput[] {
  const baseline = {
    year: year - 1,
    firms: 292,
    revenueCny: 18_900_000_000,
    certificates: 760,
  };
  return [
    {
      scope: PARK,
      year,
      targets: {
        firms: 330,
        revenueCny: 24_000_000_000,
        certificates: 900,
        signedInvestmentCny: 1_200_000_000,
      },
      baseline,
      note: '年度目标：按 2025 年 300 家、200 亿元和 2035 年 1000 家、1000 亿元的规划分解',
    },
    {
      scope: PARK,
      year: 2035,
      targets: { firms: 1_000, revenueCny: 100_000_000_000, certificates: 2_000 },
      baseline,
      note: '2035 年远景目标：1000 家企业、1000 亿元营业收入、2000 张注册证',
    },
  ];
}

/** Sets Dadukou's targets that are not set yet; returns how many it set. */
export async function setDemoTargets(insights: Api, year: number, warn: (message: string) => void) {
  let set = 0;
  for (const target of dadukouTargets(year)) {
    const known = await insights.get<{ items: { year: number }[] }>(
      `/v1/targets?scope=${target.scope}&year=${target.year}`,
    );
    if (known.status !== 200) {
      warn(`targets: insights answered ${why(known)}; none set`);
      return set;
    }
    if (known.body.items.length > 0) continue;
    const answer = await insights.put('/v1/targets', target);
    if (answer.status === 201 || answer.status === 200) set++;
    else warn(`targets: ${target.scope} ${target.year} refused (${why(answer)})`);
  }
  return set;
}
