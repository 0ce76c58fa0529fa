// Usage (with `npm start` running): node scripts/smoke.ts
// Posts a profile to leads and prints how long until its per-park scores are on matching
// and its inbox entry is on notifications (as the demo analyst of Dadukou).
import { randomInt } from 'node:crypto';
import { creditCodeCheckChar } from '@parkmatch/contracts';

const url = (port: string | undefined, fallback: number) => `http://127.0.0.1:${port ?? fallback}`;
const leads = url(process.env.LEADS_PORT, 3001);
const matching = url(process.env.MATCHING_PORT, 3002);
const notifications = url(process.env.NOTIFICATIONS_PORT, 3003);
const TIMEOUT_MS = 10_000;

const post = (to: string, body: unknown) =>
  fetch(to, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what}: nothing after ${TIMEOUT_MS} ms`);
}

const signIn = await post(`${leads}/v1/auth/token`, { username: 'dadukou', password: 'demo1234' });
const { token } = (await signIn.json()) as { token: string };
const auth = { headers: { authorization: `Bearer ${token}` } };
const body17 = `91320500MA${String(randomInt(100_000, 1_000_000))}X`; // 17 characters
const started = performance.now();
const res = await post(`${leads}/v1/profiles`, {
  // A firm Dadukou wants (tier A or B there), so the team's default subscription puts it in
  // the inbox: the smoke test follows a lead all the way.
  firm: {
    name: '冒烟测试质谱仪器公司',
    creditCode: body17 + creditCodeCheckChar(body17),
    province: '江苏',
    city: '苏州',
    foundedYear: 2018,
    employees: 85,
    qualifications: ['high-tech'],
    registrationCertificates: 3,
  },
  project: {
    title: '临床质谱仪生产',
    type: 'production',
    description: '我们生产三重四极杆液质联用仪（LC-MS/MS）和配套的临床质谱检测试剂盒。',
    products: ['三重四极杆液质联用仪'],
    growthStage: 'growth',
    plannedInvestmentCny: 150_000_000,
    expectedAnnualOutputCny: 300_000_000,
    timelineMonths: 9,
    needs: ['registration', 'clinical-samples'],
  },
  contact: { name: '测试', phone: '13800000000' },
  consent: { dataUse: true },
});
if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
const { id } = (await res.json()) as { id: string };
const ms = () => `${Math.round(performance.now() - started)} ms`;

const matches = await until('matches', async () => {
  const r = await fetch(`${matching}/v1/leads/${id}/matches`, auth);
  return r.ok
    ? ((await r.json()) as { items: { parkId: string; score: number; tier: string }[] })
    : undefined;
});
process.stdout.write(
  `scores on matching after ${ms()}: ${matches.items.map((m) => `${m.parkId} ${m.score} ${m.tier}`).join(', ')}\n`,
);
await until('inbox', async () => {
  const r = await fetch(`${notifications}/v1/inbox`, auth);
  const inbox = (await r.json()) as { items: { leadId: string }[] };
  return inbox.items.some((i) => i.leadId === id) ? true : undefined;
});
process.stdout.write(`inbox entry on notifications after ${ms()}\n`);
