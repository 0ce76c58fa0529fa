import { type JobSchedule, type JobSettings, type Logger, startJobQueue } from '@parkmatch/service-kit';
import { NOTIFICATION_QUEUES, SCHEDULED_JOBS } from '../delivery/settings.ts';

// The service's timers, as BullMQ job schedulers (not timers in memory): the SLA sweep every
// minute (SLA_SWEEP_EVERY_MS), the daily digest at 08:30 and the retention purge at 03:30
// Asia/Shanghai. Every instance declares them; BullMQ keeps one scheduler per id and makes one
// job per run, which one worker takes.

export type ScheduledTask = 'sla-sweep' | 'daily-digest' | 'retention-purge';

export const SCHEDULES = {
  'sla-sweep': { everyMs: 60_000 },
  'daily-digest': { pattern: '30 8 * * *', tz: 'Asia/Shanghai' },
  'retention-purge': { pattern: '30 3 * * *', tz: 'Asia/Shanghai' },
} as const satisfies Record<ScheduledTask, JobSchedule>;

export async function startScheduledJobs(options: {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  run: Record<ScheduledTask, (at: Date) => Promise<unknown>>;
  /** Replaces a task's schedule (the sweep's period from SLA_SWEEP_EVERY_MS). */
  schedules?: Partial<Record<ScheduledTask, JobSchedule>>;
  settings?: JobSettings;
}) {
  const schedules: Record<ScheduledTask, JobSchedule> = { ...SCHEDULES, ...options.schedules };
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
  for (const task of Object.keys(schedules) as ScheduledTask[])
    await jobs.schedule(task, schedules[task], { task });
  return { queue: jobs.queue, ping: () => jobs.ping(), close: () => jobs.close() };
}
