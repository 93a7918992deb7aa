export * from './bind-store-operations';
export * from './memory-store';
export type * from './records';
export type * from './sync-store';
