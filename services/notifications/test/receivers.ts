import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Answer, type RawRequest, startHttpReceiver } from './http-receiver.ts';

// Local stand-ins for the group robots and a Standard Webhooks receiver, each checking what
// the real one checks (its own signature code, written from the vendors' documentation, not
// the adapters') and answering as the real one does: HTTP 200 with an error code in the body
// for the robots, a 4xx/5xx status for the webhook.

export interface RobotReceiver {
  /** The webhook URL to set up. */
  url: string;
  secret: string;
  /** Visible text of each message accepted, in order. */
  texts: string[];
  /** Requests refused for a bad signature or key. */
  refused: RawRequest[];
  requests: RawRequest[];
  /** Refuse the next `count` messages the way the service does when it is overloaded. */
  failNext(count: number): void;
  /** Never answer the next `count` messages. */
  hangNext(count: number): void;
  close(): Promise<void>;
}

type Verdict = { ok: true; text: string } | { ok: false; answer: Answer };

function receiver(
  secret: string,
  path: string,
  check: (req: RawRequest) => Verdict,
  busy: Answer,
): Promise<RobotReceiver> {
  const texts: string[] = [];
  const refused: RawRequest[] = [];
  let failing = 0;
  let hanging = 0;
  return startHttpReceiver((req) => {
    if (hanging > 0) {
      hanging--;
      return 'hang';
    }
    const verdict = check(req);
    if (!verdict.ok) {
      refused.push(req);
      return verdict.answer;
    }
    if (failing > 0) {
      failing--;
      return busy;
    }
    texts.push(verdict.text);
    return { status: 200, json: { errcode: 0, errmsg: 'ok', code: 0, msg: 'success' } };
  }).then((server) => ({
    url: `${server.origin}${path}`,
    secret,
    texts,
    refused,
    requests: server.requests,
    failNext: (count) => {
      failing = count;
    },
    hangNext: (count) => {
      hanging = count;
    },
    close: () => server.close(),
  }));
}

const parse = (body: string): Record<string, unknown> => JSON.parse(body) as Record<string, unknown>;
const hmacBase64 = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest('base64');
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** 企业微信: the key in the URL; markdown of at most 4096 bytes (errcode 40058 above). */
export function startWecomReceiver(key = 'wecom-test-key-0001'): Promise<RobotReceiver> {
  return receiver(
    key,
    `/cgi-bin/webhook/send?key=${key}`,
    (req) => {
      if (req.url.searchParams.get('key') !== key)
        return {
          ok: false,
          answer: { status: 200, json: { errcode: 93000, errmsg: 'invalid webhook url' } },
        };
      const body = parse(req.body) as { msgtype?: string; markdown?: { content?: string } };
      const content = body.markdown?.content ?? '';
      if (body.msgtype !== 'markdown' || Buffer.byteLength(content) > 4096)
        return {
          ok: false,
          answer: { status: 200, json: { errcode: 40058, errmsg: 'content exceed max length' } },
        };
      return { ok: true, text: content };
    },
    { status: 200, json: { errcode: 45009, errmsg: 'api freq out of limit' } },
  );
}

/** 钉钉 加签: `timestamp` (ms, within an hour) and `sign` = base64 HMAC-SHA256(secret, `timestamp\nsecret`). */
export function startDingtalkReceiver(secret = 'SECdingtalk-test-secret-0001'): Promise<RobotReceiver> {
  return receiver(
    secret,
    '/robot/send?access_token=dingtalk-test-token',
    (req) => {
      const timestamp = req.url.searchParams.get('timestamp') ?? '';
      const sign = req.url.searchParams.get('sign') ?? '';
      const fresh = Math.abs(Date.now() - Number(timestamp)) < 3600_000;
      if (!fresh || !same(sign, hmacBase64(secret, `${timestamp}\n${secret}`)))
        return { ok: false, answer: { status: 200, json: { errcode: 310000, errmsg: 'sign not match' } } };
      const body = parse(req.body) as { markdown?: { title?: string; text?: string } };
      return { ok: true, text: `${body.markdown?.title ?? ''}\n${body.markdown?.text ?? ''}` };
    },
    { status: 200, json: { errcode: 130101, errmsg: 'send too fast' } },
  );
}

/** 飞书 签名校验: body `timestamp` (s) and `sign` = base64 HMAC-SHA256 keyed by `timestamp\nsecret` over "". */
export function startFeishuReceiver(secret = 'feishu-test-secret-0001'): Promise<RobotReceiver> {
  return receiver(
    secret,
    '/open-apis/bot/v2/hook/feishu-test-hook',
    (req) => {
      const body = parse(req.body) as {
        timestamp?: string;
        sign?: string;
        content?: { post?: Record<string, { title: string; content: { text?: string }[][] }> };
      };
      const timestamp = body.timestamp ?? '';
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 3600;
      if (!fresh || !same(body.sign ?? '', hmacBase64(`${timestamp}\n${secret}`, '')))
        return {
          ok: false,
          answer: {
            status: 200,
            json: {
              code: 19021,
              msg: 'sign match fail or timestamp is not within one hour from current time',
            },
          },
        };
      const text = Object.values(body.content?.post ?? {})
        .map((lang) => [lang.title, ...lang.content.flat().map((node) => node.text ?? '')].join('\n'))
        .join('\n');
      return { ok: true, text };
    },
    { status: 200, json: { code: 11232, msg: 'frequency limited' } },
  );
}

/** Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>`; 401 when it does not verify. */
export function startWebhookReceiver(
  secret = `whsec_${Buffer.from('standard-webhooks-test-key-0001').toString('base64')}`,
): Promise<RobotReceiver> {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret);
  return receiver(
    secret,
    '/hooks/parkmatch',
    (req) => {
      const id = String(req.headers['webhook-id'] ?? '');
      const timestamp = String(req.headers['webhook-timestamp'] ?? '');
      const signatures = String(req.headers['webhook-signature'] ?? '').split(' ');
      const expected = `v1,${hmacBase64(key, `${id}.${timestamp}.${req.body}`)}`;
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
      if (!id || !fresh || !signatures.some((s) => same(s, expected)))
        return { ok: false, answer: { status: 401, json: { error: 'bad signature' } } };
      const body = parse(req.body) as { data?: { text?: string } };
      return { ok: true, text: body.data?.text ?? '' };
    },
    { status: 503, json: { error: 'try later' } },
  );
}
