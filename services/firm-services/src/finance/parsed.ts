import type {
  AnswerInput as AnswerSchema,
  FinancingNeedInput as NeedSchema,
  FinanceProductInput as ProductSchema,
} from '@parkmatch/contracts';
import type { z } from 'zod';

// The inputs as the routes hand them over: parsed, defaults filled in.
export type FinanceProductInput = z.output<typeof ProductSchema>;
export type FinancingNeedInput = z.output<typeof NeedSchema>;
export type AnswerInput = z.output<typeof AnswerSchema>;
