import { createHmac } from 'node:crypto';
import { createHttpClient, type HttpClient, numberField, stringField } from '../http.ts';
import { type Channel, DeliveryError } from '../port.ts';
import { markdown } from '../render.ts';
import { truncateUtf8 } from '../truncate.ts';

// 钉钉 group robot with 加签: the URL gets `timestamp` (ms) and `sign`, the base64 HMAC-SHA256
// of `timestamp\nsecret` keyed by the secret. It answers 200 with `errcode` ≠ 0 when it
// refuses (310000: bad signature or timestamp; 130101: too fast).

/** DingTalk takes about 20,000 bytes of markdown; longer messages are cut. */
export const DINGTALK_MAX_BYTES = 20_000;

export function dingtalkSign(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export function dingtalkChannel({
  timeoutMs = 10_000,
  now = () => Date.now(),
  http = createHttpClient({ timeoutMs }),
}: {
  timeoutMs?: number;
  now?: () => number;
  http?: HttpClient;
} = {}): Channel {
  return {
    type: 'dingtalk',
    async send(message, target) {
      if (!target.secret)
        throw new DeliveryError('钉钉机器人缺少加签密钥 / no signing secret', { permanent: true });
      const timestamp = now();
      const url = new URL(target.address);
      url.searchParams.set('timestamp', String(timestamp));
      url.searchParams.set('sign', dingtalkSign(timestamp, target.secret));
      const text = truncateUtf8(markdown(message), DINGTALK_MAX_BYTES);
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: message.subject.zh, text } });
      const answer = await http.postJson(url.toString(), body, {
        allowPrivate: target.allowPrivate ?? false,
      });
      const errcode = numberField(answer.json, 'errcode');
      if (errcode !== 0)
        throw new DeliveryError(
          `钉钉 errcode ${errcode ?? '(none)'}: ${stringField(answer.json, 'errmsg') || answer.text.slice(0, 200)}`,
        );
    },
    close: () => http.close(),
  };
}
