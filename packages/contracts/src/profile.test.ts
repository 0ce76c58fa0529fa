import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from './credit-code.ts';
import { Contact, isChinesePhone, ProfileInput } from './profile.ts';

// A message a check words itself: Chinese, " / ", then English.
const BILINGUAL = /^.*\p{Script=Han}.* \/ [^\p{Script=Han}]+$/u;

const first17 = '91320500MA1PX8800';
const profile = (contact: Record<string, unknown>) => ({
  firm: {
    name: '谱析仪器有限公司',
    creditCode: first17 + creditCodeCheckChar(first17),
    province: '江苏',
    city: '苏州',
  },
  project: { title: '质谱仪生产', type: 'production', description: '三重四极杆液质联用仪' },
  contact,
  consent: { dataUse: true },
});

describe('profile contact', () => {
  it.each([
    ['a phone only', { name: '王经理', phone: '13800000000' }],
    ['an email only', { name: '王经理', email: 'wang@example.cn' }],
    ['both', { name: '王经理', phone: '0512-62345678', email: 'wang@example.cn' }],
  ])('accepts %s', (_, contact) => {
    expect(ProfileInput.safeParse(profile(contact)).success).toBe(true);
  });

  it('asks for a phone or an email, in Chinese and English, at contact.phone', () => {
    const result = ProfileInput.safeParse(profile({ name: '王经理' }));
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toEqual(['contact.phone']);
    expect(issues[0]?.message).toMatch(BILINGUAL);
    expect(issues[0]?.message).toContain('电话或邮箱');
  });

  it('checks the email format', () => {
    const result = Contact.safeParse({ name: '王经理', email: 'wang-at-example.cn' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['email', 'invalid_format'],
    ]);
  });

  it.each([
    '13800000000',
    '+86 138 0000 0000',
    '138-0000-0000',
    '008613912345678',
    '010-62345678',
    '(021) 5555 0001',
    '+86 21 5555 0001',
    '+86 0571 8799 6054',
    '0571-88888888',
    '0571-88888888 转 8001',
    '0571-88888888-8001',
    '0755-8888888#12',
  ])('accepts the Chinese phone number %s', (phone) => {
    expect(isChinesePhone(phone)).toBe(true);
    expect(Contact.safeParse({ name: '王经理', phone }).success).toBe(true);
  });

  it.each([
    '12345',
    '1380000000', // 10 digits
    '138000000000', // 12 digits
    '12800000000', // no mobile starts with 12
    '23800000000', // a landline needs the trunk 0
    '010-1234',
    '13800000000 转 1', // a mobile has no extension
    '+1 415 555 0100',
    '',
  ])('rejects %j with a message in both languages', (phone) => {
    expect(isChinesePhone(phone)).toBe(false);
    const issues = Contact.safeParse({ name: '王经理', phone }).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toEqual(['phone']);
    expect(issues[0]?.message).toMatch(BILINGUAL);
  });

  it('stops at the length limit before reading a long phone', () => {
    const issues = Contact.safeParse({ name: '王经理', phone: '1'.repeat(41) }).error?.issues ?? [];
    expect(issues.map((i) => i.code)).toEqual(['too_big']);
  });
});

describe('checks that word their own message', () => {
  it('say it in Chinese and English', () => {
    const bad = profile({ name: '王经理', phone: '13800000000' });
    bad.firm.creditCode = '91320500MA1PX88001';
    const result = ProfileInput.safeParse({
      ...bad,
      project: { ...bad.project, declaredCodes: ['IVD'] },
      consent: { dataUse: false },
    });
    const messages = Object.fromEntries(result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? []);
    expect(Object.keys(messages).sort()).toEqual([
      'consent.dataUse',
      'firm.creditCode',
      'project.declaredCodes.0',
    ]);
    for (const message of Object.values(messages)) expect(message).toMatch(BILINGUAL);
  });
});

describe('demo data', () => {
  it('parses every demo profile', () => {
    const file = path.resolve(import.meta.dirname, '../../../scripts/demo/profiles.json');
    const profiles = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    expect(profiles.length).toBeGreaterThan(0);
    for (const p of profiles) expect(ProfileInput.safeParse(p).error?.issues).toBeUndefined();
  });
});
