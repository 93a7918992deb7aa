import type { SyncStoreOperations } from './sync-store';

/** Every store operation as a synchronous function (an in-memory map, or `node:sqlite`, answers at once). */
export type StoreOperationImpls = {
  [K in keyof SyncStoreOperations]: (
    ...args: Parameters<SyncStoreOperations[K]>
  ) => Awaited<ReturnType<SyncStoreOperations[K]>>;
};

// A record over every key, so that adding an operation to the contract without listing it fails to compile.
const OPERATIONS: Record<keyof SyncStoreOperations, true> = {
  acquireLease: true,
  renewLease: true,
  releaseLease: true,
  getLease: true,
  getCursor: true,
  compareAndSetCursor: true,
  getLedgerEntry: true,
  insertLedgerEntry: true,
  updateLedgerEntry: true,
  listLedgerEntries: true,
  upsertListings: true,
  markUnseenListingsDeleted: true,
  getListing: true,
  listListings: true,
  countListings: true,
  setPushedQuantity: true,
  putMapping: true,
  deleteMapping: true,
  listMappings: true,
  appendAction: true,
  listActions: true,
  enqueue: true,
  claim: true,
  ack: true,
  release: true,
  listOutbox: true,
  getValue: true,
  putValue: true,
  deleteValue: true,
  listValues: true,
};

/** The names of every `SyncStoreOperations` method. */
export const SYNC_STORE_OPERATIONS = Object.keys(OPERATIONS) as readonly (keyof SyncStoreOperations)[];

/**
 * Build a store's promise-returning operations from synchronous implementations, each call going
 * through `run` (where the store serialises calls behind its lock, or checks that a transaction is
 * still open). Store authors list their operations once, in `impls`.
 */
export function bindStoreOperations(
  impls: StoreOperationImpls,
  run: (name: keyof SyncStoreOperations, call: () => unknown) => Promise<unknown>,
): SyncStoreOperations {
  const ops: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of SYNC_STORE_OPERATIONS) {
    const impl = impls[name] as (...args: unknown[]) => unknown;
    ops[name] = (...args) => run(name, () => impl(...args));
  }
  return ops as unknown as SyncStoreOperations;
}
