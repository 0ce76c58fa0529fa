import { tempStore } from '../../test/temp-store.ts';
import { InboxRepository } from '../inbox/repository.ts';
import { LeadFactsRepository } from '../lead-facts/repository.ts';
import { runChannelContract } from './contract.case.ts';
import { inboxChannel } from './inbox.ts';

runChannelContract({
  name: 'in-app inbox',
  async open() {
    const store = await tempStore();
    const inbox = await InboxRepository.open(store);
    const admin = { sub: 'admin', role: 'admin' as const };
    let tick = 0;
    return {
      // A clock a millisecond further on each call: entries keep the order they were written in.
      channel: inboxChannel(
        inbox,
        await LeadFactsRepository.open(store),
        () => new Date(Date.UTC(2026, 0, 1) + tick++),
      ),
      target: { type: 'inbox', address: 'dadukou-ivd' },
      received: async () =>
        (await inbox.list(admin, { limit: 100 }))
          .reverse()
          .map((e) => [e.title.zh, ...e.lines.zh, ...e.reasons.zh, e.title.en].join('\n')),
      close: () => store.remove(),
    };
  },
});
