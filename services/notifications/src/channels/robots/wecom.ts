import { createHttpClient, type HttpClient, numberField, stringField } from '../http.ts';
import { type Channel, DeliveryError } from '../port.ts';
import { markdown } from '../render.ts';
import { truncateUtf8 } from '../truncate.ts';

// 企业微信 group robot: POST {msgtype: markdown} to the webhook URL (its `key` is the
// credential). Markdown content is at most 4096 bytes. It answers 200 with `errcode` ≠ 0 when
// it refuses (45009: too fast; 93000: bad webhook URL).

export const WECOM_MAX_BYTES = 4096;

export function wecomChannel({
  timeoutMs = 10_000,
  http = createHttpClient({ timeoutMs }),
}: {
  timeoutMs?: number;
  http?: HttpClient;
} = {}): Channel {
  return {
    type: 'wecom',
    async send(message, target) {
      const content = truncateUtf8(markdown(message), WECOM_MAX_BYTES);
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { content } });
      const answer = await http.postJson(target.address, body, {
        allowPrivate: target.allowPrivate ?? false,
      });
      const errcode = numberField(answer.json, 'errcode');
      if (errcode !== 0)
        throw new DeliveryError(
          `企业微信 errcode ${errcode ?? '(none)'}: ${stringField(answer.json, 'errmsg') || answer.text.slice(0, 200)}`,
        );
    },
    close: () => http.close(),
  };
}
