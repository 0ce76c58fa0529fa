import { type JobSettings, type Logger, startJobQueue } from '@parkmatch/service-kit';
import { NOTIFICATION_QUEUES, SCHEDULED_JOBS } from '../delivery/settings.ts';

// The service's timers, as BullMQ job schedulers (not timers in memory): the SLA sweep every
// minute and the daily digest at 08:30 Asia/Shanghai. Every instance declares them; BullMQ
// keeps one scheduler per id and makes one job per run, which one worker takes.

export type ScheduledTask = 'sla-sweep' | 'daily-digest';

export const SCHEDULES = {
  'sla-sweep': { everyMs: 60_000 },
  'daily-digest': { pattern: '30 8 * * *', tz: 'Asia/Shanghai' },
} as const;

export async function startScheduledJobs(options: {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  run: Record<ScheduledTask, (at: Date) => Promise<unknown>>;
  settings?: JobSettings;
}) {
  const jobs = startJobQueue<{ task: ScheduledTask }>({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger: options.logger,
    name: NOTIFICATION_QUEUES.scheduled,
    settings: options.settings ?? SCHEDULED_JOBS,
    async process(job) {
      // The run's own time: a digest that runs late still covers the day it was due.
      const at = new Date(job.timestamp + (job.opts.delay ?? 0));
      await options.run[job.data.task](at);
    },
  });
  for (const task of Object.keys(SCHEDULES) as ScheduledTask[])
    await jobs.schedule(task, SCHEDULES[task], { task });
  return { queue: jobs.queue, ping: () => jobs.ping(), close: () => jobs.close() };
}
