// Views other services and the portal read over HTTP: one schema each, shared by the
// service that answers and the client that reads.
export * from './auth.ts';
export * from './catalog.ts';
export * from './firm.ts';
export * from './inbox.ts';
export * from './insights.ts';
export * from './lead.ts';
export * from './ledgers.ts';
export * from './match.ts';
export * from './notifications.ts';
export * from './park.ts';
export * from './pipeline.ts';
export * from './problem.ts';
