import type { Bilingual } from '@parkmatch/contracts';

/** Words of the page frame and of every page. */
export const LAYOUT_TEXT = {
  brand: { zh: '园区招商匹配', en: 'ParkMatch' },
  brandSub: { zh: '重庆生物医药产业园区', en: 'Chongqing biomedical parks' },
  skip: { zh: '跳到正文', en: 'Skip to content' },
  home: { zh: '首页', en: 'Home' },
  inbox: { zh: '收件箱', en: 'Inbox' },
  unread: { zh: '未读', en: 'unread' },
  ranked: { zh: '线索排名', en: 'Ranked leads' },
  board: { zh: '跟进看板', en: 'Pipeline board' },
  list: { zh: '线索清单', en: 'Lead list' },
  dashboard: { zh: '数据看板', en: 'Dashboard' },
  catalog: { zh: '承接方向', en: 'Directions' },
  settings: { zh: '通知设置', en: 'Notifications' },
  keyFirms: { zh: '重点培育', en: 'Key firms' },
  channels: { zh: '园区通知', en: 'Park alerts' },
  targets: { zh: '目标设定', en: 'Targets' },
  firmServices: { zh: '企业服务', en: 'Firm services' },
  signIn: { zh: '团队登录', en: 'Team sign-in' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  teamNav: { zh: '团队导航', en: 'Team navigation' },
  languageNav: { zh: '语言', en: 'Language' },
  footer: {
    zh: '本平台仅用于园区招商对接；企业信息只向匹配的园区招商团队展示。',
    en: 'For investment promotion only: a firm’s profile is shown only to the teams of the parks it fits.',
  },
  notFoundTitle: { zh: '页面不存在', en: 'Page not found' },
  notFoundBody: {
    zh: '您要找的页面不存在，或链接已失效。',
    en: 'The page you asked for does not exist, or the link is no longer valid.',
  },
  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  errorBody: {
    zh: '页面暂时无法显示，请稍后重试。若问题持续，请把下面的请求编号告诉管理员。',
    en: 'The page cannot be shown right now; please try again shortly. If it keeps failing, give the request id below to your administrator.',
  },
  unavailableTitle: { zh: '服务暂不可用', en: 'Service unavailable' },
  unavailableBody: {
    zh: '平台的某项服务暂时无法访问，您的数据没有丢失，请稍后重试。',
    en: 'One of the platform’s services cannot be reached right now; nothing was lost. Please try again shortly.',
  },
  requestId: { zh: '请求编号', en: 'Request id' },
  backHome: { zh: '返回首页', en: 'Back to the home page' },
  forbiddenTitle: { zh: '无法验证此请求', en: 'This request could not be verified' },
  forbiddenBody: {
    zh: '为保护您的账户，平台只接受从本站页面提交的表单。请返回上一页重新操作。',
    en: 'To protect your account, the portal only accepts forms sent from its own pages. Please go back and try again.',
  },
  fixErrors: { zh: '请修改以下问题后再提交', en: 'Please fix the following and submit again' },
  optional: { zh: '选填', en: 'optional' },
  required: { zh: '必填', en: 'required' },
} as const satisfies Record<string, Bilingual>;

export const ROLE_LABELS: Record<
  'analyst' | 'manager' | 'admin' | 'bank-officer' | 'service-operator',
  Bilingual
> = {
  analyst: { zh: '招商分析员', en: 'Analyst' },
  manager: { zh: '管理者', en: 'Manager' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  'bank-officer': { zh: '银行客户经理', en: 'Bank officer' },
  'service-operator': { zh: '服务机构', en: 'Service operator' },
};
