import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, createMetrics, createTokenService } from '@parkmatch/service-kit';
import { createStore } from '@parkmatch/store';
import { createInsightsApp } from '../src/app.ts';
import { ReadModel } from '../src/read-model/read-model.ts';
import { LeadStateRepository } from '../src/read-model/repository.ts';
import { TargetRepository } from '../src/targets/repository.ts';

/**
 * The insights app as main.ts builds it, over a temporary SQLite store and the first
 * generation of the read model, with no bus: tests apply events to `model` themselves.
 */
export async function openInsights(options: { now?: () => Date; secret?: string } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'parkmatch-insights-'));
  const store = await createStore({ kind: 'sqlite', dir });
  const states = await LeadStateRepository.open(store, 1);
  const model = await ReadModel.load(states);
  const targets = await TargetRepository.open(store);
  const tokens = createTokenService(options.secret ?? 'insights-test-secret-insights-test-secret');
  const app = createInsightsApp({
    leads: () => model.facts(),
    modelVersion: () => `${model.generation}:${model.version}`,
    status: () => ({ generation: model.generation, leads: model.size, version: model.version }),
    targets,
    tokens,
    logger: createLogger('insights', 'silent'),
    metrics: createMetrics('insights'),
    readiness: [],
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    app,
    model,
    states,
    store,
    targets,
    tokens,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
