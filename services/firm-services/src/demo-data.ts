import { readFileSync } from 'node:fs';
import { FinanceProductInput, OrgInput, RndServiceInput, Slug } from '@parkmatch/contracts';
import { z } from 'zod';

// The demo catalogue in data/: a few Chongqing banks' credit products (named generically) and
// the R&D platform's three sub-platforms with their services. `npm start` loads it through the
// API (scripts/demo/firm-services.ts); the tests and the labelled set read the same files.

const Entry = z.looseObject({ id: Slug });

/** A data file's entries, each checked against the schema its API takes. */
function read<S extends z.ZodType>(name: string, schema: S): { id: string; input: z.output<S> }[] {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../data/${name}.json`, import.meta.url), 'utf8'));
  return z
    .array(Entry)
    .parse(raw)
    .map(({ id, ...rest }) => ({ id, input: schema.parse(rest) as z.output<S> }));
}

export const demoOrgs = () => read('orgs', OrgInput);
export const demoProducts = () => read('products', FinanceProductInput);
export const demoServices = () => read('services', RndServiceInput);
