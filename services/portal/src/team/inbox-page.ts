import type { InboxEntry } from '../api/notifications.ts';
import type { PortalContext } from '../env.ts';
import { colon, formatDatesIn, formatDateTime, formatScore } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import { scoreBadge, tierBadge } from './badges.ts';
import { INBOX_KIND_LABELS, TEAM_TEXT as T } from './text.ts';

// The team's inbox: what happened to which lead, unread first in weight, one button to mark
// an entry read, and the way to the lead.

export interface InboxPageOptions {
  items: readonly InboxEntry[];
  unreadOnly: boolean;
  nextBefore: string | null;
  /** This page's own address, to come back to after marking an entry read. */
  back: string;
  paged: boolean;
  nav: TeamNav;
}

/** A tier named in a stored text: `（A级）`, `（A→B级）`, `降至C级` — the last one, the tier it came to. */
const TIER_WORDS = /([A-D])级/g;
/** A score named in a stored text: `评分 77.5`, `得分 77.5`. */
const SCORE_WORDS = /[评得]分\s*(\d+(?:\.\d+)?)/g;

/**
 * What the entry said when it was announced, if it names a tier or score the lead no longer
 * has. The entry's tier and score are kept current as the lead is re-scored, but its title and
 * lines are the words sent then: read in Chinese, whichever language the page is in.
 */
export function announcedRating(item: InboxEntry): { tier?: string; score?: number } | undefined {
  const text = [item.title.zh, ...(item.lines?.zh ?? []), ...item.reasons.zh].join('\n');
  const tier =
    [...item.title.zh.matchAll(TIER_WORDS)].at(-1)?.[1] ?? [...text.matchAll(TIER_WORDS)].at(-1)?.[1];
  const score = [...text.matchAll(SCORE_WORDS)].map((m) => Number(m[1])).at(-1);
  const staleTier = tier !== undefined && tier !== item.tier;
  const staleScore = score !== undefined && Math.abs(score - item.score) >= 0.05;
  if (!staleTier && !staleScore) return undefined;
  return { ...(tier === undefined ? {} : { tier }), ...(score === undefined ? {} : { score }) };
}

/** Says the lead was re-scored since the entry was announced: where it stands now, where it stood then. */
function rescored(lang: Lang, tier: string, score: string, thenTier?: string, thenScore?: string): string {
  if (lang === 'zh') {
    const then = `${thenTier ? ` ${thenTier} 级` : ''}${thenScore ? `（${thenScore} 分）` : ''}`;
    return `此后已重新评分：当前为 ${tier} 级（${score} 分）${then ? `，通知时为${then}` : ''}。`;
  }
  const then = `${thenTier ? ` tier ${thenTier}` : ''}${thenScore ? ` (${thenScore})` : ''}`;
  return `Re-scored since: now tier ${tier} (${score})${then ? `; when announced${then}` : ''}.`;
}

function entry(c: PortalContext, item: InboxEntry, back: string, lang: Lang): Html {
  const lines = (item.lines?.[lang].length ? item.lines[lang] : item.reasons[lang])
    .slice(0, 3)
    .map((line) => formatDatesIn(line, lang));
  const unread = item.readAt === null;
  const announced = announcedRating(item);
  const when = formatDateTime(item.createdAt, lang);
  const title = formatDatesIn(pick(item.title, lang), lang);
  const href = `/team/leads/${encodeURIComponent(item.leadId)}?park=${encodeURIComponent(item.parkId)}`;
  return html`<li class="inbox-item${unread ? ' unread' : ''}">
  <div class="meta">
    <span class="state">${pick(unread ? T.unread : T.read, lang)}</span>
    <span class="kind">${pick(INBOX_KIND_LABELS[item.kind] ?? { zh: item.kind, en: item.kind }, lang)}</span>
    <span class="current-rating">${pick(T.currentRating, lang)} ${tierBadge(item.tier, lang)} ${scoreBadge(item.score, lang)}</span>
    <time datetime="${item.createdAt}">${when}</time>
  </div>
  <h2><a href="${href}">${announced ? html`<span class="announced">${pick(T.announcedAt, lang)} ${when}${colon(lang)}</span>` : ''}${title}</a></h2>
  ${
    announced
      ? html`<p class="rescored">${rescored(lang, item.tier, formatScore(item.score, lang), announced.tier, announced.score === undefined ? undefined : formatScore(announced.score, lang))}</p>`
      : ''
  }
  <p class="sub">${item.firmName} · ${item.projectTitle}</p>
  ${lines.length > 0 ? html`<ul class="lines${announced ? ' then' : ''}">${lines.map((line) => html`<li>${line}</li>`)}</ul>` : ''}
  <div class="item-actions">
    <a href="${href}">${pick(T.openLead, lang)}</a>
    ${
      unread
        ? html`<form method="post" action="/team/inbox/${encodeURIComponent(item.id)}/read" class="inline">
      ${csrfField(c)}<input type="hidden" name="back" value="${back}">
      <button type="submit" class="secondary small" aria-label="${pick(T.markRead, lang)}${colon(lang)}${item.firmName}">${pick(T.markRead, lang)}</button>
    </form>`
        : ''
    }
  </div>
</li>`;
}

export function inboxPage(c: PortalContext, o: InboxPageOptions) {
  const lang = c.var.lang;
  const unread = o.nav.unread;
  const filterLink = (only: boolean, label: string) =>
    html`<a href="/team/inbox${only ? '?show=unread' : ''}"${o.unreadOnly === only ? html` aria-current="page"` : ''}>${label}</a>`;
  const olderHref = o.nextBefore
    ? `/team/inbox?${new URLSearchParams({ ...(o.unreadOnly ? { show: 'unread' } : {}), before: o.nextBefore }).toString()}`
    : undefined;
  return page(c, {
    title: pick(T.inboxTitle, lang),
    team: o.nav,
    body: html`<h1>${pick(T.inboxTitle, lang)}${unread ? html` <span class="count">${unread}${o.nav.unreadMore ? '+' : ''} ${pick(T.unreadCount, lang)}</span>` : ''}</h1>
<p class="lead">${pick(T.inboxLead, lang)}</p>
<nav class="tabs" aria-label="${pick(T.inboxFilter, lang)}">${filterLink(false, pick(T.showAll, lang))}${filterLink(true, pick(T.showUnread, lang))}</nav>
${
  o.items.length === 0
    ? html`<p class="empty">${pick(o.unreadOnly ? T.inboxUnreadEmpty : T.inboxEmpty, lang)}</p>`
    : html`<ul class="inbox">${o.items.map((item) => entry(c, item, o.back, lang))}</ul>`
}
<nav class="pager" aria-label="${pick(T.pages, lang)}">
  ${o.paged ? html`<a href="/team/inbox${o.unreadOnly ? '?show=unread' : ''}">${pick(T.newest, lang)}</a>` : ''}
  ${olderHref ? html`<a href="${olderHref}" rel="next">${pick(T.older, lang)}</a>` : ''}
</nav>`,
  });
}
