import { describe, expect, it } from 'vitest';
import { Form } from '../session/form.ts';
import { readChannel } from './channel-form.ts';

const form = (fields: Record<string, string>) => new Form(Object.entries(fields));

describe('reading a channel form', () => {
  it('takes a 钉钉 robot with its secret, owned by the park', () => {
    const read = readChannel(
      form({
        type: 'dingtalk',
        name: ' 招商群 ',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
        secret: 'SEC123456',
      }),
      { parkId: 'dadukou-ivd' },
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
    const park = { parkId: 'p' };
    expect(
      readChannel(form({ type: 'wecom', name: 'a', url: 'https://x.example/h', secret: 'typed' }), park, 'zh')
        .input,
    ).not.toHaveProperty('secret');
    expect(
      readChannel(form({ type: 'dingtalk', name: 'a', url: 'https://x.example/h', secret: ' ' }), park, 'zh')
        .input,
    ).not.toHaveProperty('secret');
  });

  it('names each missing field in the member’s language; a park has no email channel', () => {
    expect(readChannel(form({ type: 'email', name: '', url: '' }), { parkId: 'p' }, 'en').errors).toEqual({
      type: 'Pick the kind of channel',
      name: 'Fill this in',
      url: 'Fill this in',
    });
    expect(
      readChannel(form({ type: 'feishu', name: '', url: 'https://x' }), { parkId: 'p' }, 'zh').errors,
    ).toEqual({ name: '请填写此项' });
  });

  it('takes one’s own email address, without the URL or secret typed beside it', () => {
    expect(
      readChannel(
        form({ type: 'email', name: ' 工作邮箱 ', to: ' wang@example.com ', url: 'https://x', secret: 's' }),
        'me',
        'zh',
      ),
    ).toEqual({
      input: { type: 'email', name: '工作邮箱', owner: 'me', to: 'wang@example.com' },
      errors: {},
    });
    // An email needs its address, not a URL.
    expect(
      readChannel(form({ type: 'email', name: 'a', to: ' ', url: 'https://x' }), 'me', 'zh').errors,
    ).toEqual({ to: '请填写此项' });
    expect(
      readChannel(form({ type: 'webhook', name: 'a', to: 'a@b.c', url: '' }), 'me', 'en').errors,
    ).toEqual({
      url: 'Fill this in',
    });
  });

  it('takes one’s own webhook with its secret', () => {
    expect(
      readChannel(
        form({ type: 'webhook', name: 'OA', url: 'https://oa.example/hook', secret: 'k' }),
        'me',
        'zh',
      ).input,
    ).toEqual({ type: 'webhook', name: 'OA', owner: 'me', url: 'https://oa.example/hook', secret: 'k' });
  });
});
