import type { PortalContext } from '../env.ts';
import type { TeamMember } from '../session/session.ts';

// What every team page starts from: the member signed in, and what to do when a service
// refuses the member's token.

/** The member, present on every team page (requireTeamPage sends everyone else to sign in). */
export const memberOf = (c: PortalContext): TeamMember => {
  const member = c.var.session.team;
  if (!member) throw new Error('team page without a team member');
  return member;
};

/** City-wide staff (admins, managers without a park) see and work every park's leads. */
export const isCityWide = (member: TeamMember): boolean => member.parkId === undefined;

/**
 * A service refused the token (expired or revoked early): sign out and back in, then to
 * `next` (by default the page asked for; a form's page after a POST).
 */
export function signInAgain(c: PortalContext, next?: string) {
  c.var.session.signOut();
  const url = new URL(c.req.url);
  const back = next ?? url.pathname + url.search;
  return c.redirect(`/signin?expired=1&next=${encodeURIComponent(back)}`, 303);
}

/** The page's own address (path and query), to come back to. */
export const hereOf = (c: PortalContext): string => {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

export const LEAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
