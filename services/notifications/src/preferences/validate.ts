import { INBOX_CHANNEL, type SubscriptionRule, TIERED_KINDS } from '@parkmatch/contracts';
import type { FieldError } from '@parkmatch/service-kit';
import type { ChannelDoc } from '../channels/channel.ts';
import type { SubscriberDoc } from './subscriber.ts';

// What a schema cannot say about a subscriber's rules: the channels named must be its own,
// the inbox is an account's, the digest goes out on push channels, `minTier` only on tiered
// kinds. Every mistake comes back with its field path. Pure.

const error = (path: string, zh: string, en: string): FieldError => ({
  path,
  message: zh,
  messageEn: en,
  code: 'invalid_reference',
});

export function ruleErrors(
  subscriber: Pick<SubscriberDoc, '_id' | 'kind'>,
  rules: readonly SubscriptionRule[],
  channels: readonly ChannelDoc[],
): FieldError[] {
  const own = new Set(channels.filter((c) => c.subscriber === subscriber._id).map((c) => c._id));
  return rules.flatMap((rule, i) => [
    ...(rule.minTier && !TIERED_KINDS.includes(rule.event)
      ? [
          error(
            `rules.${i}.minTier`,
            `minTier 仅适用于 ${TIERED_KINDS.join('、')}`,
            `minTier applies only to ${TIERED_KINDS.join(', ')}`,
          ),
        ]
      : []),
    ...rule.channels.flatMap((channelId, j) => {
      const path = `rules.${i}.channels.${j}`;
      if (channelId === INBOX_CHANNEL) {
        if (subscriber.kind === 'park')
          return [
            error(
              path,
              '园区订阅只能使用园区共用渠道，不能用收件箱',
              "a park's rules name its shared channels; the inbox is an account's",
            ),
          ];
        if (rule.event === 'daily-digest')
          return [
            error(
              path,
              '日报只通过邮件、群机器人或 webhook 发送',
              'the daily digest goes out on email, robots or webhooks, not the inbox',
            ),
          ];
        return [];
      }
      return own.has(channelId)
        ? []
        : [error(path, `没有属于你的渠道 ${channelId}`, `no channel ${channelId} of yours`)];
    }),
  ]);
}
