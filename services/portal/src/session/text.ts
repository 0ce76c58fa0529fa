import type { Bilingual } from '@parkmatch/contracts';

/** Words of signing in and out. */
export const SESSION_TEXT = {
  title: { zh: '招商团队登录', en: 'Team sign-in' },
  lead: {
    zh: '各园区招商团队和管理者、合作银行和研发服务机构请使用平台分配的账号登录。',
    en: 'Park investment teams and managers, partner banks and R&D service operators: sign in with the account you were given.',
  },
  firmsHere: { zh: '企业无需登录，请直接', en: 'Firms need no account:' },
  firmsLink: { zh: '提交项目信息', en: 'submit your project' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  submit: { zh: '登录', en: 'Sign in' },
  expired: {
    zh: '登录已过期，请重新登录。',
    en: 'Your session has ended; please sign in again.',
  },
  resumeKept: {
    zh: '登录已过期，您刚才提交的内容尚未保存，但已为您保留：重新登录后即可继续提交。',
    en: 'Your session had ended, so what you just sent was not saved yet — it is kept: sign in again to send it.',
  },
  pageExpired: {
    zh: '页面停留时间过长，请重新登录。',
    en: 'This page was open for a long time; please sign in again.',
  },
  wrong: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  notTeam: { zh: '此账号不能登录门户', en: 'This account cannot sign in here' },
  missing: { zh: '请填写用户名和密码', en: 'Enter your username and password' },
  signedOut: { zh: '您已安全退出。', en: 'You are signed out.' },
  confirmSignOut: { zh: '确认退出登录？', en: 'Sign out?' },
  continueTitle: { zh: '继续提交', en: 'Send it now' },
  continueLead: {
    zh: '您之前提交的表单还没有保存。点击“继续提交”完成提交，或返回放弃本次操作。',
    en: 'The form you sent earlier was not saved yet. Choose “Send it now” to send it, or go back to drop it.',
  },
  continueConfirm: {
    zh: '为确认是您本人操作，请再次提交。',
    en: 'To make sure it is you, please send it again.',
  },
  continueButton: { zh: '继续提交', en: 'Send it now' },
  back: { zh: '返回，不提交', en: 'Back, do not send' },
} as const satisfies Record<string, Bilingual>;
