import { startFeishuReceiver } from '../../../test/receivers.ts';
import { runChannelContract } from '../contract.case.ts';
import { feishuChannel } from './feishu.ts';

runChannelContract({
  name: '飞书 (Feishu) custom bot, signed',
  async open() {
    const robot = await startFeishuReceiver();
    return {
      channel: feishuChannel({ timeoutMs: 500 }),
      target: { type: 'feishu', address: robot.url, secret: robot.secret, allowPrivate: true },
      received: async () => robot.texts,
      failNext: (count) => robot.failNext(count),
      hangNext: () => robot.hangNext(1),
      unreachable: {
        type: 'feishu',
        address: 'http://127.0.0.1:9/open-apis/bot/v2/hook/x',
        secret: 'x',
        allowPrivate: true,
      },
      refusing: { type: 'feishu', address: robot.url, secret: 'wrong-secret', allowPrivate: true },
      close: () => robot.close(),
    };
  },
});
