import { Hono } from 'hono';
import type { PortalEnv } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { html } from './html.ts';
import { page } from './page.ts';
import { LAYOUT_TEXT } from './text.ts';

// The front page: firms submit a project; teams sign in.

const T = {
  title: { zh: '生物医药产业园区招商对接', en: 'Biomedical parks, matched with firms' },
  lead: {
    zh: '重庆各生物医药产业园区公布承接方向，企业提交项目信息，平台自动匹配并推送给相符园区的招商团队，全程闭环跟进。',
    en: 'Chongqing’s biomedical parks state what they want to attract; firms describe their projects; ParkMatch matches them and passes each project to the teams of the parks it fits, who follow it through to production.',
  },
  firmTitle: { zh: '我是企业', en: 'For firms' },
  firmBody: {
    zh: '有意在重庆落地研发、生产或总部项目？几分钟填写项目信息，无需注册，凭专属链接随时查看进度。',
    en: 'Thinking of an R&D, production or headquarters project in Chongqing? Describe it in a few minutes, no account needed, and follow it with your private link.',
  },
  firmAction: { zh: '提交项目信息', en: 'Submit your project' },
  teamTitle: { zh: '我是园区招商团队', en: 'For park teams' },
  teamBody: {
    zh: '查看与本园区承接方向相符的线索排名、匹配理由和收件箱。',
    en: 'See the leads that fit your park, ranked with reasons, and your inbox.',
  },
  teamAction: { zh: '团队登录', en: 'Sign in' },
  teamContinue: { zh: '进入工作台', en: 'Go to your inbox' },
} as const;

export function homeRoutes() {
  const app = new Hono<PortalEnv>();
  app.get('/', (c) => {
    const lang = c.var.lang;
    const signedIn = c.var.session.team !== undefined;
    return page(c, {
      title: pick(LAYOUT_TEXT.home, lang),
      body: html`<section class="hero">
  <h1>${pick(T.title, lang)}</h1>
  <p class="lead">${pick(T.lead, lang)}</p>
</section>
<div class="cards">
  <section class="card entry" aria-labelledby="for-firms">
    <h2 id="for-firms">${pick(T.firmTitle, lang)}</h2>
    <p>${pick(T.firmBody, lang)}</p>
    <p><a class="button primary" href="/firm/new">${pick(T.firmAction, lang)}</a></p>
  </section>
  <section class="card entry" aria-labelledby="for-teams">
    <h2 id="for-teams">${pick(T.teamTitle, lang)}</h2>
    <p>${pick(T.teamBody, lang)}</p>
    <p><a class="button secondary" href="${signedIn ? '/team/inbox' : '/signin'}">${pick(signedIn ? T.teamContinue : T.teamAction, lang)}</a></p>
  </section>
</div>`,
    });
  });
  return app;
}
