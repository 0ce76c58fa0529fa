import { openRuntime, runService } from '@parkmatch/service-kit';
import { createInsightsApp } from './app.ts';
import { loadConfig } from './config.ts';
import { watchReadModelBacklog } from './read-model/backlog.ts';
import { GenerationRepository } from './read-model/generation.ts';
import { ServedReadModel } from './read-model/served.ts';
import { TargetRepository } from './targets/repository.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
const [generations, targets] = await Promise.all([
  GenerationRepository.open(store),
  TargetRepository.open(store),
]);

const served = await ServedReadModel.start({ bus, store, generations, logger, metrics });
served.watch();
const backlog = watchReadModelBacklog({ bus, group: () => served.group, metrics, logger });

const app = createInsightsApp({
  ...runtime,
  leads: () => served.model.facts(),
  modelVersion: () => `${served.model.generation}:${served.model.version}`,
  status: () => ({
    generation: served.model.generation,
    leads: served.model.size,
    version: served.model.version,
  }),
  targets,
  readiness: [...runtime.readiness, backlog],
  bodyLimitBytes: config.bodyLimitBytes,
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [() => served.close(), () => bus.close(), () => store.close()],
});
