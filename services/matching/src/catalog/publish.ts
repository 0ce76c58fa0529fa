import { createEvent, Events } from '@parkmatch/contracts';
import { fieldErrors, HttpProblem, outboxEntry } from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import { type Engine, type ParkCatalog, validateCatalog } from '../engine/index.ts';
import type { RerankDoc } from '../rerank/repository.ts';
import type { Reranking } from '../rerank/rerank.ts';
import type { CatalogRepository } from './repository.ts';

export interface PublishDeps {
  catalogs: CatalogRepository;
  engine: Pick<Engine, 'catalog' | 'catalogs' | 'use' | 'taxonomy' | 'scoreWith'>;
  reranking: Pick<Reranking, 'enqueue'>;
  onEventsWritten: () => void;
}

/** The catalog in force at a park; 404 when there is no such park. */
export function catalogInForce(engine: Pick<Engine, 'catalog'>, parkId: string): ParkCatalog {
  const catalog = engine.catalog(parkId);
  if (!catalog) throw new HttpProblem(404, { zh: `没有园区 ${parkId}`, en: `no park ${parkId}` });
  return catalog;
}

/** A manager's draft as the next version of the park's catalog; 400 listing every issue. */
export function draftCatalog(
  engine: Pick<Engine, 'catalog' | 'taxonomy'>,
  parkId: string,
  draft: Record<string, unknown>,
): ParkCatalog {
  const base = catalogInForce(engine, parkId);
  const result = validateCatalog({ ...draft, id: parkId, version: base.version + 1 }, engine.taxonomy);
  if (result.success) return result.catalog;
  throw new HttpProblem(
    400,
    { zh: '园区目录不合法', en: 'the catalog is not valid' },
    { errors: fieldErrors(result.issues).map((error) => ({ ...error, path: `catalog.${error.path}` })) },
  );
}

/**
 * Publishes a draft as the park's next catalog version: stored with who and when and the
 * event that puts it in force on every instance, in force here at once, and a re-rank
 * of the park queued.
 */
export async function publishCatalog(
  deps: PublishDeps,
  input: { parkId: string; draft: Record<string, unknown>; note?: string | undefined; by: string },
): Promise<{ version: number; rerank: RerankDoc }> {
  const catalog = draftCatalog(deps.engine, input.parkId, input.draft);
  const event = createEvent(Events.catalogPublished, {
    key: catalog.id,
    source: 'matching',
    payload: { parkId: catalog.id, version: catalog.version, publishedBy: input.by },
  });
  try {
    await deps.catalogs.insert(catalog, { publishedBy: input.by, note: input.note }, new Date(), [
      outboxEntry(Events.catalogPublished, event),
    ]);
  } catch (error) {
    if (error instanceof DuplicateKeyError) {
      throw new HttpProblem(409, {
        zh: `第 ${catalog.version} 版刚被他人发布，请刷新后重试`,
        en: `version ${catalog.version} was just published by someone else; reload and retry`,
      });
    }
    throw error;
  }
  deps.onEventsWritten();
  deps.engine.use(catalog);
  return { version: catalog.version, rerank: await deps.reranking.enqueue(catalog.id, catalog.version) };
}

/** The consumer: a catalog published on any instance comes into force on this one. */
export function onCatalogPublished(deps: { catalogs: CatalogRepository; engine: Pick<Engine, 'use'> }) {
  return async (event: { payload: { parkId: string; version: number } }): Promise<void> => {
    deps.engine.use(await deps.catalogs.at(event.payload.parkId, event.payload.version));
  };
}
