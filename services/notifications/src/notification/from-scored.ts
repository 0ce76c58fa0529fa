import {
  type EventOf,
  type Events,
  isWorkableTier,
  type NotificationKind,
  parkName,
  TIER_RANK,
} from '@parkmatch/contracts';
import type { NotificationDoc } from './notification.ts';
import { joinLines, line } from './wording.ts';

// A scored lead, announced to the park's team: new to the park, up or down a tier, or its
// profile revised at the same tier. Pure.

export type LeadScored = EventOf<typeof Events.leadScored>;

/** What a score means to the park's team; null when it is nothing to tell (a tier-D lead, a re-rank at the same tier). */
export function scoredKind(p: LeadScored['payload']): NotificationKind | null {
  if (!p.previousTier) return isWorkableTier(p.tier) ? 'new-lead' : null;
  const moved = TIER_RANK[p.tier] - TIER_RANK[p.previousTier];
  if (moved > 0) return 'tier-up';
  if (moved < 0) return isWorkableTier(p.previousTier) ? 'tier-down' : null;
  return isWorkableTier(p.tier) && p.profileRevision > 1 ? 'updated' : null;
}

/** One notification per score: a score re-announced (same revision, catalog and engine) is the same one. */
export function scoredNotificationId(p: LeadScored['payload']): string {
  return `sc_${p.leadId}_${p.parkId}_r${p.profileRevision}_c${p.catalogVersion}_${p.engineVersion}`;
}

const SUBJECTS: Record<string, (p: LeadScored['payload']) => { zh: string; en: string }> = {
  'new-lead': (p) => ({
    zh: `新线索（${p.tier}级）：${p.firmName}`,
    en: `New tier-${p.tier} lead: ${p.firmName}`,
  }),
  'tier-up': (p) => ({
    zh: `线索升至${p.tier}级：${p.firmName}`,
    en: `Lead moved up to tier ${p.tier}: ${p.firmName}`,
  }),
  'tier-down': (p) =>
    isWorkableTier(p.tier)
      ? { zh: `线索降至${p.tier}级：${p.firmName}`, en: `Lead moved down to tier ${p.tier}: ${p.firmName}` }
      : {
          zh: `线索降至D级，已移出本园区线索清单：${p.firmName}`,
          en: `Lead dropped to tier D and left the park's list: ${p.firmName}`,
        },
  updated: (p) => ({
    zh: `线索资料已更新（${p.tier}级）：${p.firmName}`,
    en: `Lead updated (tier ${p.tier}): ${p.firmName}`,
  }),
};

export function fromLeadScored(event: LeadScored, now: Date): NotificationDoc | null {
  const p = event.payload;
  const kind = scoredKind(p);
  if (!kind) return null;
  const moved =
    p.previousTier && p.previousTier !== p.tier ? `（${p.previousTier}→${p.tier}级）` : `（${p.tier}级）`;
  const movedEn =
    p.previousTier && p.previousTier !== p.tier
      ? ` (tier ${p.previousTier} → ${p.tier})`
      : ` (tier ${p.tier})`;
  const park = parkName(p.parkId);
  return {
    _id: scoredNotificationId(p),
    kind,
    parkId: p.parkId,
    leadId: p.leadId,
    tier: p.tier,
    audience: { to: 'team' },
    subject: SUBJECTS[kind]!(p),
    lines: joinLines(
      line(`项目：${p.projectTitle}`, `Project: ${p.projectTitle}`),
      line(`${park.zh}评分 ${p.score}${moved}`, `Score at ${park.en}: ${p.score}${movedEn}`),
      { zh: p.reasons.zh.slice(0, 3), en: p.reasons.en.slice(0, 3) },
    ),
    facts: {
      parkId: p.parkId,
      leadId: p.leadId,
      tier: p.tier,
      score: p.score,
      firmName: p.firmName,
      projectTitle: p.projectTitle,
      reasons: p.reasons,
    },
    occurredAt: event.occurredAt,
    createdAt: now.toISOString(),
  };
}
