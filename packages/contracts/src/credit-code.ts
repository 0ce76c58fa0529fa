// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
// 31-character alphabet (no I, O, S, V, Z); the last one is a check character.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code.charAt(17);
}

/** Registration authorities (登记管理部门, position 1) and the organisation types each issues (position 2). */
const ORGANISATION_TYPES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制
  '2': '19', // 外交
  '3': '129', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商 / 市场监管: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

/** First two digits of an administrative division code (GB/T 2260): 10 = national, then the provinces. */
const PROVINCES = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/**
 * Why a code is not a unified social credit code, or undefined when it is one: the
 * alphabet and check character, and that the registration authority, the organisation
 * type it issues and the region of registration exist (`000000000000000000` passes the
 * checksum alone).
 */
export function creditCodeProblem(code: string): { zh: string; en: string } | undefined {
  if (!isValidCreditCode(code))
    return { zh: '格式或校验位不正确', en: 'wrong format or check character (GB 32100-2015)' };
  const types = ORGANISATION_TYPES[code.charAt(0)];
  if (!types) return { zh: '登记管理部门代码不存在', en: 'no such registration authority' };
  if (!types.includes(code.charAt(1)))
    return { zh: '机构类别代码不存在', en: 'no such organisation type for that authority' };
  if (!PROVINCES.has(code.slice(2, 4)))
    return { zh: '登记管理机关行政区划码不存在', en: 'no such administrative division' };
  return undefined;
}
