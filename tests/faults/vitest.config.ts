import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The fault suite (`npm run test:faults`): its own config, so that `npm test` does not run it
// (it takes minutes); `.ci/run` runs it after `npm test`. It starts its own system with
// `scripts/run-local.ts` (private Redis included), so it needs no global setup.

export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    name: 'faults',
    include: ['tests/faults/**/*.fault.ts'],
    fileParallelism: false,
    testTimeout: 420_000,
    hookTimeout: 180_000,
  },
});
