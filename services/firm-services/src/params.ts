import { z } from '@hono/zod-openapi';

// Path and query parameters the features share, each described for the OpenAPI document.

export const pathParam = <S extends z.ZodType>(schema: S, name: string, description: string) =>
  schema.openapi({ param: { name, in: 'path' }, description });

export const queryParam = <S extends z.ZodType>(schema: S, name: string, description: string) =>
  schema.openapi({ param: { name, in: 'query' }, description });

export const LeadId = z.string().min(1).max(64);
/** Ids of organisations, products and services (as contracts' Slug, built on the OpenAPI-aware zod). */
export const Slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,63}$/,
    '2–64 位小写字母、数字或连字符 / 2–64 lower-case letters, digits or "-"',
  );
export const Id = z.string().min(1).max(64);

export const LeadIdQuery = (description: string) =>
  z.object({ leadId: queryParam(LeadId.optional(), 'leadId', description) });
