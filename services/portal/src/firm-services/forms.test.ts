import { describe, expect, it } from 'vitest';
import { numberField, parseNumber, problemErrors, summaryOf } from './forms.ts';

describe('the firm-services forms', () => {
  it('read numbers as people type them', () => {
    expect(parseNumber(' 1,000 ')).toBe(1000);
    expect(parseNumber('１２．５')).toBe(12.5);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('12abc')).toBeNaN();
    expect(parseNumber('1e9')).toBeNaN();
    expect(numberField('0.5', 'zh', { scale: 10_000 })).toEqual({ value: 5000 });
    expect(numberField('', 'en')).toEqual({ error: 'Fill this in' });
    expect(numberField('', 'en', { required: false })).toEqual({});
    expect(numberField('x', 'zh')).toEqual({ error: '请填写数字' });
  });

  it('put the service’s field errors on the nearest field, in the visitor’s language', () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'see errors',
      errors: [
        { path: 'offer.amountCny', message: '金额超出', messageEn: 'out of range', code: 'range' },
        { path: 'collateral.1', message: '无效选项', messageEn: 'invalid option', code: 'enum' },
        { path: 'collateral.2', message: '无效选项', messageEn: 'invalid option', code: 'enum' },
        { path: 'leadId', message: '未知企业', messageEn: 'unknown firm', code: 'unknown' },
      ],
    };
    const zh = problemErrors(problem, ['offer.amountCny', 'collateral'], 'zh');
    expect(zh.errors).toEqual({ 'offer.amountCny': '金额超出', collateral: '无效选项' });
    expect(zh.general).toEqual(['未知企业']);
    expect(problemErrors(problem, ['offer', 'collateral'], 'en').errors.offer).toBe('out of range');
    expect(summaryOf(zh, ['collateral', 'offer.amountCny'], 'p-')).toEqual([
      { field: 'p-collateral', message: '无效选项' },
      { field: 'p-offer.amountCny', message: '金额超出' },
      { message: '未知企业' },
    ]);
    // A refusal without field errors says its detail.
    expect(
      problemErrors({ type: 'about:blank', title: 'Conflict', status: 409, detail: '已答复' }, [], 'zh')
        .general,
    ).toEqual(['已答复']);
  });
});
