import {
  type Bilingual,
  CHAIN_POSITIONS,
  GROWTH_STAGES,
  NEEDS,
  PROJECT_TYPES,
  QUALIFICATIONS,
} from '@parkmatch/contracts';
import {
  CHAIN_POSITION_LABELS,
  GROWTH_STAGE_LABELS,
  NEED_LABELS,
  PROJECT_TYPE_LABELS,
  QUALIFICATION_LABELS,
} from '../i18n/profile-labels.ts';

// The profile form: the fields of ProfileInput (packages/contracts/src/profile.ts), grouped
// and explained. A field's name is its path in ProfileInput, so the API's field errors
// (`firm.creditCode`) land on the field they concern.

export type FieldKind =
  | 'text'
  | 'textarea'
  /** A list, one item a line. */
  | 'lines'
  | 'integer'
  /** An amount typed in 万元 (10,000 CNY), sent in CNY. */
  | 'wan'
  | 'decimal'
  | 'select'
  | 'radio'
  | 'checks'
  | 'consent'
  | 'email'
  | 'tel';

export interface FieldSpec {
  path: string;
  kind: FieldKind;
  label: Bilingual;
  hint?: Bilingual;
  required?: boolean;
  maxlength?: number;
  autocomplete?: string;
  suffix?: Bilingual;
  options?: readonly { value: string; label: Bilingual }[];
}

export interface GroupSpec {
  id: string;
  legend: Bilingual;
  intro: Bilingual;
  fields: readonly FieldSpec[];
}

const options = <T extends string>(codes: readonly T[], labels: Record<T, Bilingual>) =>
  codes.map((value) => ({ value, label: labels[value] }));

const WAN: Bilingual = { zh: '万元', en: '×10,000 CNY' };

