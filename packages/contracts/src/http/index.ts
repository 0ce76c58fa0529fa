// Views other services and the portal read over HTTP: one schema each, shared by the
// service that answers and the client that reads.
export * from './inbox.ts';
export * from './lead.ts';
export * from './match.ts';
export * from './park.ts';
export * from './problem.ts';
