import type { Notify } from '../delivery/notify.ts';
import type { LeadFactsRepository } from '../lead-facts/repository.ts';
import type { NotificationDoc } from '../notification/notification.ts';
import { dueSteps, nextAt } from './clock.ts';
import { clockNotice } from './notices.ts';
import type { ClockRepository } from './repository.ts';
import type { SlaSettingsRepository } from './settings-repository.ts';

// The sweep (a repeatable job, every minute, one run at a time across instances): the clocks
// whose next step is due announce it, then record it. Announcing is idempotent (one
// notification id per clock and step), so a sweep that dies between the two does no harm.

export interface SweepDeps {
  clocks: ClockRepository;
  facts: LeadFactsRepository;
  settings: SlaSettingsRepository;
  notify: Notify;
  now: () => Date;
}

const PAGE = 200;

export function createSweep(deps: SweepDeps) {
  return async function sweep(at: Date = deps.now()): Promise<NotificationDoc[]> {
    await deps.settings.reloadCalendar();
    const announced: NotificationDoc[] = [];
    for (;;) {
      const due = await deps.clocks.due(at, PAGE);
      if (due.length === 0) break;
      const leads = await deps.facts.getMany(due.map((c) => c.leadId));
      const notices = due.flatMap((clock) =>
        dueSteps(clock, at).map((step) => clockNotice(clock, step, leads.get(clock.leadId)!, deps.now())),
      );
      await deps.notify(notices);
      announced.push(...notices);
      const stamp = at.toISOString();
      let moved = 0;
      for (const clock of due) {
        const steps = dueSteps(clock, at);
        const done = {
          ...(steps.includes('remind') ? { remindedAt: stamp } : {}),
          ...(steps.includes('overdue') ? { overdueAt: stamp } : {}),
          ...(steps.includes('escalate') ? { escalatedAt: stamp } : {}),
        };
        const next = nextAt({ ...clock, ...done });
        if (next !== clock.nextAt) moved++;
        await deps.clocks.update(clock._id, { ...done, nextAt: next });
      }
      if (due.length < PAGE || moved === 0) break;
    }
    return announced;
  };
}

export type Sweep = ReturnType<typeof createSweep>;
