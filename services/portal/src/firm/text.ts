import type { Bilingual } from '@parkmatch/contracts';

/** Words of the firm's pages. */
export const FIRM_TEXT = {
  newTitle: { zh: '提交项目信息', en: 'Submit your project' },
  newLead: {
    zh: '有意在重庆落地或扩产的生物医药企业，请填写以下信息。系统会将您的项目与各园区的承接方向自动匹配，并推送给相符园区的招商团队，由专人与您对接。无需注册账号。',
    en: 'Biomedical firms thinking of moving to or expanding in Chongqing: fill in the form below. ParkMatch matches your project against every park’s intake directions and passes it to the teams of the parks it fits, who will contact you. No account needed.',
  },
  submit: { zh: '提交项目信息', en: 'Submit' },
  choose: { zh: '请选择', en: 'Choose' },
  creditCodeInvalid: {
    zh: '统一社会信用代码无效：应为 18 位，且最后一位校验码正确（见营业执照）',
    en: 'Not a valid unified social credit code: 18 characters with a correct check character (see the business licence)',
  },
  declaredSummary: { zh: '自选承接方向（选填）', en: 'Pick directions yourself (optional)' },
  declaredLabel: { zh: '您认为项目属于的方向', en: 'Directions you think the project belongs to' },
  declaredHint: {
    zh: '系统主要依据项目介绍判断；您的选择作为参考，最多 20 项。',
    en: 'Matching reads mainly your description; what you pick counts as a hint, 20 at most.',
  },
  expired: {
    zh: '页面停留时间过长，为保护您的信息，本次未提交。您填写的内容都已保留，请检查后再次提交。',
    en: 'This page was open for a long time, so to protect your data nothing was sent. Everything you typed is kept: check it and submit again.',
  },
  linkAgain: {
    zh: '您的访问已过期，本次未保存。请在新标签页中重新打开您的专属链接，然后回到本页再次提交；您填写的内容都已保留。',
    en: 'Your visit expired, so nothing was saved. Open your private link again in a new tab, then come back and submit this page again; everything you typed is kept.',
  },
  duplicateHint: {
    zh: '如您已提交过，请使用当时获得的专属链接查看和修改；链接遗失请联系园区招商团队重新发送。',
    en: 'If you submitted before, use the private link you got then to view and change it; if you lost it, ask a park team to send a new one.',
  },
  submittedTitle: { zh: '提交成功', en: 'Submitted' },
  submittedLead: {
    zh: '感谢您提交项目信息。系统正在与各园区的承接方向匹配，通常几秒钟内完成；相符园区的招商团队会与您联系。',
    en: 'Thank you. Your project is being matched against every park’s intake directions, usually within seconds; the teams of the parks it fits will contact you.',
  },
  linkLabel: { zh: '您的专属链接', en: 'Your private link' },
  linkHint: {
    zh: '凭此链接可随时查看进度、修改或撤回项目信息。请收藏或保存，不要转发给他人。',
    en: 'With this link you can follow the project, change it or withdraw it at any time. Bookmark or save it, and do not pass it on.',
  },
  linkValidUntil: { zh: '链接有效期至', en: 'Valid until' },
  copy: { zh: '复制链接', en: 'Copy link' },
  copied: { zh: '已复制', en: 'Copied' },
  projectNumber: { zh: '项目编号', en: 'Project number' },
  viewStatus: { zh: '查看项目进度', en: 'See the project’s status' },
  statusTitle: { zh: '项目进度', en: 'Project status' },
  stage: { zh: '当前阶段', en: 'Stage' },
  stagesLabel: { zh: '招商流程', en: 'The steps' },
  owner: { zh: '跟进园区', en: 'Park working with you' },
  interested: { zh: '与您项目相符的园区', en: 'Parks your project fits' },
  interestedHint: {
    zh: '以下园区的承接方向与您的项目相符，其招商团队已收到您的项目信息。',
    en: 'These parks’ intake directions fit your project; their teams have your profile.',
  },
  fitsLabel: { zh: '相符的承接方向', en: 'Intake directions your project fits' },
  fitsUnknown: {
    zh: '该园区的承接方向与您的项目总体相符。',
    en: 'The park’s intake directions fit your project as a whole.',
  },
  matching: {
    zh: '正在为您匹配园区，请稍候刷新本页。',
    en: 'Your project is being matched; refresh this page in a moment.',
  },
  noneYet: {
    zh: '暂未有园区的承接方向与您的项目相符。补充项目介绍（主要产品、核心技术）有助于匹配。',
    en: 'No park’s intake directions fit your project yet. Naming main products and core technologies in the description helps.',
  },
  submittedOn: { zh: '提交时间', en: 'Submitted' },
  profile: { zh: '项目信息', en: 'Your profile' },
  edit: { zh: '修改项目信息', en: 'Change the profile' },
  editTitle: { zh: '修改项目信息', en: 'Change your profile' },
  editLead: {
    zh: '修改后系统会重新匹配，相符园区的招商团队将看到最新信息。',
    en: 'After a change the project is matched again, and the teams see the new version.',
  },
  save: { zh: '保存修改', en: 'Save changes' },
  updated: {
    zh: '项目信息已更新，系统正在重新匹配。',
    en: 'Your profile was updated and is being matched again.',
  },
  withdraw: { zh: '撤回项目信息', en: 'Withdraw the profile' },
  withdrawTitle: { zh: '撤回项目信息', en: 'Withdraw your profile' },
  withdrawLead: {
    zh: '撤回后，招商团队将不再跟进此项目，联系人信息将被删除，且无法恢复。如需再次对接，请重新提交。',
    en: 'Once withdrawn, no team follows the project any more and your contact details are erased; this cannot be undone. To talk again, submit anew.',
  },
  withdrawConfirm: { zh: '确认撤回', en: 'Withdraw' },
  withdrawCancel: { zh: '返回，不撤回', en: 'Back, keep it' },
  withdrawn: {
    zh: '项目信息已撤回，联系人信息已删除。感谢您的关注。',
    en: 'Your profile was withdrawn and your contact details erased. Thank you.',
  },
  withdrawnState: {
    zh: '此项目信息已撤回，不能再修改。',
    en: 'This profile was withdrawn; it can no longer be changed.',
  },
  needLinkTitle: { zh: '请通过专属链接打开', en: 'Open this page with your private link' },
  needLinkBody: {
    zh: '为保护企业信息，此页面只能通过提交后获得的专属链接打开。链接遗失？请联系对接园区的招商团队重新发送。',
    en: 'To protect your data, this page opens only through the private link you got when you submitted. Lost it? Ask the park team working with you to send a new one.',
  },
  badLinkTitle: { zh: '链接无效或已过期', en: 'This link is not valid any more' },
  badLinkBody: {
    zh: '此链接无法打开项目信息：可能已过期或不完整。请联系对接园区的招商团队重新发送链接。',
    en: 'This link does not open a profile: it may have expired or been cut short. Ask the park team working with you to send a new one.',
  },
  newProject: { zh: '提交新的项目', en: 'Submit another project' },
  firmServices: {
    zh: '企业服务：融资对接、研发服务和服务券',
    en: 'Firm services: financing, R&D services and vouchers',
  },
  fields: {
    zh: '企业名称',
    en: 'Firm',
  },
  city: { zh: '所在地', en: 'Location' },
  type: { zh: '项目类型', en: 'Project type' },
  investment: { zh: '计划投资额', en: 'Planned investment' },
  description: { zh: '项目介绍', en: 'Description' },
} as const satisfies Record<string, Bilingual>;
