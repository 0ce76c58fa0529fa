import type { Context } from 'hono';
import type { CallContext } from './api/index.ts';
import type { LangEnv } from './i18n/lang.ts';
import type { SessionEnv } from './session/session.ts';
import type { SiteEnv } from './session/site.ts';

/** What every page handler finds on its context: language, session, site, request id. */
export type PortalEnv = {
  Variables: LangEnv['Variables'] & SessionEnv['Variables'] & SiteEnv['Variables'] & { requestId: string };
};
export type PortalContext = Context<PortalEnv>;

/** How a page calls a service on behalf of its visitor. */
export const callContext = (c: PortalContext, token?: string): CallContext => ({
  token,
  lang: c.var.lang,
  requestId: c.var.requestId,
});
