import { fileURLToPath } from 'node:url';
import { evalProducts, evaluate, formatReport, loadCases } from './evaluation.ts';

// node services/firm-services/eval/evaluate.ts [path/to/set.jsonl]: the financing engine's
// quality on a labelled set, with every miss.
const path = process.argv[2] ?? fileURLToPath(new URL('./labelled.jsonl', import.meta.url));
process.stdout.write(`labelled set: ${path}\n${formatReport(evaluate(loadCases(path), evalProducts()))}\n`);
