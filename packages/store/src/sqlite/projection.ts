import { Query } from 'mingo';
import type { Projection } from '../port.ts';
import { mingoOptions } from './mingo.ts';

// find()'s projection. Picking top-level fields (`{ score: 1, tier: 1 }`, what loading a rank
// index asks of 600,000 documents) is done directly; dot paths and exclusions go to mingo.

/** `docs` projected; they are the caller's own copies, changed in place where that is cheaper. */
export function project<T>(docs: T[], projection: Projection | undefined): T[] {
  if (!projection) return docs;
  const entries = Object.entries(projection);
  if (entries.length === 0) return docs;
  const picked = entries.filter(([path]) => path !== '_id');
  const inclusion = picked.length > 0 || projection._id === 1;
  const simple = inclusion && picked.every(([path, on]) => on === 1 && !path.includes('.'));
  if (!simple) return new Query({}, mingoOptions).find<T>(docs, projection).all();
  const keepId = projection._id !== 0;
  const fields = picked.map(([path]) => path);
  return docs.map((doc) => {
    const source = doc as Record<string, unknown>;
    const out: Record<string, unknown> = keepId ? { _id: source._id } : {};
    for (const field of fields) if (Object.hasOwn(source, field)) out[field] = source[field];
    return out as T;
  });
}
