import { type LeadScored, shouldNotify } from '../inbox/entry.ts';
import type { InboxJob, InboxJobs } from './inbox-jobs.ts';

/** The consumer: scored leads become delivery jobs where the park's team should hear of them. */
export function onLeadsScored(jobs: Pick<InboxJobs, 'enqueue'>) {
  return async (events: readonly LeadScored[]): Promise<void> => {
    const due = events.flatMap((event): InboxJob[] => {
      const kind = shouldNotify(event.payload);
      return kind ? [{ event, kind }] : [];
    });
    await jobs.enqueue(due);
  };
}
