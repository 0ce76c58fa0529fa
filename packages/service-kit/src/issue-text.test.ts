import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueText, splitBilingual } from './issue-text.ts';

/** The texts of the first issue a schema raises on a value. */
function textOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  const [issue] = result.error.issues;
  if (!issue) throw new Error('no issue');
  return issueText(issue);
}

describe('validation issues in Chinese and English', () => {
  it.each([
    ['an empty string', z.string().min(1), '', '不能为空'],
    ['a short string', z.string().min(3), 'ab', '至少 3 个字符'],
    ['a long string', z.string().max(5), 'abcdef', '最多 5 个字符'],
    ['a string of the wrong length', z.string().length(18), 'abc', '应为 18 个字符'],
    ['a small number', z.number().min(1900), 1800, '不能小于 1900'],
    ['a negative number', z.number().positive(), -1, '应大于 0'],
    ['a large number', z.number().max(120), 121, '不能大于 120'],
    ['an empty list', z.array(z.string()).min(1), [], '至少需要 1 项'],
    ['a long list', z.array(z.string()).max(2), ['a', 'b', 'c'], '最多 2 项'],
    ['a wrong type', z.number(), 'one', '类型不正确，应为数字'],
    ['a fraction for an integer', z.number().int(), 1.5, '类型不正确，应为整数'],
    ['a missing value', z.strictObject({ a: z.string() }), {}, '必填'],
    ['a bad email', z.email(), 'no', '邮箱地址格式不正确'],
    ['a bad URL', z.url(), 'nope', '网址格式不正确'],
    ['a pattern miss', z.string().regex(/^[a-z]+$/), 'A1', '格式不正确'],
    ['a wrong prefix', z.string().startsWith('91'), '12', '应以 "91" 开头'],
    ['an unknown option', z.enum(['production', 'service']), 'x', '应为以下之一："production"、"service"'],
    ['a wrong literal', z.literal(true), false, '应为 true'],
    ['an unknown field', z.strictObject({}), { extra: 1, more: 2 }, '不允许的字段："extra"、"more"'],
    ['a multiple', z.number().multipleOf(5), 7, '应为 5 的倍数'],
    ['no union member', z.union([z.string(), z.number()]), true, '不符合任何一种允许的形式'],
    ['a refinement without words', z.string().refine(() => false), 'x', '取值无效'],
  ])('words %s', (_, schema, value, zh) => {
    const text = textOf(schema, value);
    expect(text.zh).toBe(zh);
    expect(text.en).toMatch(/^[^\p{Script=Han}]+$/u);
  });

  it('says "required" in English for a missing value', () => {
    expect(textOf(z.strictObject({ a: z.number() }), {})).toEqual({ zh: '必填', en: 'required' });
  });

  it('keeps zod or the schema as the English text', () => {
    expect(textOf(z.string().min(2), 'a').en).toBe('Too small: expected string to have >=2 characters');
    expect(textOf(z.string().regex(/^\d+$/, 'digits only'), 'a')).toEqual({
      zh: '格式不正确',
      en: 'digits only',
    });
  });

  it('uses both halves of a schema\'s "中文 / English" message, on any kind of issue', () => {
    const refined = z
      .string()
      .refine(() => false, '统一社会信用代码无效 / invalid credit code (GB 32100-2015)');
    expect(textOf(refined, 'x')).toEqual({
      zh: '统一社会信用代码无效',
      en: 'invalid credit code (GB 32100-2015)',
    });
    const literal = z.literal(true, { error: '需要同意数据使用 / consent is required' });
    expect(textOf(literal, false)).toEqual({ zh: '需要同意数据使用', en: 'consent is required' });
  });

  it('keeps a Chinese-only message as the Chinese text and builds the English one', () => {
    expect(textOf(z.string().max(2, '太长了'), 'abc')).toEqual({
      zh: '太长了',
      en: 'must have at most 2 characters',
    });
  });

  it('splits only messages of the form "中文 / English"', () => {
    expect(splitBilingual('电话或邮箱 / phone or e-mail / fax')).toEqual({
      zh: '电话或邮箱',
      en: 'phone or e-mail / fax',
    });
    expect(splitBilingual('either / or')).toBeUndefined();
    expect(splitBilingual('中文 / 中文')).toBeUndefined();
    expect(splitBilingual('只有中文')).toBeUndefined();
  });
});
