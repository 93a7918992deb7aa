export * from './auto-sync';
export * from './event-mode';
export * from './reconcile-api';
export * from './reconcile-routine';
