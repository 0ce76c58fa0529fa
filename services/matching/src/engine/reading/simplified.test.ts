import { describe, expect, it } from 'vitest';
import { toSimplified } from './simplified.ts';

describe('toSimplified', () => {
  it('turns traditional characters into simplified ones', () => {
    expect(toSimplified('體外診斷試劑與醫療器械')).toBe('体外诊断试剂与医疗器械');
  });
  it("turns Taiwan's words into the mainland's", () => {
    expect(toSimplified('奈米塗層的軟體與單晶矽')).toBe('纳米涂层的软件与单晶硅');
    expect(toSimplified('次世代定序、基因定序、單株抗體、學名藥與人工智慧')).toBe(
      '二代测序、基因测序、单克隆抗体、仿制药与人工智能',
    );
  });
  it('returns simplified, mixed-script and English text unchanged', () => {
    for (const text of [
      '著名企业的干细胞研究，乾隆年间',
      '化学发光 CLIA analyzers',
      'point-of-care testing',
      '',
    ])
      expect(toSimplified(text)).toBe(text);
  });
});
