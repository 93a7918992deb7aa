import { StoreError } from '../errors/errors';
import type { ActionOutcome, LedgerEntry } from '../store/records';
import type { SyncStoreOperations } from '../store/sync-store';
import type { OrderLedgerData, OrderLedgerState } from './order-ledger';

/** The identity of an order's ledger entry. */
export interface LedgerKey {
  tenantId: string;
  channelId: string;
  externalId: string;
}

/** The parts of a ledger entry a write sets. */
export interface LedgerChange {
  state: OrderLedgerState;
  saleId?: string | null;
  channelUpdatedAt: string | null;
  data: OrderLedgerData;
}

/**
 * Write an order's ledger entry: insert it when `current` is null, else
 * update it by compare-and-set on its revision. A lost race (another worker
 * inserted or updated first) throws `StoreError` `LEDGER_CONFLICT`: the
 * caller re-reads and decides again.
 */
export async function saveLedgerEntry(
  store: SyncStoreOperations,
  key: LedgerKey,
  current: LedgerEntry | null,
  change: LedgerChange,
): Promise<LedgerEntry> {
  const data = change.data as unknown as Record<string, unknown>;
  if (current) {
    return store.updateLedgerEntry({
      ...current,
      state: change.state,
      saleId: change.saleId === undefined ? current.saleId : change.saleId,
      channelUpdatedAt: change.channelUpdatedAt,
      data,
    });
  }
  const result = await store.insertLedgerEntry({
    ...key,
    state: change.state,
    saleId: change.saleId ?? null,
    channelUpdatedAt: change.channelUpdatedAt,
    data,
  });
  if (!result.inserted) {
    throw new StoreError('LEDGER_CONFLICT', `Order ${key.channelId}/${key.externalId} was recorded by another worker.`);
  }
  return result.entry;
}

/** True for a lost ledger compare-and-set race. */
export function isLedgerConflict(error: unknown): boolean {
  return StoreError.isInstance(error) && error.code === 'LEDGER_CONFLICT';
}

/** Append an entry about one order to the action log. */
export function logOrderAction(
  store: SyncStoreOperations,
  key: LedgerKey,
  action: string,
  outcome: ActionOutcome,
  message: string,
  details: Record<string, unknown> = {},
): Promise<unknown> {
  return store.appendAction({
    tenantId: key.tenantId,
    channelId: key.channelId,
    subjectType: 'order',
    subjectId: key.externalId,
    action,
    outcome,
    message,
    details,
  });
}