export const PROFILE_GROUPS: readonly GroupSpec[] = [
  {
    id: 'firm',
    legend: { zh: '一、企业基本信息', en: '1. About the firm' },
    intro: {
      zh: '请按营业执照填写。统一社会信用代码用于识别企业，同一企业只需提交一次，之后可凭专属链接修改。',
      en: 'As on the business licence. The credit code identifies the firm: submit once, then change the profile through your private link.',
    },
    fields: [
      {
        path: 'firm.name',
        kind: 'text',
        required: true,
        maxlength: 100,
        autocomplete: 'organization',
        label: { zh: '企业名称', en: 'Firm name' },
      },
      {
        path: 'firm.creditCode',
        kind: 'text',
        required: true,
        maxlength: 18,
        label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
        hint: {
          zh: '18 位，见营业执照，例如 91350100M000100Y43',
          en: '18 characters, on the business licence, e.g. 91350100M000100Y43',
        },
      },
      {
        path: 'firm.province',
        kind: 'text',
        required: true,
        maxlength: 20,
        label: { zh: '所在省份', en: 'Province' },
        hint: { zh: '企业目前所在地', en: 'Where the firm is now' },
      },
      {
        path: 'firm.city',
        kind: 'text',
        required: true,
        maxlength: 40,
        label: { zh: '所在城市', en: 'City' },
      },
      {
        path: 'firm.foundedYear',
        kind: 'integer',
        label: { zh: '成立年份', en: 'Year founded' },
        hint: { zh: '例如 2018', en: 'e.g. 2018' },
      },
      {
        path: 'firm.employees',
        kind: 'integer',
        label: { zh: '员工人数', en: 'Employees' },
        suffix: { zh: '人', en: 'people' },
      },
      {
        path: 'firm.revenueCny',
        kind: 'wan',
        label: { zh: '上年营业收入', en: 'Revenue last year' },
        suffix: WAN,
      },
      {
        path: 'firm.qualifications',
        kind: 'checks',
        label: { zh: '企业资质', en: 'Qualifications' },
        options: options(QUALIFICATIONS, QUALIFICATION_LABELS),
      },
      {
        path: 'firm.registrationCertificates',
        kind: 'integer',
        label: { zh: '医疗器械注册证数量', en: 'Device registration certificates' },
        suffix: { zh: '张', en: '' },
      },
      {
        path: 'firm.filingCertificates',
        kind: 'integer',
        label: { zh: '医疗器械备案证数量', en: 'Device filing certificates' },
        suffix: { zh: '张', en: '' },
      },
      {
        path: 'firm.patents',
        kind: 'integer',
        label: { zh: '专利数量', en: 'Patents' },
        suffix: { zh: '项', en: '' },
      },
    ],
  },
  {
    id: 'project',
    legend: { zh: '二、拟落地项目', en: '2. The project' },
    intro: {
      zh: '园区根据项目内容与其承接方向匹配。请具体写出产品、技术和工艺（中英文均可），越具体，匹配越准确。',
      en: 'Parks are matched on what the project is. Name products, technologies and processes (Chinese or English): the more specific, the better the match.',
    },
    fields: [
      {
        path: 'project.title',
        kind: 'text',
        required: true,
        maxlength: 200,
        label: { zh: '项目名称', en: 'Project title' },
        hint: { zh: '例如：临床质谱仪生产基地', en: 'e.g. Clinical mass-spectrometer plant' },
      },
      {
        path: 'project.type',
        kind: 'radio',
        required: true,
        label: { zh: '项目类型', en: 'Project type' },
        options: options(PROJECT_TYPES, PROJECT_TYPE_LABELS),
      },
      {
        path: 'project.description',
        kind: 'textarea',
        required: true,
        maxlength: 5000,
        label: { zh: '项目介绍', en: 'Description' },
        hint: {
          zh: '主营产品、核心技术、拟落地内容等',
          en: 'Main products, core technologies, what would move',
        },
      },
      {
        path: 'project.products',
        kind: 'lines',
        label: { zh: '主要产品', en: 'Main products' },
        hint: { zh: '每行一项', en: 'One a line' },
      },
      {
        path: 'project.technologies',
        kind: 'lines',
        label: { zh: '核心技术', en: 'Core technologies' },
        hint: { zh: '每行一项，如 化学发光、LC-MS/MS', en: 'One a line, e.g. chemiluminescence, LC-MS/MS' },
      },
      {
        path: 'project.chainPosition',
        kind: 'select',
        label: { zh: '产业链环节', en: 'Position in the chain' },
        options: options(CHAIN_POSITIONS, CHAIN_POSITION_LABELS),
      },
      {
        path: 'project.growthStage',
        kind: 'select',
        label: { zh: '发展阶段', en: 'Growth stage' },
        options: options(GROWTH_STAGES, GROWTH_STAGE_LABELS),
      },
      {
        path: 'project.plannedInvestmentCny',
        kind: 'wan',
        label: { zh: '计划投资额', en: 'Planned investment' },
        suffix: WAN,
      },
      {
        path: 'project.expectedAnnualOutputCny',
        kind: 'wan',
        label: { zh: '预计年产值', en: 'Expected annual output' },
        suffix: WAN,
      },
      {
        path: 'project.floorAreaM2',
        kind: 'decimal',
        label: { zh: '所需面积', en: 'Floor area needed' },
        suffix: { zh: '平方米', en: 'm²' },
      },
      {
        path: 'project.timelineMonths',
        kind: 'integer',
        label: { zh: '计划多久后投产', en: 'Months until operating' },
        suffix: { zh: '个月', en: 'months' },
      },
      {
        path: 'project.needs',
        kind: 'checks',
        label: { zh: '希望园区提供的支持', en: 'Support wanted from the park' },
        options: options(NEEDS, NEED_LABELS),
      },
    ],
  },
  {
    id: 'contact',
    legend: { zh: '三、联系人', en: '3. Contact person' },
    intro: {
      zh: '仅供匹配园区的招商团队与您联系，不会公开。电话和邮箱至少填写一项。',
      en: 'Only for the teams of the parks that fit to reach you; never published. Give a phone number or an email address, or both.',
    },
    fields: [
      {
        path: 'contact.name',
        kind: 'text',
        required: true,
        maxlength: 50,
        autocomplete: 'name',
        label: { zh: '姓名', en: 'Name' },
      },
      {
        path: 'contact.title',
        kind: 'text',
        maxlength: 50,
        autocomplete: 'organization-title',
        label: { zh: '职务', en: 'Job title' },
      },
      {
        path: 'contact.phone',
        kind: 'tel',
        maxlength: 40,
        autocomplete: 'tel',
        label: { zh: '电话', en: 'Phone' },
        hint: { zh: '手机或带区号的座机', en: 'Mobile, or landline with area code' },
      },
      {
        path: 'contact.email',
        kind: 'email',
        maxlength: 200,
        autocomplete: 'email',
        label: { zh: '邮箱', en: 'Email' },
      },
    ],
  },
  {
    id: 'consent',
    legend: { zh: '四、数据使用授权', en: '4. Consent' },
    intro: {
      zh: '项目信息将用于与各园区承接方向匹配，并向匹配的园区招商团队展示。您可随时凭专属链接撤回，撤回后联系人信息将被删除。',
      en: 'The profile is matched against the parks’ intake directions and shown to the teams of the parks it fits. You may withdraw it at any time through your private link; your contact details are then erased.',
    },
    fields: [
      {
        path: 'consent.dataUse',
        kind: 'consent',
        required: true,
        label: { zh: '我同意上述数据使用方式', en: 'I agree to this use of the data' },
      },
    ],
  },
];

/** Every field, in form order. */
export const PROFILE_FIELDS: readonly FieldSpec[] = PROFILE_GROUPS.flatMap((group) => group.fields);

/** The field the taxonomy codes a firm picks itself go in (shown when the park list is at hand). */
export const DECLARED_CODES = 'project.declaredCodes';
