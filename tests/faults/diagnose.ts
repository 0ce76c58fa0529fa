import { Redis } from 'ioredis';

// When something accepted did not arrive: is the event that should have carried it still in
// the bus (a consumer did not apply it), or is it gone (it never got there, or Redis lost it)?
// And how far behind is each consumer group? Read from the run's private Redis.

const SCORED = 'matching.lead.scored.v1';

export async function diagnose(
  redisUrl: string,
  missing: readonly { leadId: string; parkId: string; what: string[] }[],
  prefix = 'pm',
): Promise<string> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    // The partition streams only (`<prefix>:<topic>:<p>`; group keys end in digits too).
    const partition = new RegExp(`^${prefix}:${SCORED.replaceAll('.', '\\.')}:\\d+$`);
    const streams = (await redis.keys(`${prefix}:${SCORED}:*`)).filter((k) => partition.test(k));
    const inBus = new Map<string, number>();
    const groups: string[] = [];
    for (const stream of streams) {
      for (const [, fields] of await redis.xrange(stream, '-', '+')) {
        const value = fields[fields.indexOf('v') + 1] ?? '{}';
        const { payload } = JSON.parse(value) as { payload?: { leadId: string; parkId: string } };
        if (!payload) continue;
        const key = `${payload.leadId}|${payload.parkId}`;
        inBus.set(key, (inBus.get(key) ?? 0) + 1);
      }
      const info = (await redis.call('XINFO', 'GROUPS', stream)) as unknown[][];
      for (const group of info) {
        const fields = Object.fromEntries(
          Array.from({ length: group.length / 2 }, (_, i) => [String(group[2 * i]), group[2 * i + 1]]),
        );
        if (Number(fields.pending) > 0 || Number(fields.lag) > 0) {
          // Who holds the pending entries, and how often each was delivered.
          const held = (await redis.xpending(stream, String(fields.name), '-', '+', 5)) as [
            string,
            string,
            number,
            number,
          ][];
          const owners = held.map(([id, owner, , count]) => `${id} by ${owner} (delivered ${count}×)`);
          groups.push(
            `${stream} ${fields.name}: pending ${fields.pending}, lag ${fields.lag}${owners.length > 0 ? `: ${owners.join(', ')}` : ''}`,
          );
        }
      }
    }
    const lines = missing.map(
      (m) =>
        `  ${m.leadId} at ${m.parkId}: missing ${m.what.join(', ')}; scored events in the bus: ${inBus.get(`${m.leadId}|${m.parkId}`) ?? 0}`,
    );
    return [
      '[faults] diagnosis:',
      ...lines,
      `  groups behind on ${SCORED}: ${groups.length === 0 ? 'none' : ''}`,
      ...groups.map((g) => `    ${g}`),
    ].join('\n');
  } catch (error) {
    return `[faults] diagnosis failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    redis.disconnect();
  }
}
