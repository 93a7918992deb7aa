import type { StockUpdate, StockUpdateResult } from '@omnisync/core';
import type { ListingBook } from './listing-book';
import type { RawListing } from './mock-api';

/**
 * Apply one stock update to a listing row: unknown or deleted rows fail with
 * `NOT_FOUND`, archived ones with `ARCHIVED`, a stale `expectedQuantity` with a
 * conflict (when compare-and-set is honoured); `active` unlists or relists.
 */
export function applyStockUpdate(
  book: ListingBook,
  u: StockUpdate,
  honour: { compareAndSet: boolean; deactivate: boolean },
): StockUpdateResult {
  const ref = { listingId: u.listingId, variantId: u.variantId ?? null };
  const row = book.get(u.variantId ? `${u.listingId}:${u.variantId}` : u.listingId);
  if (!row || row.raw.status === 'DELETED') {
    return {
      ...ref,
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such listing on the channel.', retryable: false },
    };
  }
  if (row.raw.status === 'ARCHIVED') {
    return { ...ref, ok: false, error: { code: 'ARCHIVED', message: 'The listing is archived.', retryable: false } };
  }
  const expected = honour.compareAndSet ? u.expectedQuantity : null;
  if (expected !== null && expected !== undefined && expected !== row.raw.stock) {
    return { ...ref, ok: false, quantity: row.raw.stock, conflict: { actualQuantity: row.raw.stock } };
  }
  const patch: Partial<RawListing> = { stock: u.quantity };
  if (honour.deactivate && u.active === false) patch.status = 'UNLIST';
  if (honour.deactivate && u.active === true && row.raw.status === 'UNLIST') patch.status = 'NORMAL';
  book.update(row, patch);
  return { ...ref, ok: true, quantity: row.raw.stock };
}
