// Distinct, valid relocation profiles for load: the labelled profiles of matching's eval set
// as a base, each copy with its own unified social credit code (GB 32100 check character),
// firm name, description, figures and contact phone. Deterministic for a given seed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { creditCodeCheckChar, ProfileInput } from '@parkmatch/contracts';

const root = path.resolve(import.meta.dirname, '../..');
export const LABELLED_SET = path.join(root, 'services/matching/eval/labelled.jsonl');

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // GB 32100: no I, O, S, V, Z
const REGIONS = ['500104', '500000', '310115', '440300', '320500', '110108', '510100', '330100'];
const SITES = ['西南', '重庆', '成渝', '长江上游', '西部'];
const EXTRAS = [
  '计划分两期建设，首期以租赁标准厂房起步。',
  '已与当地医院及第三方检测机构建立合作意向。',
  '团队核心成员具有十年以上行业经验。',
  '项目建成后将同步申请相关产品注册证。',
  '希望园区在人才公寓与融资对接方面给予支持。',
  '现有产品已进入多个省级集采目录。',
];

/** The labelled profiles, as submitted (each checked against the contract's schema). */
export function loadBaseProfiles(file = LABELLED_SET): ProfileInput[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    const { profile } = JSON.parse(line) as { profile: unknown };
    const parsed = ProfileInput.safeParse(profile);
    if (!parsed.success) throw new Error(`${file}:${i + 1} is not a valid profile: ${parsed.error.message}`);
    return profile as ProfileInput;
  });
}

/** A 9-character organisation part from a number (base 31 over the credit-code alphabet). */
function orgPart(n: number): string {
  let out = '';
  let v = n;
  for (let i = 0; i < 9; i++) {
    out = ALPHABET.charAt(v % 31) + out;
    v = Math.floor(v / 31);
  }
  return out;
}

export function creditCodeFor(serial: number, region = REGIONS[serial % REGIONS.length] ?? '500104'): string {
  const first17 = `91${region}${orgPart(serial)}`;
  const check = creditCodeCheckChar(first17);
  if (check === undefined) throw new Error(`bad credit code body ${first17}`);
  return first17 + check;
}

/**
 * An endless source of distinct profiles. `serial` numbers are never reused within one
 * factory, so every credit code it hands out is new (a run uses one factory for all phases).
 */
export class ProfileFactory {
  readonly #base: ProfileInput[];
  #serial: number;
  #seed: number;
  #made = 0;

  constructor(base: ProfileInput[] = loadBaseProfiles(), seed = 20_261_124) {
    if (base.length === 0) throw new Error('no base profiles');
    this.#base = base;
    // Start past small numbers so codes do not look like the fixtures' hand-written ones.
    this.#serial = 1_000_000 + (seed % 1_000_000);
    this.#seed = seed;
  }

  /** How many profiles were made so far. */
  get made(): number {
    return this.#made;
  }

  #rand(): number {
    this.#seed = (this.#seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return this.#seed / 2_147_483_648;
  }

  next(): ProfileInput {
    const serial = this.#serial++;
    this.#made++;
    const base = this.#base[serial % this.#base.length] as ProfileInput;
    const site = SITES[serial % SITES.length] ?? '';
    const extra = EXTRAS[Math.floor(this.#rand() * EXTRAS.length)] ?? '';
    const scale = 0.4 + this.#rand() * 1.8;
    const firmName = base.firm.name.endsWith('有限公司')
      ? `${base.firm.name.slice(0, -4)}${site}${serial}有限公司`
      : `${base.firm.name}${site}${serial}`;
    const planned = base.project.plannedInvestmentCny;
    const output = base.project.expectedAnnualOutputCny;
    const employees = base.firm.employees;
    return {
      ...base,
      firm: {
        ...base.firm,
        name: firmName.slice(0, 100),
        creditCode: creditCodeFor(serial),
        ...(employees === undefined ? {} : { employees: Math.max(1, Math.round(employees * scale)) }),
      },
      project: {
        ...base.project,
        title: `${base.project.title}（${site}）`.slice(0, 200),
        description: `${base.project.description}${extra}（项目编号 ${serial}）`.slice(0, 5000),
        ...(planned === undefined ? {} : { plannedInvestmentCny: Math.round(planned * scale) }),
        ...(output === undefined ? {} : { expectedAnnualOutputCny: Math.round(output * scale) }),
        timelineMonths: Math.floor(this.#rand() * 36),
      },
      contact: {
        ...base.contact,
        phone: `139${String(serial % 100_000_000).padStart(8, '0')}`,
      },
    };
  }

  /** The next profile as the JSON body of a POST. */
  nextBody(): string {
    return JSON.stringify(this.next());
  }
}
