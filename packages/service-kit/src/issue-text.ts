import type { $ZodIssue } from 'zod/v4/core';

// What a validation issue says, in Chinese and in English, for the field errors of a problem.
//
// The Chinese text is built from the issue's code and parameters. A schema that words its own
// message writes it as `中文 / English` (e.g. `.refine(check, '统一社会信用代码无效 / invalid
// unified social credit code')`); both halves are then used as written. A message without
// that form stays the English text (zod's own, or the schema's), unless it is Chinese.

export interface ZhEn {
  zh: string;
  en: string;
}

const HAN = /\p{Script=Han}/u;
const BILINGUAL = /^(.*?\p{Script=Han}.*?) \/ ([^\p{Script=Han}]+)$/su;

/** `中文 / English` split in two, or undefined when the message has another form. */
export function splitBilingual(message: string): ZhEn | undefined {
  const match = BILINGUAL.exec(message);
  return match?.[1] && match[2] ? { zh: match[1].trim(), en: match[2].trim() } : undefined;
}

export function issueText(issue: $ZodIssue): ZhEn {
  const written = splitBilingual(issue.message);
  if (written) return written;
  // zod's wording for a missing value; nothing else says "received undefined"
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return { zh: '必填', en: 'required' };
  }
  const built = describe(issue);
  if (HAN.test(issue.message)) return { zh: issue.message, en: built.en };
  return { zh: built.zh, en: issue.message };
}

const TYPES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '列表',
  tuple: '列表',
  record: '对象',
  date: '日期',
  null: 'null',
};

const FORMATS: Record<string, ZhEn> = {
  email: { zh: '邮箱地址格式不正确', en: 'invalid email address' },
  url: { zh: '网址格式不正确', en: 'invalid URL' },
  uuid: { zh: 'UUID 格式不正确', en: 'invalid UUID' },
  guid: { zh: 'GUID 格式不正确', en: 'invalid GUID' },
  datetime: {
    zh: '日期时间格式不正确（应为 ISO 8601，如 2025-01-31T09:00:00Z）',
    en: 'invalid ISO date-time',
  },
  date: { zh: '日期格式不正确（应为 YYYY-MM-DD）', en: 'invalid date (YYYY-MM-DD)' },
  time: { zh: '时间格式不正确（应为 HH:MM:SS）', en: 'invalid time (HH:MM:SS)' },
  duration: { zh: '时长格式不正确（应为 ISO 8601）', en: 'invalid ISO duration' },
  ipv4: { zh: 'IPv4 地址格式不正确', en: 'invalid IPv4 address' },
  ipv6: { zh: 'IPv6 地址格式不正确', en: 'invalid IPv6 address' },
  e164: { zh: '电话号码格式不正确（应为 E.164，如 +8613800000000）', en: 'invalid E.164 phone number' },
  jwt: { zh: '令牌格式不正确', en: 'invalid token' },
  lowercase: { zh: '只能使用小写字母', en: 'must be lowercase' },
  uppercase: { zh: '只能使用大写字母', en: 'must be uppercase' },
  regex: { zh: '格式不正确', en: 'invalid format' },
};

const value = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

/** The unit a length bound counts, or undefined when the bound is on a number or a date. */
function counted(origin: string): ZhEn | undefined {
  if (origin === 'string') return { zh: '个字符', en: 'characters' };
  if (origin === 'array' || origin === 'set' || origin === 'map') return { zh: '项', en: 'items' };
  if (origin === 'file') return { zh: '字节', en: 'bytes' };
  return undefined;
}

function describe(issue: $ZodIssue): ZhEn {
  switch (issue.code) {
    case 'invalid_type': {
      const type = TYPES[issue.expected] ?? issue.expected;
      return { zh: `类型不正确，应为${type}`, en: `expected ${issue.expected}` };
    }
    case 'too_small': {
      const unit = counted(issue.origin);
      const n = String(issue.minimum);
      if (unit && issue.exact) return { zh: `应为 ${n} ${unit.zh}`, en: `must have exactly ${n} ${unit.en}` };
      if (unit && issue.origin === 'string' && n === '1') return { zh: '不能为空', en: 'must not be empty' };
      if (unit && n === '1') return { zh: '至少需要 1 项', en: 'needs at least 1 item' };
      if (unit) return { zh: `至少 ${n} ${unit.zh}`, en: `must have at least ${n} ${unit.en}` };
      return issue.inclusive === false
        ? { zh: `应大于 ${n}`, en: `must be greater than ${n}` }
        : { zh: `不能小于 ${n}`, en: `must be at least ${n}` };
    }
    case 'too_big': {
      const unit = counted(issue.origin);
      const n = String(issue.maximum);
      if (unit && issue.exact) return { zh: `应为 ${n} ${unit.zh}`, en: `must have exactly ${n} ${unit.en}` };
      if (unit) return { zh: `最多 ${n} ${unit.zh}`, en: `must have at most ${n} ${unit.en}` };
      return issue.inclusive === false
        ? { zh: `应小于 ${n}`, en: `must be less than ${n}` }
        : { zh: `不能大于 ${n}`, en: `must be at most ${n}` };
    }
    case 'invalid_format': {
      if (issue.format === 'starts_with' && 'prefix' in issue)
        return { zh: `应以 ${value(issue.prefix)} 开头`, en: `must start with ${value(issue.prefix)}` };
      if (issue.format === 'ends_with' && 'suffix' in issue)
        return { zh: `应以 ${value(issue.suffix)} 结尾`, en: `must end with ${value(issue.suffix)}` };
      if (issue.format === 'includes' && 'includes' in issue)
        return { zh: `应包含 ${value(issue.includes)}`, en: `must include ${value(issue.includes)}` };
      return FORMATS[issue.format] ?? { zh: `格式不正确（${issue.format}）`, en: `invalid ${issue.format}` };
    }
    case 'not_multiple_of':
      return { zh: `应为 ${issue.divisor} 的倍数`, en: `must be a multiple of ${issue.divisor}` };
    case 'unrecognized_keys': {
      const keys = issue.keys.map(value);
      return { zh: `不允许的字段：${keys.join('、')}`, en: `unknown field(s): ${keys.join(', ')}` };
    }
    case 'invalid_value': {
      const values = issue.values.map(value);
      return values.length === 1
        ? { zh: `应为 ${values[0]}`, en: `must be ${values[0]}` }
        : { zh: `应为以下之一：${values.join('、')}`, en: `must be one of ${values.join(', ')}` };
    }
    case 'invalid_union':
      return { zh: '不符合任何一种允许的形式', en: 'matches none of the allowed forms' };
    case 'invalid_key':
      return { zh: '含有无效的键', en: 'has an invalid key' };
    case 'invalid_element':
      return { zh: '含有无效的元素', en: 'has an invalid element' };
    case 'custom':
      return { zh: '取值无效', en: 'invalid value' };
  }
}
