import { createHmac } from 'node:crypto';
import { createHttpClient, type HttpClient, numberField, stringField } from '../http.ts';
import { type Channel, DeliveryError, type OutgoingMessage } from '../port.ts';

// 飞书 custom bot: a rich-text ("post") message in zh_cn and en_us; with 签名校验 the body
// carries `timestamp` (seconds) and `sign`, the base64 HMAC-SHA256 keyed by
// `timestamp\nsecret` of an empty message. It answers 200 with `code` ≠ 0 when it refuses
// (19021: bad signature; 11232: too fast).

export function feishuSign(timestamp: number, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

function post(message: OutgoingMessage) {
  const language = (title: string, lines: string[], more: string) => ({
    title,
    content: [
      ...lines.map((text) => [{ tag: 'text', text }]),
      ...(message.link ? [[{ tag: 'a', text: more, href: message.link }]] : []),
    ],
  });
  return {
    post: {
      zh_cn: language(message.subject.zh, message.lines.zh, '查看详情'),
      en_us: language(message.subject.en, message.lines.en, 'Details'),
    },
  };
}

export function feishuChannel({
  timeoutMs = 10_000,
  now = () => Date.now(),
  http = createHttpClient({ timeoutMs }),
}: {
  timeoutMs?: number;
  now?: () => number;
  http?: HttpClient;
} = {}): Channel {
  return {
    type: 'feishu',
    async send(message, target) {
      const timestamp = Math.floor(now() / 1000);
      const signed = target.secret
        ? { timestamp: String(timestamp), sign: feishuSign(timestamp, target.secret) }
        : {};
      const body = JSON.stringify({ ...signed, msg_type: 'post', content: post(message) });
      const answer = await http.postJson(target.address, body, {
        allowPrivate: target.allowPrivate ?? false,
      });
      const code = numberField(answer.json, 'code') ?? numberField(answer.json, 'StatusCode');
      if (code !== 0)
        throw new DeliveryError(
          `飞书 code ${code ?? '(none)'}: ${stringField(answer.json, 'msg') || answer.text.slice(0, 200)}`,
        );
    },
    close: () => http.close(),
  };
}
