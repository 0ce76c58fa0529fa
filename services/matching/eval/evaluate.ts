// Usage: node services/matching/eval/evaluate.ts [path-to-labelled-set]
// Prints best-park accuracy, Dadukou tier agreement, direction-code hit rate,
// pairwise order agreement and every miss. Exit code 0 always: thresholds live
// in the quality test (eval/quality.test.ts).
import { fileURLToPath } from 'node:url';
import { loadParkCatalogs, loadTaxonomy } from '../src/engine/index.ts';
import { evaluate, formatReport, loadLabelledSet } from './evaluation.ts';

const path = process.argv[2] ?? fileURLToPath(new URL('./labelled.jsonl', import.meta.url));
const taxonomy = loadTaxonomy();
const report = evaluate(loadLabelledSet(path), loadParkCatalogs(taxonomy), taxonomy);
process.stdout.write(`labelled set: ${path}\n${formatReport(report)}`);
