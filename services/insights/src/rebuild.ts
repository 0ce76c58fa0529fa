// `npm run insights:rebuild`: rebuilds the insights read model from the event history (Redis
// Streams or Kafka, from the first retained event) into a fresh generation and activates it; a
// running insights service swaps to it within seconds. Same environment as the service.
// `--from-snapshot`: start from the states of the generation now served (when the bus's
// retention no longer reaches back to the first event), then replay every event it holds.
import { createLogger, openInfrastructure } from '@parkmatch/service-kit';
import { loadConfig } from './config.ts';
import { GenerationRepository } from './read-model/generation.ts';
import { rebuildReadModel } from './rebuild/rebuild.ts';

const config = loadConfig();
const logger = createLogger('insights-rebuild', config.logLevel);
const { bus, store } = await openInfrastructure({ ...config, service: 'insights-rebuild' }, logger);
try {
  const result = await rebuildReadModel({
    bus,
    store,
    generations: await GenerationRepository.open(store),
    logger,
  });
  process.stdout.write(
    `insights read model rebuilt: generation ${result.generation}, ${result.events} events folded into ` +
      `${result.leads} leads in ${(result.tookMs / 1000).toFixed(1)} s (group ${result.group})\n`,
  );
} finally {
  await bus.close();
  await store.close();
}
