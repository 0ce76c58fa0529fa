// The channel contract: one suite, run by every adapter's test file (hono's common.case
// style) against a real receiver of its kind started in the test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Channel, type ChannelTarget, DeliveryError, type OutgoingMessage } from './port.ts';

export interface ChannelFixture {
  channel: Channel;
  target: ChannelTarget;
  /** What the receiver accepted, one visible text per message (subject and lines), in order. */
  received(): Promise<string[]>;
  /** Makes the receiver refuse the next `count` messages the way it does in real life. */
  failNext?(count: number): void;
  /** A target nothing answers at. */
  unreachable?: ChannelTarget;
  /** Makes the receiver take the next message and never answer (the channel must time out). */
  hangNext?(): void;
  /** A target the receiver refuses for good (a bad signature, an unknown mailbox). */
  refusing?: ChannelTarget;
  /** The receiver's size limit in bytes of UTF-8, when it has one. */
  maxBytes?: number;
  close(): Promise<void>;
}

export interface ChannelContractOptions {
  name: string;
  open: () => Promise<ChannelFixture>;
}

let sequence = 0;

/** A notification as the delivery jobs hand it over: Chinese first, about a lead. */
export function sampleMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  sequence += 1;
  return {
    id: `n-contract-${sequence}-${Date.now()}`,
    kind: 'new-lead',
    subject: { zh: `新线索（A级）：集庆生物${sequence}`, en: `New tier-A lead: Jiqing Bio ${sequence}` },
    lines: {
      zh: ['项目：IVD 试剂生产基地', '得分 81，契合承接方向「POCT」'],
      en: ['Project: IVD reagent plant', 'Score 81; fits intake direction "POCT"'],
    },
    link: 'https://parkmatch.example.cn/leads/lead-1',
    occurredAt: new Date().toISOString(),
    facts: {
      parkId: 'dadukou-ivd',
      leadId: `lead-${sequence}`,
      tier: 'A',
      score: 81,
      firmName: `集庆生物${sequence}`,
      projectTitle: 'IVD 试剂生产基地',
      reasons: { zh: ['契合承接方向「POCT」'], en: ['Fits intake direction "POCT"'] },
    },
    ...overrides,
  };
}

export function runChannelContract({ name, open }: ChannelContractOptions): void {
  describe(`Channel contract: ${name}`, () => {
    let f: ChannelFixture;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(() => f.close());

    it('delivers a Chinese message whole, Chinese first', async () => {
      const message = sampleMessage();
      await f.channel.send(message, f.target);
      const [text, ...more] = await f.received();
      expect(more).toEqual([]);
      expect(text).toContain(message.subject.zh);
      expect(text).toContain('契合承接方向「POCT」');
      expect(text).not.toContain('\uFFFD');
      if (text!.includes(message.subject.en))
        expect(text!.indexOf(message.subject.zh)).toBeLessThan(text!.indexOf(message.subject.en));
    });

    it('makes one delivery per send, in order', async () => {
      const first = sampleMessage();
      const second = sampleMessage();
      await f.channel.send(first, f.target);
      await f.channel.send(second, f.target);
      const texts = await f.received();
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain(first.subject.zh);
      expect(texts[1]).toContain(second.subject.zh);
    });

    it('rejects with the reason when the receiver refuses, and delivers again afterwards', async (ctx) => {
      if (!f.failNext) return ctx.skip(`${name}: its receiver never refuses a message (nothing to retry)`);
      f.failNext(1);
      const refused = sampleMessage();
      const error = await f.channel.send(refused, f.target).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).permanent).toBe(false);
      expect((error as DeliveryError).message.length).toBeGreaterThan(5);
      const next = sampleMessage();
      await f.channel.send(next, f.target);
      const texts = await f.received();
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain(next.subject.zh);
    });

    it('rejects, to be tried again, when nothing answers', async (ctx) => {
      if (!f.unreachable)
        return ctx.skip(`${name}: a target cannot name an unreachable receiver (see its own tests)`);
      const error = await f.channel.send(sampleMessage(), f.unreachable).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).permanent).toBe(false);
    });

    it('rejects, to be tried again, when the receiver takes the message and never answers', async (ctx) => {
      if (!f.hangNext) return ctx.skip(`${name}: its receiver cannot be made to hang (see its own tests)`);
      f.hangNext();
      const error = await f.channel.send(sampleMessage(), f.target).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).permanent).toBe(false);
      expect((error as DeliveryError).message).toMatch(/no answer/);
    });

    it('rejects a delivery the receiver refuses for good (bad signature, unknown mailbox)', async (ctx) => {
      if (!f.refusing) return ctx.skip(`${name}: no target its receiver refuses for good`);
      const error = await f.channel.send(sampleMessage(), f.refusing).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeliveryError);
      expect(await f.received()).toEqual([]);
    });

    it('fits a long message into the receiver’s limit, cut between characters', async (ctx) => {
      if (!f.maxBytes) return ctx.skip(`${name}: its receiver has no size limit`);
      const long = sampleMessage({
        lines: { zh: Array.from({ length: 300 }, (_, i) => `第${i}条：体外诊断试剂盒🧪`), en: ['long'] },
      });
      await f.channel.send(long, f.target);
      const [text] = await f.received();
      expect(text).toContain(long.subject.zh);
      expect(text).not.toContain('\uFFFD');
      expect(Buffer.byteLength(text!)).toBeLessThanOrEqual(f.maxBytes!);
    });
  });
}
