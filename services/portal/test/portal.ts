import { creditCodeCheckChar, type ProfileInput } from '@parkmatch/contracts';
import { createLogger, createMetrics } from '@parkmatch/service-kit';
import { createApi } from '../src/api/index.ts';
import { createPortalApp } from '../src/app.ts';
import { FakeServices } from './fake-services.ts';

// The portal on fake services, and a visitor that keeps cookies like a browser.

export const ORIGIN = 'http://portal.test';

/** What a test says instead of the fakes (a real service's answer); undefined: the fakes answer. */
export type Answer = (
  request: Request,
  fakes: FakeServices,
) => Response | undefined | Promise<Response | undefined>;

export function openPortal(options: { idleMs?: number; now?: () => number; answer?: Answer } = {}) {
  // The fakes' clock and the portal's agree unless a test moves the portal's.
  const fakes = new FakeServices();
  const { answer } = options;
  const app = createPortalApp({
    api: createApi({
      upstream: {
        leads: 'http://leads.test',
        matching: 'http://matching.test',
        notifications: 'http://notifications.test',
        insights: 'http://insights.test',
      },
      timeoutMs: 2_000,
      fetch: answer
        ? async (input, init) => (await answer(new Request(input, init), fakes)) ?? fakes.fetch(input, init)
        : fakes.fetch,
    }),
    logger: createLogger('portal', 'silent'),
    metrics: createMetrics('portal'),
    sessionSecret: 'portal-unit-test-session-secret-0123456789',
    sessionIdleMs: options.idleMs ?? 60 * 60_000,
    now: options.now ?? (() => fakes.now().getTime()),
  });
  return { app, fakes, visitor: () => new Visitor(app) };
}

type App = { request: (url: string, init?: RequestInit) => Response | Promise<Response> };
type Fields = Record<string, string | string[]> | [string, string][];

export class Visitor {
  readonly cookies = new Map<string, string>();
  private readonly app: App;
  constructor(app: App) {
    this.app = app;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  private keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await this.app.request(`${ORIGIN}${path}`, { headers: this.headers(headers) }));
  }

  /** Posts a form as a browser does from the portal's own page (Origin and Sec-Fetch-Site). */
  async post(path: string, fields: Fields, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    const entries = Array.isArray(fields)
      ? fields
      : Object.entries(fields).flatMap(([k, v]) =>
          Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]],
        );
    for (const [k, v] of entries) body.append(k, v);
    return this.keep(
      await this.app.request(`${ORIGIN}${path}`, {
        method: 'POST',
        body,
        headers: this.headers({
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          'sec-fetch-site': 'same-origin',
          ...headers,
        }),
      }),
    );
  }

  /** The page at `path` and the CSRF token of its forms. */
  async form(path: string): Promise<{ html: string; csrf: string }> {
    const html = await (await this.get(path)).text();
    return { html, csrf: csrfOf(html) };
  }
}

export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export function creditCode(body: string): string {
  const first17 = body.padEnd(17, '0').slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

/** A firm's form as a person fills it in: the profile's fields by name, money in 万元. */
export function filledForm(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    'firm.name': '谱析质谱仪器有限公司',
    'firm.creditCode': creditCode('91320500MA1PX88'),
    'firm.province': '江苏',
    'firm.city': '苏州',
    'firm.foundedYear': '2018',
    'firm.employees': '85',
    'firm.qualifications': ['high-tech'],
    'firm.registrationCertificates': '3',
    'project.title': '临床质谱仪生产基地',
    'project.type': 'production',
    'project.description': '我们生产三重四极杆液质联用仪（LC-MS/MS）和临床质谱检测试剂盒。',
    'project.products': '三重四极杆液质联用仪\n质谱检测试剂盒',
    'project.technologies': 'LC-MS/MS',
    'project.plannedInvestmentCny': '15000',
    'project.needs': ['registration', 'clinical-samples'],
    'contact.name': '王经理',
    'contact.phone': '13800000000',
    'consent.dataUse': 'true',
    ...overrides,
  };
}

export const PROFILE: ProfileInput = {
  firm: {
    name: '谱析质谱仪器有限公司',
    creditCode: creditCode('91320500MA1PX88'),
    province: '江苏',
    city: '苏州',
  },
  project: {
    title: '临床质谱仪生产基地',
    type: 'production',
    description: '我们生产三重四极杆质谱仪（LC-MS/MS）。',
  },
  contact: { name: '王经理', phone: '13800000000' },
  consent: { dataUse: true },
};
