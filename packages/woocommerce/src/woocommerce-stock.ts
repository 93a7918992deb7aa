import { type CallOptionsV1, OmnisyncError, type StockUpdate, type StockUpdateResult } from '@omnisync/core';
import { type WooBatchEntry, WooBatchResponse } from './woocommerce-api';
import type { WooCommerceApi } from './woocommerce-client';
import type { WooCommerceSettings } from './woocommerce-settings';

/** Objects one batch request accepts: create + update + delete together (WooCommerce's default filter value). */
export const WOOCOMMERCE_BATCH_LIMIT = 100;

interface Group {
  /** `products` or the parent id of variations. */
  parentId: string | null;
  indexes: number[];
}

/**
 * The `update` entry for one stock write.
 *
 * - `exact`: `manage_stock: true` and `stock_quantity`; WooCommerce derives
 *   `stock_status` (instock / outofstock) from the quantity.
 * - `in-stock`: no number leaves the ERP: `manage_stock: false` and
 *   `stock_status` instock or outofstock.
 * - `active: false` (deactivate at zero) sets the post `status` to `private`:
 *   the product or variation disappears from the shop (a private variation is
 *   WooCommerce's "disabled"), stays in the admin, and `active: true` publishes
 *   it again. `catalog_visibility: hidden` was not used: a hidden product can
 *   still be bought through its URL, and variations have no such field.
 */
export function stockEntry(update: StockUpdate, mode: WooCommerceSettings['quantitySync']): Record<string, unknown> {
  const id = Number(update.variantId ?? update.listingId);
  const entry: Record<string, unknown> =
    mode === 'exact'
      ? { id, manage_stock: true, stock_quantity: update.quantity }
      : { id, manage_stock: false, stock_status: update.quantity > 0 ? 'instock' : 'outofstock' };
  if (update.active === false) entry.status = 'private';
  if (update.active === true) entry.status = 'publish';
  return entry;
}

/**
 * Push stock through the batch endpoints: simple products through
 * `POST /products/batch`, variations through `POST /products/{id}/variations/batch`
 * (one request per parent), each request at most 100 items. Returns one result
 * per update, in the order given. A failed item (an `error` entry in the
 * response) fails alone; a failed request fails its items, except for refused
 * credentials, which are thrown (nothing else would work either).
 */
export async function updateWooStock(
  api: WooCommerceApi,
  settings: WooCommerceSettings,
  updates: StockUpdate[],
  options: CallOptionsV1 = {},
): Promise<StockUpdateResult[]> {
  const results: StockUpdateResult[] = new Array(updates.length);
  for (const [index, update] of updates.entries()) {
    if (!/^\d+$/.test(update.listingId) || (update.variantId && !/^\d+$/.test(update.variantId))) {
      results[index] = failed(
        update,
        'INVALID_ARGUMENT',
        `"${update.listingId}" is not a WooCommerce product id.`,
        false,
      );
    }
  }
  for (const group of groupUpdates(updates, results)) {
    for (let at = 0; at < group.indexes.length; at += WOOCOMMERCE_BATCH_LIMIT) {
      const chunk = group.indexes.slice(at, at + WOOCOMMERCE_BATCH_LIMIT);
      await sendChunk(api, settings, group.parentId, chunk, updates, results, options);
    }
  }
  return results;
}

function groupUpdates(updates: StockUpdate[], results: StockUpdateResult[]): Group[] {
  const groups = new Map<string, Group>();
  for (const [index, update] of updates.entries()) {
    if (results[index]) continue;
    const parentId = update.variantId ? update.listingId : null;
    const key = parentId ?? '';
    const group = groups.get(key) ?? { parentId, indexes: [] };
    group.indexes.push(index);
    groups.set(key, group);
  }
  return [...groups.values()];
}

async function sendChunk(
  api: WooCommerceApi,
  settings: WooCommerceSettings,
  parentId: string | null,
  chunk: number[],
  updates: StockUpdate[],
  results: StockUpdateResult[],
  options: CallOptionsV1,
): Promise<void> {
  const entries = chunk.map((i) => stockEntry(updates[i]!, settings.quantitySync));
  try {
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-products
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-product-variations
    const response = await api.call({
      method: 'POST',
      path: parentId ? '/products/{id}/variations/batch' : '/products/batch',
      params: parentId ? { id: parentId } : undefined,
      json: { update: entries },
      schema: WooBatchResponse,
      priority: options.priority ?? 'stock',
      signal: options.signal,
      // Absolute quantities: repeating the request sets the same values.
      idempotent: true,
    });
    const byId = new Map((response.data.update ?? []).map((entry) => [String(entry.id), entry]));
    for (const i of chunk)
      results[i] = resultOf(updates[i]!, byId.get(String(updates[i]!.variantId ?? updates[i]!.listingId)));
  } catch (error) {
    if (!OmnisyncError.isInstance(error) || error.code === 'CHANNEL_AUTH' || error.code === 'ABORTED') throw error;
    for (const i of chunk) results[i] = failed(updates[i]!, error.code, error.message, error.retryable);
  }
}

function resultOf(update: StockUpdate, entry: WooBatchEntry | undefined): StockUpdateResult {
  if (!entry) return failed(update, 'STOCK_PUSH', 'The store left this item out of its batch response.', true);
  if (entry.error) {
    const status = entry.error.data?.status ?? 400;
    return failed(update, entry.error.code, entry.error.message ?? entry.error.code, status >= 500);
  }
  return {
    listingId: update.listingId,
    variantId: update.variantId ?? null,
    ok: true,
    quantity: entry.stock_quantity ?? null,
  };
}

function failed(update: StockUpdate, code: string, message: string, retryable: boolean): StockUpdateResult {
  return {
    listingId: update.listingId,
    variantId: update.variantId ?? null,
    ok: false,
    error: { code, message, retryable },
  };
}
