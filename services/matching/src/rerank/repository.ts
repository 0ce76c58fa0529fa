import type { Collection, DocumentStore } from '@parkmatch/store';

/** Progress of re-ranking one park: one per park, catalog version and engine version. */
export interface RerankDoc {
  _id: string; // rerankId(job)
  parkId: string;
  version: number;
  /** The engine version the re-rank was started for. */
  engineVersion: string;
  status: 'queued' | 'running' | 'done' | 'superseded' | 'failed';
  total: number;
  done: number;
  changedTiers: number;
  /** Last lead id done: where a retried job resumes. */
  cursor: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

export interface RerankJob {
  parkId: string;
  version: number;
  engineVersion: string;
}

export const rerankId = ({ parkId, version, engineVersion }: RerankJob) =>
  `${parkId}@${version}/${engineVersion}`;

/** The `reranks` collection. */
export class RerankRepository {
  readonly #reranks: Collection<RerankDoc>;

  private constructor(reranks: Collection<RerankDoc>) {
    this.#reranks = reranks;
  }

  static async open(store: DocumentStore): Promise<RerankRepository> {
    const reranks = store.collection<RerankDoc>('reranks');
    await reranks.createIndex({ keys: { parkId: 1, queuedAt: -1 }, purpose: "a park's latest re-rank" });
    return new RerankRepository(reranks);
  }

  /** Records a re-rank as queued, once per job; returns its state. */
  async queue(job: RerankJob, total: number, now: Date): Promise<RerankDoc> {
    const id = rerankId(job);
    const doc = await this.#reranks.findOneAndUpdate(
      { _id: id },
      {
        $setOnInsert: {
          ...job,
          status: 'queued',
          total,
          done: 0,
          changedTiers: 0,
          cursor: '',
          queuedAt: now.toISOString(),
        },
      },
      { upsert: true },
    );
    if (!doc) throw new Error(`rerank ${id} vanished`);
    return doc;
  }

  async start(job: RerankJob, total: number, now: Date): Promise<RerankDoc> {
    const state = await this.#reranks.findOneAndUpdate(
      { _id: rerankId(job) },
      { $set: { status: 'running', startedAt: now.toISOString(), total } },
    );
    if (!state) throw new Error(`no rerank ${rerankId(job)}`);
    return state;
  }

  async progress(job: RerankJob, progress: Pick<RerankDoc, 'cursor' | 'done' | 'changedTiers'>) {
    await this.#reranks.updateOne({ _id: rerankId(job) }, { $set: progress });
  }

  async finish(job: RerankJob, status: 'done' | 'superseded' | 'failed', now: Date, error?: string) {
    await this.#reranks.updateOne(
      { _id: rerankId(job) },
      { $set: { status, finishedAt: now.toISOString(), ...(error ? { error } : {}) } },
    );
  }

  get(job: RerankJob): Promise<RerankDoc | null> {
    return this.#reranks.findOne({ _id: rerankId(job) });
  }

  latest(parkId: string): Promise<RerankDoc | null> {
    return this.#reranks.findOne({ parkId }, { sort: { queuedAt: -1 } });
  }
}
