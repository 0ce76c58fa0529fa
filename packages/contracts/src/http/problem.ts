import { z } from 'zod';

/** RFC 9457 problem details: every error answer of every service. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string().meta({ description: 'in the language of Accept-Language (zh or en; en by default)' }),
    status: z.number(),
    detail: z.string().optional().meta({ description: 'in the language of Accept-Language when known' }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: 'dot path of the field, e.g. `firm.creditCode`' }),
          message: z.string().meta({ description: '中文说明' }),
          messageEn: z.string().optional().meta({ description: 'the same in English' }),
          code: z.string().optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });
export type ProblemView = z.infer<typeof Problem>;
