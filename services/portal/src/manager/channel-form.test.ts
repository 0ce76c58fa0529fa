import { describe, expect, it } from 'vitest';
import { Form } from '../session/form.ts';
import { readChannel } from './channel-form.ts';

const form = (fields: Record<string, string>) => new Form(Object.entries(fields));

describe('reading a park channel form', () => {
  it('takes a 钉钉 robot with its secret, owned by the park', () => {
    const read = readChannel(
      form({
        type: 'dingtalk',
        name: ' 招商群 ',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
        secret: 'SEC123456',
      }),
      'dadukou-ivd',
      'zh',
    );
    expect(read).toEqual({
      input: {
        type: 'dingtalk',
        name: '招商群',
        owner: { parkId: 'dadukou-ivd' },
        url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
        secret: 'SEC123456',
      },
      errors: {},
    });
  });

  it('drops a secret 企业微信 does not take, and leaves a missing 钉钉 secret to the service', () => {
    expect(
      readChannel(form({ type: 'wecom', name: 'a', url: 'https://x.example/h', secret: 'typed' }), 'p', 'zh')
        .input,
    ).not.toHaveProperty('secret');
    expect(
      readChannel(form({ type: 'dingtalk', name: 'a', url: 'https://x.example/h', secret: ' ' }), 'p', 'zh')
        .input,
    ).not.toHaveProperty('secret');
  });

  it('names each missing field in the member’s language, and refuses an unknown type', () => {
    expect(readChannel(form({ type: 'email', name: '', url: '' }), 'p', 'en').errors).toEqual({
      type: 'Pick the kind of channel',
      name: 'Fill this in',
      url: 'Fill this in',
    });
    expect(readChannel(form({ type: 'feishu', name: '', url: 'https://x' }), 'p', 'zh').errors).toEqual({
      name: '请填写此项',
    });
  });
});
