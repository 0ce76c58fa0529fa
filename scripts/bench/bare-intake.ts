// The intake baseline: a bare Hono app that parses the same zod schema as leads'
// `POST /v1/profiles` and answers 201, nothing else (no middleware, no store, no events).
// Run as its own process by pipeline.ts: PORT=… node scripts/bench/bare-intake.ts
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { ProfileInput } from '@parkmatch/contracts';
import { Hono } from 'hono';

const app = new Hono();
app.post('/v1/profiles', async (c) => {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return c.json({ title: 'malformed JSON' }, 400);
  }
  const parsed = ProfileInput.safeParse(body);
  if (!parsed.success) return c.json({ title: 'invalid profile', issues: parsed.error.issues.length }, 400);
  return c.json({ id: randomUUID(), revision: 1, stage: 'lead' }, 201);
});

const server = serve(
  { fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) },
  (info) => process.stdout.write(`listening ${info.port}\n`),
);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
