import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { Problem } from '@parkmatch/contracts';

// Shared OpenAPI pieces for route declarations.

/** A problem+json response entry for a route's `responses`. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** A JSON response entry for a route's `responses`. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** `security` of an operation that needs a bearer token (the `bearer` scheme every service declares). */
export const bearer = [{ bearer: [] }];

/** `security` of a public operation: it needs no token (said outright, so clients send none). */
export const noToken: Record<string, string[]>[] = [];

const tagDescriptions = new Map<string, string>();

/**
 * Describes an OpenAPI tag; returns its name, for the `tags` of route declarations. A service's
 * document lists each tag its operations use, with this description. A tag is described once,
 * where its feature's routes are declared; routes of other features use its name.
 */
export function tag(name: string, description: string): string {
  const known = tagDescriptions.get(name);
  if (known !== undefined && known !== description)
    throw new Error(`OpenAPI tag "${name}" is described twice, differently: describe it in one place`);
  tagDescriptions.set(name, description);
  return name;
}

/** The document's `tags`: every tag the app's operations use, by name, each with its description. */
export function documentTags(app: Pick<OpenAPIHono, 'openAPIRegistry'>) {
  const used = new Set(
    app.openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? (d.route.tags ?? []) : [])),
  );
  return [...used].sort().map((name) => {
    const description = tagDescriptions.get(name);
    return description === undefined ? { name } : { name, description };
  });
}
