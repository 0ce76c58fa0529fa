import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../test/smtp-receiver.ts';
import { runChannelContract, sampleMessage } from './contract.case.ts';
import { emailChannel } from './email.ts';
import { DeliveryError } from './port.ts';

runChannelContract({
  name: 'email over SMTP (nodemailer → smtp-server)',
  async open() {
    const smtp = await startSmtpReceiver();
    smtp.refuse('nobody@parkmatch.test');
    const channel = emailChannel({
      smtpUrl: smtp.url,
      from: 'parkmatch 招商通知 <noreply@parkmatch.test>',
      timeoutMs: 2_000,
    });
    return {
      channel,
      target: { type: 'email', address: 'analyst@parkmatch.test' },
      received: async () => smtp.mails.map((m) => `${m.subject}\n${m.text}`),
      failNext: (count) => smtp.failNext(count),
      hangNext: () => smtp.hangNext(1),
      refusing: { type: 'email', address: 'nobody@parkmatch.test' },
      close: async () => {
        await channel.close?.();
        await smtp.close();
      },
    };
  },
});

describe('email specifics', () => {
  const closing: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });

  it('sends a Chinese subject and both a plain-text and an HTML body', async () => {
    const smtp = await startSmtpReceiver();
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'parkmatch 招商通知 <noreply@parkmatch.test>' });
    closing.push(async () => {
      await channel.close?.();
      await smtp.close();
    });
    const message = sampleMessage();
    await channel.send(message, { type: 'email', address: 'analyst@parkmatch.test' });
    const [mail] = smtp.mails;
    expect(mail?.subject).toBe(message.subject.zh);
    expect(mail?.to).toEqual(['analyst@parkmatch.test']);
    expect(mail?.text).toContain('得分 81');
    expect(mail?.html).toContain('<h2>新线索（A级）');
    expect(mail?.html).toContain('lang="en"');
    expect(mail?.headers.get('x-parkmatch-notification')).toBe(message.id);
  });

  it('says an unknown mailbox is for good and a server that is down is for later', async () => {
    const smtp = await startSmtpReceiver();
    smtp.refuse('gone@parkmatch.test');
    const channel = emailChannel({ smtpUrl: smtp.url, from: 'noreply@parkmatch.test', timeoutMs: 2_000 });
    const down = emailChannel({
      smtpUrl: 'smtp://127.0.0.1:9',
      from: 'noreply@parkmatch.test',
      timeoutMs: 2_000,
    });
    closing.push(async () => {
      await channel.close?.();
      await down.close?.();
      await smtp.close();
    });
    const gone = await channel
      .send(sampleMessage(), { type: 'email', address: 'gone@parkmatch.test' })
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(DeliveryError);
    expect((gone as DeliveryError).permanent).toBe(true);
    expect((gone as DeliveryError).message).toContain('550');
    const refused = await down
      .send(sampleMessage(), { type: 'email', address: 'a@parkmatch.test' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect((refused as DeliveryError).permanent).toBe(false);
  });
});
