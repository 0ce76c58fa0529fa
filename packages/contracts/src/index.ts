export * from './credit-code.ts';
export * from './events/index.ts';
export * from './http/index.ts';
export * from './parks.ts';
export * from './pipeline.ts';
export * from './profile.ts';
export * from './queues.ts';
export * from './scores.ts';
