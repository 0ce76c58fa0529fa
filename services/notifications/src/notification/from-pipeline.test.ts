import { createEvent, Events } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { unknownLead } from '../lead-facts/facts.ts';
import { fromAppealClosed, fromLeadTransferred, fromStageChanged } from './from-pipeline.ts';

const now = new Date('2025-09-26T02:00:00Z');
const lead = {
  ...unknownLead('lead-1'),
  firmName: '集庆生物',
  projectTitle: 'IVD 试剂',
  parks: {
    'dadukou-ivd': {
      tier: 'A' as const,
      score: 82,
      reasons: { zh: ['r'], en: ['r'] },
      at: now.toISOString(),
    },
  },
};
const who = { by: 'dadukou', at: '2025-09-26T02:00:00.000Z' };

describe('the closed loop as notifications', () => {
  it('words a stage move, keyed by its event, with the lead’s rating at the owning park', () => {
    const event = createEvent(Events.stageChanged, {
      key: 'lead-1',
      source: 'leads',
      payload: {
        leadId: 'lead-1',
        parkId: 'dadukou-ivd',
        from: 'contacted',
        to: 'site-visit',
        note: '已约定考察',
        enteredFromAt: who.at,
        ...who,
      },
    });
    const n = fromStageChanged(event, { lead, now });
    expect(n._id).toBe(`ev_${event.id}`);
    expect(n.subject.zh).toBe('阶段变更：集庆生物（初步接洽 → 实地考察）');
    expect(n.lines.zh).toEqual(['初步接洽 → 实地考察，操作人 dadukou', '说明：已约定考察']);
    expect(n.facts).toMatchObject({ tier: 'A', score: 82, parkId: 'dadukou-ivd' });
  });

  it('tells the receiving park of a transfer, and a late appeal as late (Shanghai dates)', () => {
    const moved = fromLeadTransferred(
      createEvent(Events.leadTransferred, {
        key: 'lead-1',
        source: 'leads',
        payload: {
          leadId: 'lead-1',
          fromParkId: 'bio-city',
          toParkId: 'dadukou-ivd',
          reason: '更契合 IVD',
          ...who,
        },
      }),
      { lead, now },
    );
    expect(moved).toMatchObject({ kind: 'lead-transferred', parkId: 'dadukou-ivd' });
    expect(moved.lines.zh[0]).toBe('自重庆国际生物城划转，操作人 dadukou');
    const closed = fromAppealClosed(
      createEvent(Events.appealClosed, {
        key: 'lead-1',
        source: 'leads',
        payload: {
          leadId: 'lead-1',
          parkId: 'dadukou-ivd',
          appealId: 'ap-1',
          category: 'land',
          outcome: 'resolved',
          openedAt: who.at,
          dueOn: '2025-09-30',
          by: 'dadukou',
          at: '2025-09-30T16:30:00.000Z', // 1 Oct 00:30 in Shanghai: a day late
        },
      }),
      { lead, now },
    );
    expect(closed.subject.zh).toBe('诉求已办结（土地）：集庆生物');
    expect(closed.lines.zh[0]).toBe('办结人 dadukou，期限 2025-09-30（已超期）');
  });
});
