import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { evalProducts, evaluate, formatReport, loadCases } from './evaluation.ts';

// The same evaluation as `node services/firm-services/eval/evaluate.ts`, held to targets:
// eligibility is a rule and must be exact; the order is judgement and may miss now and then.
const TARGETS = { eligibility: 1, gates: 1, toConfirm: 1, pairwise: 0.9, top1: 0.9 } as const;

it('meets the quality targets on labelled.jsonl', () => {
  const cases = loadCases(fileURLToPath(new URL('./labelled.jsonl', import.meta.url)));
  const report = evaluate(cases, evalProducts());
  const summary = formatReport(report);
  expect(report.pairs, summary).toBeGreaterThanOrEqual(30);
  expect(report.eligibility.value, summary).toBeGreaterThanOrEqual(TARGETS.eligibility);
  expect(report.gates.value, summary).toBeGreaterThanOrEqual(TARGETS.gates);
  expect(report.toConfirm.value, summary).toBeGreaterThanOrEqual(TARGETS.toConfirm);
  expect(report.pairwise.value, summary).toBeGreaterThanOrEqual(TARGETS.pairwise);
  expect(report.top1.value, summary).toBeGreaterThanOrEqual(TARGETS.top1);
});
