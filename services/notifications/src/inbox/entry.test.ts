import { createEvent, Events } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { buildInboxEntry, inboxKey, shouldNotify } from './entry.ts';

const scored = (tier: 'A' | 'B' | 'C' | 'D', previousTier?: 'A' | 'B' | 'C' | 'D') =>
  createEvent(Events.leadScored, {
    key: 'lead-1',
    source: 'test',
    payload: {
      leadId: 'lead-1',
      parkId: 'dadukou-ivd',
      firmName: '集庆生物',
      projectTitle: 'IVD 试剂生产基地',
      score: 81,
      tier,
      ...(previousTier ? { previousTier } : {}),
      matchedDirections: [{ code: 'ivd.poct', strength: 0.9, evidence: ['POCT'] }],
      reasons: { zh: ['契合承接方向「POCT」'], en: ['Fits intake direction "POCT"'] },
      engineVersion: 'test',
      catalogVersion: 1,
      profileRevision: 1,
    },
  });

describe('inbox rules', () => {
  it('notifies a new lead of tier C or better, never a tier D one', () => {
    expect(shouldNotify(scored('A').payload)).toBe('new-lead');
    expect(shouldNotify(scored('C').payload)).toBe('new-lead');
    expect(shouldNotify(scored('D').payload)).toBe(false);
  });

  it('notifies a move up, not a re-score at the same or a lower tier', () => {
    expect(shouldNotify(scored('A', 'B').payload)).toBe('tier-up');
    expect(shouldNotify(scored('B', 'B').payload)).toBe(false);
    expect(shouldNotify(scored('C', 'A').payload)).toBe(false);
  });

  it('keys entries by lead, park and tier so a redelivered event adds nothing', () => {
    const entry = buildInboxEntry(scored('A'), 'new-lead', new Date('2026-01-01T00:00:00Z'));
    expect(entry._id).toBe(inboxKey(scored('A').payload));
    expect(entry._id).toBe('lead-1:dadukou-ivd:A');
    expect(entry.title.zh).toContain('集庆生物');
    expect(entry.readAt).toBeNull();
  });
});
