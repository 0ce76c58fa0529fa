import { startWebhookReceiver } from '../../../test/receivers.ts';
import { runChannelContract } from '../contract.case.ts';
import { webhookChannel } from './webhook.ts';

runChannelContract({
  name: 'signed webhook (Standard Webhooks)',
  async open() {
    const hook = await startWebhookReceiver();
    return {
      channel: webhookChannel({ timeoutMs: 500 }),
      target: { type: 'webhook', address: hook.url, secret: hook.secret, allowPrivate: true },
      received: async () => hook.texts,
      failNext: (count) => hook.failNext(count),
      hangNext: () => hook.hangNext(1),
      unreachable: { type: 'webhook', address: 'http://127.0.0.1:9/hooks', secret: 'x', allowPrivate: true },
      refusing: {
        type: 'webhook',
        address: hook.url,
        secret: 'whsec_d3Jvbmcta2V5LXdyb25nLWtleQ==',
        allowPrivate: true,
      },
      close: () => hook.close(),
    };
  },
});
