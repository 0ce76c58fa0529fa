import type { ChannelDoc } from './channel.ts';
import type { OutgoingMessage } from './port.ts';

/** The message a "send test message" action sends: says which channel it came through, and when. */
export function testMessage(channel: ChannelDoc, by: string, now: Date): OutgoingMessage {
  return {
    id: `test_${channel._id}_${now.getTime()}`,
    kind: 'test',
    subject: {
      zh: `测试消息：parkmatch 通知渠道「${channel.name}」已连通`,
      en: `Test message: parkmatch channel "${channel.name}" works`,
    },
    lines: {
      zh: [`由 ${by} 发送，用于确认渠道设置正确。`, '收到即说明线索、逾期提醒和日报可以送达这里。'],
      en: [
        `Sent by ${by} to check the channel's set-up.`,
        'If you read this, leads, overdue reminders and digests will reach you here.',
      ],
    },
    occurredAt: now.toISOString(),
  };
}
