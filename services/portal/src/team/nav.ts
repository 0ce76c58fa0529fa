import type { Api } from '../api/index.ts';
import { callContext, type PortalContext } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import type { TeamNav } from '../layout/page.ts';
import { ROLE_LABELS } from '../layout/text.ts';
import type { TeamMember } from '../session/session.ts';

/** Counted up to this many; more shows as "200+". */
const UNREAD_LIMIT = 200;

/** The team's navigation with the unread count (left out when the inbox cannot be read). */
export async function teamNav(
  c: PortalContext,
  api: Api,
  member: TeamMember,
  current?: TeamNav['current'],
): Promise<TeamNav> {
  const nav: TeamNav = {
    username: member.username,
    role: pick(ROLE_LABELS[member.role], c.var.lang),
    manager: member.role !== 'analyst',
    current,
  };
  try {
    const unread = await api.notifications.inbox(
      { unread: true, limit: UNREAD_LIMIT },
      callContext(c, member.token),
    );
    if (!unread.ok) return nav;
    return { ...nav, unread: unread.data.items.length, unreadMore: unread.data.nextBefore !== null };
  } catch {
    return nav;
  }
}
