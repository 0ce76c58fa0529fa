import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Sealer } from './seal.ts';

// The session lives in one cookie, sealed (AES-256-GCM): the portal keeps no server-side
// state, so it restarts and scales out without losing anyone. The cookie is HttpOnly (no
// script reads it), SameSite=Lax (not sent on cross-site POSTs) and Secure over https. It
// holds the CSRF token of the forms, and once someone has signed in, the team member's
// bearer token; a firm that opened its private link keeps its own token there too. The
// bearer tokens never reach the browser in readable form.

export const SESSION_COOKIE = 'pm_session';
/** A firm that follows several projects on one phone keeps the latest few. */
const MAX_FIRMS = 3;
/** How often an active team session's last-seen time is written back. */
const TOUCH_EVERY_MS = 60_000;

/** Who may sign in: park teams, and the firm-services partners (banks' officers, service operators). */
export const MEMBER_ROLES = ['analyst', 'manager', 'admin', 'bank-officer', 'service-operator'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
/** The partners' own home pages: they have no team pages. */
export const PARTNER_HOMES = { 'bank-officer': '/bank', 'service-operator': '/operator' } as const;
export type PartnerRole = keyof typeof PARTNER_HOMES;
export const isPartnerRole = (role: MemberRole): role is PartnerRole => role in PARTNER_HOMES;
/** Where a signed-in account lands: the team's inbox, or a partner's own page. */
export const homeOf = (role: MemberRole): string =>
  isPartnerRole(role) ? PARTNER_HOMES[role] : '/team/inbox';

const TeamMember = z.object({
  token: z.string(),
  username: z.string(),
  role: z.enum(MEMBER_ROLES),
  parkId: z.string().optional(),
  /** When the token expires (ms since the epoch). */
  expiresAt: z.number(),
});
export type TeamMember = z.infer<typeof TeamMember>;

const FirmAccess = z.object({ leadId: z.string(), token: z.string(), expiresAt: z.number() });

const SessionData = z.object({
  csrf: z.string().min(20),
  seenAt: z.number(),
  team: TeamMember.optional(),
  firms: z.array(FirmAccess).max(MAX_FIRMS).default([]),
  /** Projects this browser withdrew (their links no longer work): the confirmation stays readable. */
  withdrawn: z.array(z.string()).max(MAX_FIRMS).default([]),
});
type SessionData = z.infer<typeof SessionData>;

const newCsrfToken = () => randomBytes(24).toString('base64url');

export class Session {
  private data: SessionData;
  private changed: boolean;
  /** A team session ended (idle too long, or its token expired) just before this request. */
  readonly teamExpired: boolean;
  /** The browser sent a session cookie (a POST without one cannot pass the CSRF check). */
  readonly existed: boolean;

  constructor(data: SessionData | undefined, now: number, idleMs: number) {
    this.existed = data !== undefined;
    this.data = data ?? { csrf: newCsrfToken(), seenAt: now, firms: [], withdrawn: [] };
    // A new session is written only once something needs it (a form's CSRF token, a sign-in).
    this.changed = false;
    const team = this.data.team;
    this.teamExpired = team !== undefined && (team.expiresAt <= now || now - this.data.seenAt > idleMs);
    if (this.teamExpired) this.drop('team');
    const firms = this.data.firms.filter((firm) => firm.expiresAt > now);
    if (firms.length !== this.data.firms.length) {
      this.data.firms = firms;
      this.changed = true;
    }
    if (this.data.team && now - this.data.seenAt > TOUCH_EVERY_MS) {
      this.data.seenAt = now;
      this.changed = true;
    }
  }

  get csrf(): string {
    if (!this.existed) this.changed = true;
    return this.data.csrf;
  }

  get team(): TeamMember | undefined {
    return this.data.team;
  }

  get dirty(): boolean {
    return this.changed;
  }

  /** Signs a team member in, with a new CSRF token (what was issued before the sign-in no longer counts). */
  signIn(member: TeamMember, now: number): void {
    this.data = { ...this.data, team: member, csrf: newCsrfToken(), seenAt: now };
    this.changed = true;
  }

  signOut(): void {
    this.drop('team');
    this.data.csrf = newCsrfToken();
  }

  firmToken(leadId: string): string | undefined {
    return this.data.firms.find((firm) => firm.leadId === leadId)?.token;
  }

  keepFirm(leadId: string, token: string, expiresAt: number): void {
    const others = this.data.firms.filter((firm) => firm.leadId !== leadId);
    this.data.firms = [{ leadId, token, expiresAt }, ...others].slice(0, MAX_FIRMS);
    this.changed = true;
  }

  forgetFirm(leadId: string): void {
    this.data.firms = this.data.firms.filter((firm) => firm.leadId !== leadId);
    this.changed = true;
  }

  /** The firm withdrew this project from this browser: its link is forgotten, the fact kept. */
  markWithdrawn(leadId: string): void {
    this.forgetFirm(leadId);
    this.data.withdrawn = [leadId, ...this.data.withdrawn.filter((id) => id !== leadId)].slice(0, MAX_FIRMS);
    this.changed = true;
  }

  wasWithdrawn(leadId: string): boolean {
    return this.data.withdrawn.includes(leadId);
  }

  toJSON(): SessionData {
    return this.data;
  }

  private drop(key: 'team'): void {
    const { [key]: _dropped, ...rest } = this.data;
    this.data = rest;
    this.changed = true;
  }
}

export type SessionEnv = { Variables: { session: Session } };

export interface SessionOptions {
  sealer: Sealer;
  idleMs: number;
  /** Whether this request came over https (the cookie is Secure then). */
  isHttps: (c: Context) => boolean;
  now?: () => number;
}

/** Reads the session cookie into `c.var.session` and writes it back when it changed. */
export function sessions({
  sealer,
  idleMs,
  isHttps,
  now = Date.now,
}: SessionOptions): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const parsed = SessionData.safeParse(sealer.unseal(getCookie(c, SESSION_COOKIE)));
    const session = new Session(parsed.success ? parsed.data : undefined, now(), idleMs);
    c.set('session', session);
    await next();
    if (session.dirty) {
      setCookie(c, SESSION_COOKIE, sealer.seal(session.toJSON()), {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c),
      });
    }
  };
}
