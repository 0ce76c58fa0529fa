import { describe, expect, it } from 'vitest';
import { scoredEvent } from '../../test/harness.ts';
import { fromLeadScored, scoredKind, scoredNotificationId } from './from-scored.ts';

const now = new Date('2025-09-26T02:00:00Z');

describe('scored leads as notifications', () => {
  it('tells a new lead of tier C or better, never a tier-D one', () => {
    expect(scoredKind(scoredEvent('l', 'A').payload)).toBe('new-lead');
    expect(scoredKind(scoredEvent('l', 'C').payload)).toBe('new-lead');
    expect(scoredKind(scoredEvent('l', 'D').payload)).toBeNull();
  });

  it('tells a move up or down, a drop to D (it leaves the list), and a revision at the same tier', () => {
    expect(scoredKind(scoredEvent('l', 'A', { previousTier: 'B' }).payload)).toBe('tier-up');
    expect(scoredKind(scoredEvent('l', 'C', { previousTier: 'D' }).payload)).toBe('tier-up');
    expect(scoredKind(scoredEvent('l', 'B', { previousTier: 'A' }).payload)).toBe('tier-down');
    expect(scoredKind(scoredEvent('l', 'D', { previousTier: 'C' }).payload)).toBe('tier-down');
    expect(scoredKind(scoredEvent('l', 'D', { previousTier: 'D' }).payload)).toBeNull();
    expect(scoredKind(scoredEvent('l', 'B', { previousTier: 'B', revision: 2 }).payload)).toBe('updated');
    expect(scoredKind(scoredEvent('l', 'B', { previousTier: 'B', revision: 1 }).payload)).toBeNull();
  });

  it('words it Chinese first and keys it by the score it announces, not the event', () => {
    const event = scoredEvent('lead-1', 'A', { previousTier: 'B', revision: 3 });
    const n = fromLeadScored(event, now)!;
    expect(n._id).toBe(scoredNotificationId(event.payload));
    expect(n._id).toBe('sc_lead-1_dadukou-ivd_r3_c1_test-1');
    expect(n.subject).toEqual({
      zh: '线索升至A级：集庆生物-lead-1',
      en: 'Lead moved up to tier A: 集庆生物-lead-1',
    });
    expect(n.lines.zh[1]).toBe('大渡口体外诊断产业集聚区评分 82（B→A级）');
    expect(n.lines.en[1]).toBe('Score at Dadukou IVD Cluster: 82 (tier B → A)');
    const dropped = fromLeadScored(scoredEvent('lead-1', 'D', { previousTier: 'C' }), now)!;
    expect(dropped.subject.zh).toBe('线索降至D级，已移出本园区线索清单：集庆生物-lead-1');
  });
});
