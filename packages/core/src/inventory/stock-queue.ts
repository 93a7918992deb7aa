import type { SyncStoreOperations } from '../store/sync-store';

/** The outbox topic of stock pushes; the key is the POS item id. */
export const STOCK_TOPIC = 'stock';

/** Outbox priorities of stock work: lower runs first. */
export const STOCK_PRIORITY = {
  /** An order or sale took the last units somewhere: every other channel first (the oversell guard). */
  lastUnits: 0,
  /** An imported order changed stock. */
  order: 10,
  /** A cancellation, reversal or restock gave units back. */
  restock: 50,
  /** Any other POS change (adjustment, transfer). */
  routine: 100,
} as const;

/** Why an item's stock push was queued. */
export interface StockOutboxPayload {
  reason: string;
  channelId?: string | null;
  orderId?: string | null;
}

/** Put items in the stock outbox; a pending entry for the same item coalesces (the latest quantity is computed at push time). */
export async function enqueueStock(
  ops: Pick<SyncStoreOperations, 'enqueue'>,
  tenantId: string,
  itemIds: Iterable<string>,
  payload: StockOutboxPayload,
  priority: number,
  availableAt?: string,
): Promise<number> {
  let n = 0;
  for (const key of new Set(itemIds)) {
    await ops.enqueue({
      tenantId,
      topic: STOCK_TOPIC,
      key,
      payload,
      priority,
      ...(availableAt ? { availableAt } : {}),
    });
    n++;
  }
  return n;
}
