import type { StoreOperationImpls, SyncStoreOperations } from '@omnisync/core';

/** The store operations as synchronous functions (`node:sqlite` is synchronous); the store wraps them in promises. */
export type SyncOperations = StoreOperationImpls;

/** A slice of the operations, implemented by one module. */
export type OperationsOf<K extends keyof SyncStoreOperations> = Pick<SyncOperations, K>;

/** Epoch ms to ISO timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A row as `node:sqlite` returns it. */
export type Row = Record<string, unknown>;
