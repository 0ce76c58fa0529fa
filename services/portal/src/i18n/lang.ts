import type { Bilingual } from '@parkmatch/contracts';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

// Chinese first: every page is Chinese unless the visitor asked for English, with
// `?lang=en` (remembered in a cookie) or the cookie alone.

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type LangEnv = { Variables: { lang: Lang } };

const COOKIE = 'pm_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

const isLang = (value: string | undefined): value is Lang => value === 'zh' || value === 'en';

/** Sets `c.var.lang` from `?lang=`, then the cookie, then Chinese; `?lang=` is remembered. */
export function language(): MiddlewareHandler<LangEnv> {
  return async (c, next) => {
    const asked = c.req.query('lang');
    if (isLang(asked)) {
      setCookie(c, COOKIE, asked, { path: '/', maxAge: YEAR_SECONDS, sameSite: 'Lax', httpOnly: true });
      c.set('lang', asked);
    } else {
      const kept = getCookie(c, COOKIE);
      c.set('lang', isLang(kept) ? kept : 'zh');
    }
    await next();
  };
}

/** The text in the page's language. */
export const pick = (text: Bilingual, lang: Lang): string => text[lang];

/** The HTML lang attribute. */
export const htmlLang = (lang: Lang): string => (lang === 'zh' ? 'zh-CN' : 'en');

/** This page in the other language (its query kept, a firm's `token` never). */
export function switchLanguageHref(c: Context, to: Lang): string {
  const url = new URL(c.req.url);
  url.searchParams.delete('token');
  url.searchParams.set('lang', to);
  return `${url.pathname}?${url.searchParams.toString()}`;
}
