import {
  creditCodeCheckChar,
  type PublicProfile,
  PublicProfile as PublicProfileSchema,
} from '@parkmatch/contracts';

// Test support: a valid public profile with only the parts a test cares about.

type ProjectInput = Partial<PublicProfile['project']> & { title: string; description: string };
type FirmInput = Partial<PublicProfile['firm']>;

export function creditCode(seed: number): string {
  const first17 = `91500000MA${String(1000000 + (seed % 9000000)).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17) ?? '0'}`;
}

export function makeProfile(project: ProjectInput, firm: FirmInput = {}, seed = 1): PublicProfile {
  return PublicProfileSchema.parse({
    firm: { name: '测试企业有限公司', creditCode: creditCode(seed), province: '重庆', city: '重庆', ...firm },
    project: { type: 'production', ...project },
  });
}
