import type { StockUpdate } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { connectTo, useWooCommerceServer } from './__fixtures__/woocommerce-msw';
import { stockEntry, WOOCOMMERCE_BATCH_LIMIT } from './woocommerce-stock';

const msw = useWooCommerceServer();

function storeWithProducts(count: number) {
  const store = msw.store();
  const ids = Array.from(
    { length: count },
    (_, i) => store.addProduct({ name: `P${i}`, sku: `P-${i}`, stockQuantity: 1 }).id as number,
  );
  return { store, ids };
}

describe('updateStock through the batch endpoints', () => {
  it('splits 250 simple products into batches of at most 100 and keeps the results in order', async () => {
    const { store, ids } = storeWithProducts(250);
    const updates: StockUpdate[] = ids.map((id, i) => ({ listingId: String(id), quantity: i }));
    const results = await connectTo(store).updateStock(updates);
    const batches = store.calls.filter((c) => c.path === '/products/batch');
    expect(batches.map((c) => (c.body as { update: unknown[] }).update.length)).toEqual([100, 100, 50]);
    expect(results.map((r) => r.listingId)).toEqual(ids.map(String));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.products.get(ids[249]!)?.stock_quantity).toBe(249);
  });

  it('sends variations through their parent’s variations batch, separate from simple products', async () => {
    const store = msw.store();
    const simple = store.addProduct({ name: 'Mug', sku: 'MUG', stockQuantity: 1 });
    const tee = store.addProduct({
      name: 'Tee',
      type: 'variable',
      attributes: [{ name: 'Size', options: ['S', 'M'] }],
    });
    const small = store.addVariation({
      parentId: tee.id as number,
      sku: 'TEE-S',
      stockQuantity: 1,
      attributes: { Size: 'S' },
    });
    const medium = store.addVariation({
      parentId: tee.id as number,
      sku: 'TEE-M',
      stockQuantity: 1,
      attributes: { Size: 'M' },
    });
    const results = await connectTo(store).updateStock([
      { listingId: String(tee.id), variantId: String(small.id), quantity: 5 },
      { listingId: String(simple.id), quantity: 7 },
      { listingId: String(tee.id), variantId: String(medium.id), quantity: 0 },
    ]);
    expect(results.map((r) => [r.variantId ?? null, r.ok, r.quantity])).toEqual([
      [String(small.id), true, 5],
      [null, true, 7],
      [String(medium.id), true, 0],
    ]);
    const paths = store.calls.map((c) => c.path);
    expect(paths).toHaveLength(2);
    expect(paths).toEqual(expect.arrayContaining(['/products/batch', `/products/${tee.id}/variations/batch`]));
    expect(store.variations.get(medium.id as number)).toMatchObject({ stock_quantity: 0, stock_status: 'outofstock' });
  });

  it('never sends more than the limit in one request (the store answers 413 beyond it)', async () => {
    const { store, ids } = storeWithProducts(WOOCOMMERCE_BATCH_LIMIT + 1);
    await connectTo(store).updateStock(ids.map((id) => ({ listingId: String(id), quantity: 2 })));
    const sizes = store.calls.map((c) => (c.body as { update: unknown[] }).update.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(WOOCOMMERCE_BATCH_LIMIT);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(WOOCOMMERCE_BATCH_LIMIT + 1);
  });

  it('reports an item the store refused (its error entry) without failing the others', async () => {
    const { store, ids } = storeWithProducts(2);
    const results = await connectTo(store).updateStock([
      { listingId: String(ids[0]), quantity: 3 },
      { listingId: '424242', quantity: 3 },
      { listingId: String(ids[1]), quantity: 4 },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]?.error).toMatchObject({ code: 'woocommerce_rest_product_invalid_id', retryable: false });
  });

  it('refuses a non-numeric id locally, without a request', async () => {
    const { store } = storeWithProducts(1);
    const [result] = await connectTo(store).updateStock([{ listingId: 'SKU-1', quantity: 1 }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(store.calls).toHaveLength(0);
  });

  it('fails a whole batch item by item when the store is down, marked retryable', async () => {
    const { store, ids } = storeWithProducts(2);
    store.failNext(10, { status: 503, retryAfter: 0 });
    const connector = connectTo(store);
    const results = await connector.updateStock(ids.map((id) => ({ listingId: String(id), quantity: 1 })));
    expect(results.map((r) => [r.ok, r.error?.code, r.error?.retryable])).toEqual([
      [false, 'CHANNEL_UNAVAILABLE', true],
      [false, 'CHANNEL_UNAVAILABLE', true],
    ]);
  });

  it('deactivates at zero by making the product private, and publishes it again', async () => {
    const { store, ids } = storeWithProducts(1);
    const connector = connectTo(store);
    await connector.updateStock([{ listingId: String(ids[0]), quantity: 0, active: false }]);
    expect(store.products.get(ids[0]!)).toMatchObject({ status: 'private', stock_quantity: 0 });
    await connector.updateStock([{ listingId: String(ids[0]), quantity: 6, active: true }]);
    expect(store.products.get(ids[0]!)).toMatchObject({
      status: 'publish',
      stock_quantity: 6,
      stock_status: 'instock',
    });
  });

  it('in in-stock mode sends only the stock status, never a quantity', async () => {
    const { store, ids } = storeWithProducts(1);
    await connectTo(store, { quantitySync: 'in-stock' }).updateStock([{ listingId: String(ids[0]), quantity: 0 }]);
    expect(store.calls[0]?.body).toEqual({ update: [{ id: ids[0], manage_stock: false, stock_status: 'outofstock' }] });
    expect(store.products.get(ids[0]!)).toMatchObject({
      manage_stock: false,
      stock_quantity: null,
      stock_status: 'outofstock',
    });
  });
});

describe('stockEntry', () => {
  it('writes the documented fields for an exact quantity', () => {
    expect(stockEntry({ listingId: '22', variantId: '23', quantity: 4 }, 'exact')).toEqual({
      id: 23,
      manage_stock: true,
      stock_quantity: 4,
    });
  });
});
