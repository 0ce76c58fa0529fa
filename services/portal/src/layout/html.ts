import { html } from 'hono/html';

// Pages are hono/html tagged templates: every interpolated value is escaped unless it is
// itself a template (or raw(), which the portal uses for nothing a user wrote).

export { html } from 'hono/html';
export type Html = ReturnType<typeof html>;

/** Joins fragments (a list's items) into one. */
export const join = (parts: readonly Html[]): Html => html`${parts}`;

/**
 * Markup inserted as it is: only for what the portal made itself and cleaned (a chart's SVG,
 * see manager/charts.ts), never for anything a user wrote.
 */
export { raw } from 'hono/html';
