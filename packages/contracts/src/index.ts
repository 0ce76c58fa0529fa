export * from './credit-code.ts';
export * from './events.ts';
export * from './pipeline.ts';
export * from './profile.ts';
export * from './queues.ts';
