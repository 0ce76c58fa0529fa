import { describe, expect, it } from 'vitest';
import { truncateUtf8, utf8Length } from './truncate.ts';

describe('truncateUtf8', () => {
  it('leaves a text that fits alone', () => {
    expect(truncateUtf8('新线索', 9)).toBe('新线索');
  });

  it('cuts Chinese on a character boundary, ellipsis included in the limit', () => {
    const text = '体外诊断'.repeat(400); // 4,800 bytes
    const cut = truncateUtf8(text, 4096);
    expect(utf8Length(cut)).toBeLessThanOrEqual(4096);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(utf8Length(cut)).toBeGreaterThan(4096 - 6); // no more than one character short
  });

  it('never splits an emoji or a combined sequence', () => {
    const cut = truncateUtf8(`ab${'👨‍👩‍👧'.repeat(10)}`, 30);
    expect(utf8Length(cut)).toBeLessThanOrEqual(30);
    expect([...new Intl.Segmenter().segment(cut.slice(2, -1))].every((s) => s.segment === '👨‍👩‍👧')).toBe(
      true,
    );
  });
});
