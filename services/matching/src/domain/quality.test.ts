import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadParkCatalogs } from './catalog.ts';
import { evaluate, formatReport, loadLabelledSet } from './evaluation.ts';
import { loadTaxonomy } from './taxonomy.ts';

// The same evaluation as `node services/matching/eval/evaluate.ts`, held to the
// issue's targets.
const THRESHOLDS = { bestPark: 0.9, tierWithinOne: 1, tierExact: 0.75, pairwise: 0.9 } as const;

it('meets the quality targets on the labelled set', () => {
  const taxonomy = loadTaxonomy();
  const path = fileURLToPath(new URL('../../eval/labelled.jsonl', import.meta.url));
  const cases = loadLabelledSet(path);
  expect(cases.length).toBeGreaterThanOrEqual(40);
  const report = evaluate(cases, loadParkCatalogs(taxonomy), taxonomy);
  const summary = formatReport(report);
  expect(report.bestPark.value, summary).toBeGreaterThanOrEqual(THRESHOLDS.bestPark);
  expect(report.tierWithinOne.value, summary).toBeGreaterThanOrEqual(THRESHOLDS.tierWithinOne);
  expect(report.tierExact.value, summary).toBeGreaterThanOrEqual(THRESHOLDS.tierExact);
  expect(report.pairwise.value, summary).toBeGreaterThanOrEqual(THRESHOLDS.pairwise);
});
