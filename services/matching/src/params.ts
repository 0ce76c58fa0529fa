import { z } from '@hono/zod-openapi';

// Path parameters every feature's routes share.

export const ParkIdParam = z.object({
  parkId: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/)
    .openapi({
      param: { name: 'parkId', in: 'path' },
      description: 'The park’s id, as `GET /v1/parks` lists it',
      example: 'dadukou-ivd',
    }),
});

export const LeadIdParam = z.object({
  leadId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'leadId', in: 'path' }, description: 'The lead’s id on the leads service' }),
});
