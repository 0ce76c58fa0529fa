// Notifications per second through the delivery path (store the notification, plan its
// deliveries from subscribers' rules, record them, one BullMQ job each, the worker claims the
// record, sends on the channel and logs the attempt) next to a raw BullMQ round trip measured
// in the same run on the same Redis: the same number of jobs added in the same batch sizes to a
// queue whose worker (same concurrency) does nothing. Prints figures only.
// Starts a private redis-server unless REDIS_URL is set.
// Usage: node services/notifications/bench/delivery.ts [notifications=5000] [batch=100] [rounds=3]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@parkmatch/service-kit';
import { createStore } from '@parkmatch/store';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type RunningRedis, startRedis } from '../../../tests/support/redis-server.ts';
import { createAdapters } from '../src/channels/adapters.ts';
import { createSecretBox } from '../src/channels/secret-box.ts';
import { setUpChannel } from '../src/channels/setup.ts';
import { createDeliverer } from '../src/delivery/deliver.ts';
import { startDeliveryJobs } from '../src/delivery/jobs.ts';
import { createNotifier, createSender } from '../src/delivery/notify.ts';
import { createRateLimiter } from '../src/delivery/rate-limit.ts';
import { DELIVERY_JOBS } from '../src/delivery/settings.ts';
import type { NotificationDoc } from '../src/notification/notification.ts';
import { openRepositories } from '../src/repositories.ts';

const total = Number(process.argv[2] ?? 5_000);
const batch = Number(process.argv[3] ?? 100);
const logger = createLogger('bench', 'silent');
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

/** A notification as a scored lead makes it (wording and facts about as large as the real ones). */
function notification(i: number, run: string): NotificationDoc {
  const at = new Date().toISOString();
  return {
    _id: `bench-${run}-${i}`,
    kind: 'new-lead',
    parkId: 'dadukou-ivd',
    leadId: `lead-${i}`,
    tier: 'A',
    audience: { to: 'team' },
    subject: { zh: `新线索（A级）：示例质谱科技有限公司${i}`, en: `New tier-A lead: Example MS ${i}` },
    lines: {
      zh: ['项目：临床质谱仪生产', '大渡口体外诊断产业集聚区评分 82（A级）', '契合承接方向「临床质谱」'],
      en: [
        'Project: clinical MS instruments',
        'Score at Dadukou IVD Cluster: 82 (tier A)',
        'Fits "clinical MS"',
      ],
    },
    facts: {
      parkId: 'dadukou-ivd',
      leadId: `lead-${i}`,
      tier: 'A',
      score: 82,
      firmName: `示例质谱科技有限公司${i}`,
      projectTitle: '临床质谱仪生产',
      reasons: { zh: ['契合承接方向「临床质谱」'], en: ['Fits "clinical MS"'] },
    },
    occurredAt: at,
    createdAt: at,
  };
}

