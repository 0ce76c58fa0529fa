// Submit → webhook latency at a steady rate: the real processes (leads, matching,
// notifications on a private redis-server, as the end-to-end tests start them), a signed
// webhook receiver in this process, the park's robot rule "new leads at any workable tier".
// Profiles are posted open-loop at `rate` a second for `seconds`; each latency is from just
// before the POST to the webhook's arrival (matched by lead id). Prints figures only.
// Usage: node services/notifications/bench/submit-to-webhook.ts [rate=50] [seconds=20]
import { setTimeout as sleep } from 'node:timers/promises';
import { massSpecProfile } from '../../../tests/e2e/fixtures.ts';
import { type RunningRedis, startRedis } from '../../../tests/support/redis-server.ts';
import { postJson, signIn, TestSystem } from '../../../tests/support/system.ts';
import { startHttpReceiver } from '../test/http-receiver.ts';

const rate = Number(process.argv[2] ?? 50);
const seconds = Number(process.argv[3] ?? 20);
const total = rate * seconds;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

let redis: RunningRedis | undefined;
let system: TestSystem | undefined;
const arrived = new Map<string, number>();
const receiver = await startHttpReceiver((req) => {
  const leadId = (JSON.parse(req.body) as { data?: { leadId?: string } }).data?.leadId;
  if (leadId && !arrived.has(leadId)) arrived.set(leadId, performance.now());
  return { status: 204 };
});
try {
  redis = await startRedis();
  system = await new TestSystem(redis.url, { LOG_LEVEL: 'error' }).start([
    'leads',
    'matching',
    'notifications',
  ]);
  const admin = await signIn(system.urls.leads, 'admin', 'admin');
  const channel = await postJson(
    `${system.urls.notifications}/v1/channels`,
    {
      type: 'webhook',
      name: 'bench',
      owner: { parkId: 'dadukou-ivd' },
      url: `${receiver.origin}/hook`,
      secret: 'whsec_YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2g=',
    },
    admin,
  );
  const { id } = (await channel.json()) as { id: string };
  await fetch(`${system.urls.notifications}/v1/parks/dadukou-ivd/notification-preferences`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ rules: [{ event: 'new-lead', minTier: 'C', channels: [id] }] }),
  });

  console.error(`${total} profiles at ${rate}/s, open loop; node ${process.version}`);
  const submitted = new Map<string, number>();
  const posts: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const at = performance.now();
    posts.push(
      postJson(
        `${system.urls.leads}/v1/profiles`,
        massSpecProfile(`MA${String(10_000_000 + i).slice(1)}`),
      ).then(async (res) => {
        if (res.status === 201) submitted.set(((await res.json()) as { id: string }).id, at);
      }),
    );
  }
  await Promise.all(posts);
  const deadline = performance.now() + 60_000;
  while ([...submitted.keys()].some((lead) => !arrived.has(lead)) && performance.now() < deadline)
    await sleep(100);
  const latencies = [...submitted]
    .filter(([lead]) => arrived.has(lead))
    .map(([lead, at]) => arrived.get(lead)! - at)
    .sort((a, b) => a - b);
  const ms = (v: number) => `${Math.round(v)} ms`;
  console.error(`submitted ${submitted.size}, webhooks received ${latencies.length}`);
  console.error(
    `submit → webhook: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? 0)}`,
  );
} finally {
  await system?.stop();
  await redis?.stop();
  await receiver.close();
}
