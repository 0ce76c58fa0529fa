import { describe, expect, it } from 'vitest';
import type { Answer, Api } from '../scripts/demo/api.ts';
import { DemoClock } from '../scripts/demo/clock.ts';
import { figuresFor, playStory, type Tally } from '../scripts/demo/history.ts';
import { checkStories, STORIES, type Story } from '../scripts/demo/stories.ts';

// The demo loader's story player, against a fake leads API: a lead the planned park rated D
// is skipped with a warning (never a failure), one someone worked another way is left alone,
// and one whose history is all there gets no write.

const clock = new DemoClock(new Date('2026-12-02T06:00:00Z'));
const story: Story = {
  creditCode: '91350200MA2XJQ000R',
  park: 'dadukou-ivd',
  received: 30,
  steps: [
    { kind: 'claim', day: 28 },
    { kind: 'liaison', day: 28, username: 'dadukou' },
    { kind: 'move', day: 20, to: 'contacted' },
  ],
};

function lead(fields: Record<string, unknown>) {
  return {
    id: 'lead-1',
    stage: 'lead',
    pipelineRevision: 1,
    history: [],
    parks: { 'dadukou-ivd': { tier: 'B', score: 60 } },
    profile: { firm: { name: '集庆生物', creditCode: story.creditCode }, project: {} },
    createdAt: clock.at(30, 0),
    ...fields,
  };
}

/** A fake API that answers reads with `read` and records every write. */
function fakeApi(read: unknown) {
  const writes: string[] = [];
  const answer = async (status: number, body: unknown): Promise<Answer> => ({ status, body });
  const api = {
    get: () => answer(200, read),
    post: (path: string) => {
      writes.push(`POST ${path}`);
      return answer(500, {});
    },
    put: (path: string) => {
      writes.push(`PUT ${path}`);
      return answer(500, {});
    },
    patch: (path: string) => {
      writes.push(`PATCH ${path}`);
      return answer(500, {});
    },
    delete: (path: string) => {
      writes.push(`DELETE ${path}`);
      return answer(500, {});
    },
  } as unknown as Api;
  return { api, writes };
}

const tally = (): Tally => ({
  refusals: 0,
  transfers: 0,
  skipped: 0,
  tooRecent: 0,
  kept: 0,
  incomplete: 0,
  visits: 0,
  figures: 0,
});

describe('the demo story player', () => {
  it('skips a lead its park rated D, with a warning and no write', async () => {
    const { api, writes } = fakeApi(lead({ parks: { 'dadukou-ivd': { tier: 'D', score: 12 } } }));
    const warnings: string[] = [];
    const counts = tally();
    await playStory({ api, clock, tally: counts, warn: (m) => warnings.push(m) }, story, 'lead-1');
    expect(writes).toEqual([]);
    expect(counts.skipped).toBe(1);
    expect(warnings).toEqual([expect.stringContaining('rated it D')]);
  });

  it('leaves alone a lead whose history went another way', async () => {
    const worked = lead({
      history: [{ kind: 'claimed', at: clock.at(25, 0), by: 'biocity', parkId: 'bio-city' }],
    });
    const { api, writes } = fakeApi(worked);
    const counts = tally();
    await playStory({ api, clock, tally: counts, warn: () => {} }, story, 'lead-1');
    expect(writes).toEqual([]);
    expect(counts.kept).toBe(1);
  });

  it('writes nothing for a lead whose history is all there', async () => {
    const done = lead({
      stage: 'contacted',
      owner: { parkId: 'dadukou-ivd', by: 'admin', since: clock.at(28, 1) },
      history: [
        { kind: 'claimed', at: clock.at(28, 1), by: 'admin', parkId: 'dadukou-ivd' },
        { kind: 'liaison', at: clock.at(28, 2), by: 'admin', to: 'dadukou' },
        { kind: 'stage', at: clock.at(20, 3), by: 'admin', from: 'lead', to: 'contacted' },
      ],
    });
    const { api, writes } = fakeApi(done);
    const counts = tally();
    await playStory({ api, clock, tally: counts, warn: () => {} }, story, 'lead-1');
    expect(writes).toEqual([]);
    expect(counts).toEqual(tally());
  });

  it('holds stories that run from past to present, and figures that depend on the month alone', () => {
    expect(() => checkStories(STORIES)).not.toThrow();
    expect(() => checkStories([{ ...story, steps: [{ kind: 'claim', day: 31 }] }])).toThrow(/out of order/);
    const plan = STORIES.find((s) => s.figures)?.figures;
    if (!plan) throw new Error('no key firm in the demo');
    expect(figuresFor(plan, '2026-05')).toEqual(figuresFor(plan, '2026-05'));
    expect(figuresFor(plan, '2026-02').revenueCny).toBeLessThan(figuresFor(plan, '2026-03').revenueCny);
  });
});
