import { startDingtalkReceiver } from '../../../test/receivers.ts';
import { runChannelContract } from '../contract.case.ts';
import { dingtalkChannel } from './dingtalk.ts';

runChannelContract({
  name: '钉钉 (DingTalk) group robot, signed',
  async open() {
    const robot = await startDingtalkReceiver();
    return {
      channel: dingtalkChannel({ timeoutMs: 500 }),
      target: { type: 'dingtalk', address: robot.url, secret: robot.secret, allowPrivate: true },
      received: async () => robot.texts,
      failNext: (count) => robot.failNext(count),
      hangNext: () => robot.hangNext(1),
      unreachable: {
        type: 'dingtalk',
        address: 'http://127.0.0.1:9/robot/send',
        secret: 'x',
        allowPrivate: true,
      },
      refusing: { type: 'dingtalk', address: robot.url, secret: 'SECwrong-secret', allowPrivate: true },
      close: () => robot.close(),
    };
  },
});