async function rawRoundTrip(redisUrl: string, jobs: number): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-raw-${Date.now()}`;
  const queue = new Queue('raw', {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: { age: 3600 } },
  });
  let done = 0;
  const worker = new Worker('raw', async () => {}, {
    connection,
    prefix,
    concurrency: DELIVERY_JOBS.concurrency,
  });
  worker.on('completed', () => done++);
  await worker.waitUntilReady();
  const started = performance.now();
  for (let i = 0; i < jobs; i += batch)
    await queue.addBulk(
      Array.from({ length: Math.min(batch, jobs - i) }, (_, j) => ({
        name: 'raw',
        data: { deliveryId: `d_${i + j}` },
        opts: { jobId: `raw-${i + j}` },
      })),
    );
  while (done < jobs) await sleep(5);
  const ms = performance.now() - started;
  await worker.close();
  await queue.close();
  await connection.quit();
  return ms;
}

async function notificationsPath(
  redisUrl: string,
  channel: 'inbox' | 'webhook',
): Promise<{ ms: number; deliveries: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parkmatch-bench-notify-'));
  const store = await createStore({ kind: 'sqlite', dir });
  const repos = await openRepositories(store);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-${channel}-${Date.now()}`;
  const now = () => new Date();
  const box = createSecretBox('bench-secret-bench-secret-bench-secret');
  const adapters = createAdapters({ inbox: repos.inbox, facts: repos.facts });
  const limiter = createRateLimiter(redis, { prefix });
  const receiver = await startReceiverProcess();
  if (channel === 'webhook') {
    const admin = { sub: 'admin', role: 'admin' as const };
    const hook = await setUpChannel({ channels: repos.channels, box, adapters, now }, admin, {
      type: 'webhook',
      name: 'bench',
      owner: { parkId: 'dadukou-ivd' },
      url: `${receiver.origin}/hook`,
      secret: 'whsec_YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2g=',
    });
    const park = await repos.subscribers.park('dadukou-ivd', now());
    await repos.subscribers.save(
      park,
      { rules: [{ event: 'new-lead', channels: [hook._id] }], quietHours: null },
      now(),
    );
  }
  const deliver = createDeliverer({ ...repos, box, adapters, limiter, now });
  const delivery = startDeliveryJobs({ redisUrl, prefix, logger, deliver });
  const notify = createNotifier({ ...repos, send: createSender({ ...repos, jobs: delivery, deliver }), now });
  const run = `${channel}-${Date.now()}`;
  const perNotification = channel === 'webhook' ? 2 : 1;
  const started = performance.now();
  for (let i = 0; i < total; i += batch)
    await notify(Array.from({ length: Math.min(batch, total - i) }, (_, j) => notification(i + j, run)));
  while ((await repos.deliveries.countByStatus('delivered')) < total * perNotification) await sleep(20);
  const ms = performance.now() - started;
  await delivery.close();
  await receiver.close();
  await redis.quit();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return { ms, deliveries: total * perNotification };
}

/** The webhook's receiver in its own process (answers 204), so its work is not the bench's. */
async function startReceiverProcess(): Promise<{ origin: string; close(): Promise<void> }> {
  const code = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.statusCode = 204; s.end(); }); })
    .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return {
    origin: `http://127.0.0.1:${line}`,
    async close() {
      child.kill();
      await once(child, 'exit');
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rounds = Number(process.argv[4] ?? 3);

let redis: RunningRedis | undefined;
try {
  if (!process.env.REDIS_URL) redis = await startRedis();
  const redisUrl = process.env.REDIS_URL ?? redis!.url;
  console.error(
    `notifications: ${total} a round, ${rounds} rounds, batch ${batch}, worker concurrency ${DELIVERY_JOBS.concurrency}, node ${process.version}`,
  );
  await rawRoundTrip(redisUrl, 1_000); // warm-up
  // Each measurement is ratioed to a raw round trip run just before it: the machine's load
  // drifts between runs, the ratio much less.
  const inboxRatios: number[] = [];
  const webhookRatios: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const raw = rate(total, await rawRoundTrip(redisUrl, total));
    const inbox = await notificationsPath(redisUrl, 'inbox');
    const raw2 = rate(total * 2, await rawRoundTrip(redisUrl, total * 2));
    const webhook = await notificationsPath(redisUrl, 'webhook');
    const inboxRate = rate(total, inbox.ms);
    const deliveries = rate(webhook.deliveries, webhook.ms);
    inboxRatios.push(inboxRate / raw);
    webhookRatios.push(deliveries / raw2);
    console.error(
      `round ${round}: raw ${raw.toLocaleString('en')} jobs/s | inbox ${inboxRate.toLocaleString('en')} notifications/s (${(inboxRate / raw).toFixed(2)}×)` +
        ` | raw ${raw2.toLocaleString('en')} jobs/s | inbox+webhook ${rate(total, webhook.ms).toLocaleString('en')} notifications/s, ` +
        `${deliveries.toLocaleString('en')} deliveries/s (${(deliveries / raw2).toFixed(2)}×)`,
    );
  }
  console.error(
    `median ratio, notifications → inbox to raw round trip:           ${median(inboxRatios).toFixed(2)}×`,
  );
  console.error(
    `median ratio, deliveries (inbox + signed webhook) to raw round trip: ${median(webhookRatios).toFixed(2)}×`,
  );
} finally {
  await redis?.stop();
}
