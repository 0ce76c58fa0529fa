import type { EventBus, Subscription } from '@parkmatch/bus';
import type { Logger, Metrics } from '@parkmatch/service-kit';
import type { DocumentStore } from '@parkmatch/store';
import { closeAll, feedReadModel } from './consumer.ts';
import type { ActiveGeneration, GenerationRepository } from './generation.ts';
import { ReadModel } from './read-model.ts';
import { LeadStateRepository } from './repository.ts';

export interface ServedDeps {
  bus: EventBus;
  store: DocumentStore;
  generations: GenerationRepository;
  logger: Logger;
  metrics?: Metrics;
}

/**
 * The read model this process serves, fed by its consumer group. Every few seconds it asks
 * which generation is active; when a rebuild has activated a new one, it loads it, follows its
 * group (which goes on from where the rebuild stopped), lets go of the old one and empties
 * its collection.
 */
export class ServedReadModel {
  readonly #deps: ServedDeps;
  #active: ActiveGeneration;
  #model: ReadModel;
  #subscriptions: Subscription[];
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> = Promise.resolve();

  private constructor(
    deps: ServedDeps,
    active: ActiveGeneration,
    model: ReadModel,
    subscriptions: Subscription[],
  ) {
    this.#deps = deps;
    this.#active = active;
    this.#model = model;
    this.#subscriptions = subscriptions;
  }

  static async start(deps: ServedDeps): Promise<ServedReadModel> {
    const active = await deps.generations.active();
    const { model, subscriptions } = await ServedReadModel.#open(deps, active);
    return new ServedReadModel(deps, active, model, subscriptions);
  }

  static async #open(deps: ServedDeps, active: ActiveGeneration) {
    const model = await ReadModel.load(await LeadStateRepository.open(deps.store, active.generation));
    deps.logger.info({ generation: active.generation, leads: model.size }, 'read model loaded');
    const subscriptions = await feedReadModel({ ...deps, group: active.group, model });
    return { model, subscriptions };
  }

  get model(): ReadModel {
    return this.#model;
  }

  get group(): string {
    return this.#active.group;
  }

  /** Looks for a newly activated generation every `intervalMs`. */
  watch(intervalMs = 2_000): void {
    this.#timer = setInterval(() => {
      this.#checking = this.#checking.then(async () => {
        try {
          await this.checkGeneration();
        } catch (error) {
          this.#deps.logger.warn({ err: error }, 'read model generation check failed');
        }
      });
    }, intervalMs);
    this.#timer.unref();
  }

  /** Swaps to the active generation if a rebuild activated another; true when it did. */
  async checkGeneration(): Promise<boolean> {
    const active = await this.#deps.generations.active();
    if (active.generation === this.#active.generation && active.group === this.#active.group) return false;
    const previous = { active: this.#active, subscriptions: this.#subscriptions };
    const next = await ServedReadModel.#open(this.#deps, active);
    this.#active = active;
    this.#model = next.model;
    this.#subscriptions = next.subscriptions;
    await closeAll(previous.subscriptions);
    if (previous.active.generation !== active.generation)
      await (await LeadStateRepository.open(this.#deps.store, previous.active.generation)).clear();
    this.#deps.logger.info(
      { from: previous.active.generation, to: active.generation, leads: next.model.size },
      'read model swapped to a rebuilt generation',
    );
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#checking;
    await closeAll(this.#subscriptions);
  }
}
