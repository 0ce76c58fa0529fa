import { startWecomReceiver } from '../../../test/receivers.ts';
import { runChannelContract } from '../contract.case.ts';
import { WECOM_MAX_BYTES, wecomChannel } from './wecom.ts';

runChannelContract({
  name: '企业微信 (WeCom) group robot',
  async open() {
    const robot = await startWecomReceiver();
    return {
      channel: wecomChannel({ timeoutMs: 500 }),
      target: { type: 'wecom', address: robot.url, allowPrivate: true },
      received: async () => robot.texts,
      failNext: (count) => robot.failNext(count),
      hangNext: () => robot.hangNext(1),
      unreachable: {
        type: 'wecom',
        address: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=x',
        allowPrivate: true,
      },
      refusing: { type: 'wecom', address: robot.url.replace(/key=.*/, 'key=wrong'), allowPrivate: true },
      maxBytes: WECOM_MAX_BYTES,
      close: () => robot.close(),
    };
  },
});
