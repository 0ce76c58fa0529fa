import { randomUUID } from 'node:crypto';
import { type ChannelInput, PARK_IDS } from '@parkmatch/contracts';
import { canSeePark, HttpProblem, hasManagerRights, type Principal } from '@parkmatch/service-kit';
import { accountId, parkSubscriberId } from '../preferences/subscriber.ts';
import type { Adapters } from './adapters.ts';
import { checkPublicUrl } from './addresses.ts';
import { type ChannelDoc, maskAddress } from './channel.ts';
import type { ChannelRepository } from './repository.ts';
import type { SecretBox } from './secret-box.ts';

// Setting up a channel: whose it is, whether its URL may be reached, its secrets sealed.

export interface SetupDeps {
  channels: ChannelRepository;
  box: SecretBox;
  adapters: Adapters;
  now: () => Date;
}

const field = (path: string, zh: string, en: string) => ({ path, message: zh, messageEn: en });

/** Who owns the channel: the caller, or a park it manages. */
export function ownerOf(principal: Principal, owner: 'me' | { parkId: string }) {
  if (owner === 'me') return { subscriber: accountId(principal.sub), parkId: principal.parkId ?? null };
  if (!(PARK_IDS as readonly string[]).includes(owner.parkId))
    throw new HttpProblem(
      400,
      { zh: `没有园区 ${owner.parkId}`, en: `no park ${owner.parkId}` },
      { errors: [field('owner.parkId', '未知园区', 'unknown park')] },
    );
  if (!canSeePark(principal, owner.parkId) || !hasManagerRights(principal))
    throw new HttpProblem(403, {
      zh: '只有本园区经理或管理员可设置园区共用渠道',
      en: "only the park's managers and admins set up its shared channels",
    });
  return { subscriber: parkSubscriberId(owner.parkId), parkId: owner.parkId };
}

export async function setUpChannel(
  deps: SetupDeps,
  principal: Principal,
  input: ChannelInput,
): Promise<ChannelDoc> {
  const owner = ownerOf(principal, input.owner);
  if (!deps.adapters[input.type])
    throw new HttpProblem(
      422,
      { zh: '本服务未配置邮件发送（SMTP_URL）', en: 'email is not configured on this service (SMTP_URL)' },
      {
        errors: [
          field(
            'type',
            '本系统尚未配置邮件发送：请联系管理员，或改用群机器人、Webhook',
            'email is not set up here: ask an admin, or pick a robot or webhook',
          ),
        ],
      },
    );
  const address = input.type === 'email' ? input.to : input.url;
  const allowPrivate = principal.role === 'admin';
  if (input.type !== 'email' && !allowPrivate) {
    const check = await checkPublicUrl(address);
    if (!check.ok)
      throw new HttpProblem(400, check.reason, { errors: [field('url', check.reason.zh, check.reason.en)] });
  }
  const id = `ch_${randomUUID()}`;
  const secret = 'secret' in input && input.secret ? input.secret : null;
  const channel: ChannelDoc = {
    _id: id,
    type: input.type,
    name: input.name,
    subscriber: owner.subscriber,
    parkId: owner.parkId,
    address: deps.box.seal(address, id),
    secret: secret === null ? null : deps.box.seal(secret, id),
    target: maskAddress(input.type, address),
    allowPrivate,
    createdBy: principal.sub,
    createdAt: deps.now().toISOString(),
  };
  await deps.channels.insert(channel);
  return channel;
}

/** May the principal change (remove, test) this channel? Its owner account, or the park's managers and admins. */
export function canManage(principal: Principal, channel: ChannelDoc): boolean {
  if (channel.subscriber === accountId(principal.sub)) return true;
  return (
    channel.subscriber.startsWith('park:') &&
    channel.parkId !== null &&
    canSeePark(principal, channel.parkId) &&
    hasManagerRights(principal)
  );
}

/** May the principal see this channel (masked)? Its owner, or the team of the park that shares it. */
export function canView(principal: Principal, channel: ChannelDoc): boolean {
  if (channel.subscriber === accountId(principal.sub)) return true;
  return (
    channel.subscriber.startsWith('park:') && channel.parkId !== null && canSeePark(principal, channel.parkId)
  );
}
