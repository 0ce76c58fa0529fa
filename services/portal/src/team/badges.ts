import type { Tier } from '@parkmatch/contracts';
import { formatScore } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import { type Html, html } from '../layout/html.ts';
import { TEAM_TEXT as T } from './text.ts';

/** A tier as a coloured badge, its letter readable by screen readers. */
export const tierBadge = (tier: Tier | null, lang: Lang): Html =>
  tier
    ? html`<span class="tier tier-${tier}" title="${T.tier[lang]} ${tier}"><span class="visually-hidden">${T.tier[lang]} </span>${tier}</span>`
    : html``;

export const scoreBadge = (score: number | null, lang: Lang): Html =>
  score === null
    ? html``
    : html`<span class="score"><span class="visually-hidden">${T.score[lang]} </span>${formatScore(score, lang)}</span>`;
