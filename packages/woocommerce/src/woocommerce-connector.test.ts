import { type ChannelOrder, ChannelPayloadError, type Listing, type PageV1 } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { collect, connectTo, useWooCommerceServer } from './__fixtures__/woocommerce-msw';
import type { WooTestStore } from './__fixtures__/woocommerce-test-store';
import { asProductResource } from './__fixtures__/woocommerce-test-writes';

const msw = useWooCommerceServer();

/** A store with a simple mug and a tee in three sizes (L disabled). */
function shop(): { store: WooTestStore; tee: number; sizes: Record<string, number> } {
  const store = msw.store();
  store.addProduct({ name: 'Mug', sku: 'MUG', stockQuantity: 8, modifiedAt: new Date('2026-11-01T10:00:00Z') });
  const tee = store.addProduct({
    name: 'Tee',
    sku: 'TEE',
    type: 'variable',
    attributes: [{ name: 'Size', options: ['S', 'M', 'L'] }],
    modifiedAt: new Date('2026-11-10T10:00:00Z'),
  }).id as number;
  const sizes: Record<string, number> = {};
  for (const [size, quantity] of [
    ['S', 2],
    ['M', 5],
    ['L', 0],
  ] as const) {
    sizes[size] = store.addVariation({
      parentId: tee,
      sku: `TEE-${size}`,
      stockQuantity: quantity,
      status: size === 'L' ? 'private' : 'publish',
      attributes: { Size: size },
      modifiedAt: new Date('2026-11-10T10:00:00Z'),
    }).id as number;
  }
  return { store, tee, sizes };
}

describe('listings and variations', () => {
  it('lists each variation as its own listing (parent id + variation id, own SKU and stock), never the parent', async () => {
    const { store, tee, sizes } = shop();
    const listings = await collect(connectTo(store).listListings({ status: 'all' }));
    expect(listings.map((l) => [l.sku, l.listingId, l.variantId, l.quantity, l.status])).toEqual([
      ['MUG', expect.any(String), null, 8, 'live'],
      ['TEE-S', String(tee), String(sizes.S), 2, 'live'],
      ['TEE-M', String(tee), String(sizes.M), 5, 'live'],
      ['TEE-L', String(tee), String(sizes.L), 0, 'inactive'],
    ]);
    expect(listings.find((l) => l.sku === 'TEE-M')).toMatchObject({
      title: 'Tee - M',
      attributes: { Size: 'M' },
      price: { amount: '9.00', currency: 'USD' },
    });
  });

  it('an active scan asks for published products and leaves out disabled variations', async () => {
    const { store } = shop();
    const listings = await collect(connectTo(store).listListings({ status: 'active' }));
    expect(listings.map((l) => l.sku)).toEqual(['MUG', 'TEE-S', 'TEE-M']);
    expect(store.calls.find((c) => c.path === '/products')?.query).toMatchObject({
      status: 'publish',
      per_page: '100',
    });
  });

  it('an updated scan filters on modified_after in GMT, one second early (WooCommerce bounds are strict)', async () => {
    const { store } = shop();
    const listings = await collect(
      connectTo(store).listListings({ status: 'all', updatedSince: '2026-11-10T10:00:00Z' }),
    );
    expect(listings.map((l) => l.sku)).toEqual(['TEE-S', 'TEE-M', 'TEE-L']);
    expect(store.calls[0]?.query).toMatchObject({ modified_after: '2026-11-10T09:59:59', dates_are_gmt: 'true' });
  });

  it('finds one listing by SKU, a variation included, and by listing and variant id', async () => {
    const { store, tee, sizes } = shop();
    const connector = connectTo(store);
    expect(await connector.getListing!({ sku: 'TEE-M' })).toMatchObject({
      listingId: String(tee),
      variantId: String(sizes.M),
      quantity: 5,
    });
    expect(await connector.getListing!({ listingId: String(tee), variantId: String(sizes.S) })).toMatchObject({
      sku: 'TEE-S',
    });
    expect(await connector.getListing!({ listingId: '99999' })).toBeNull();
    expect(await connector.getListing!({ sku: 'TEE' })).toBeNull();
  });

  it('uploads a product, and a variation under a new variable parent', async () => {
    const store = msw.store();
    const connector = connectTo(store);
    const mug = await connector.createListing!({
      sku: 'NEW-MUG',
      title: 'New mug',
      quantity: 4,
      attributes: {},
      price: { amount: '12.50', currency: 'USD' },
    });
    expect(mug).toMatchObject({ sku: 'NEW-MUG', quantity: 4, status: 'live', variantId: null });
    const red = await connector.createListing!({
      sku: 'CAP-RED',
      title: 'Cap',
      quantity: 2,
      attributes: { Color: 'Red' },
      parentSku: 'CAP',
    });
    const parent = [...store.products.values()].find((p) => p.sku === 'CAP');
    expect(parent).toMatchObject({
      type: 'variable',
      attributes: [expect.objectContaining({ name: 'Color', options: ['Red'] })],
    });
    expect(red).toMatchObject({
      listingId: String(parent?.id),
      sku: 'CAP-RED',
      quantity: 2,
      attributes: { Color: 'Red' },
    });
  });

  it('re-reads once when a product is deleted mid-scan, so no live listing goes unseen', async () => {
    const store = msw.store();
    const ids = Array.from(
      { length: 25 },
      (_, i) => store.addProduct({ name: `P${i}`, sku: `P-${i}`, stockQuantity: 1 }).id as number,
    );
    store.beforeAnswer = (call) => {
      if (call.path === '/products' && call.query.page === '2' && store.products.has(ids[0]!))
        store.products.delete(ids[0]!);
    };
    const listings = await collect(connectTo(store, { pageSize: 10 }).listListings({ status: 'all' }));
    const skus = listings.map((l) => l.sku);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus).toEqual(expect.arrayContaining(ids.slice(1).map((_, i) => `P-${i + 1}`)));
    expect(store.calls.filter((c) => c.path === '/products' && c.query.page === '1')).toHaveLength(2);
  });

  it('reads the catalog once when nothing moved', async () => {
    const store = msw.store();
    for (let i = 0; i < 25; i++) store.addProduct({ name: `P${i}`, sku: `P-${i}`, stockQuantity: 1 });
    store.addProduct({ name: 'Bundle', type: 'grouped' });
    await collect(connectTo(store, { pageSize: 10 }).listListings({ status: 'all' }));
    expect(store.calls.filter((c) => c.path === '/products').map((c) => c.query.page)).toEqual(['1', '2', '3']);
  });

  it('rejects a malformed product alone, naming the field, and delivers the rest of the page', async () => {
    const { store } = shop();
    const all = await collect(connectTo(store).listListings({ status: 'all' }));
    store.corruptNext('listings');
    const pages: PageV1<Listing>[] = [];
    for await (const page of connectTo(store).listListings({ status: 'all' })) pages.push(page);
    const rejected = pages.flatMap((p) => p.rejected ?? []);
    expect(rejected).toHaveLength(1);
    expect(ChannelPayloadError.isInstance(rejected[0]?.error)).toBe(true);
    expect(rejected[0]?.error.issues[0]?.path).toBe('id');
    expect(pages.flatMap((p) => p.items).length).toBeGreaterThan(0);
    expect(pages.flatMap((p) => p.items).length).toBeLessThan(all.length);
  });
});

describe('orders', () => {
  it('downloads an order whose line SKU is unknown anywhere, passing the SKU through', async () => {
    const store = msw.store();
    store.addOrder({ status: 'processing', lines: [{ sku: 'GHOST-SKU-1', quantity: 2, price: '4.50' }] });
    const [order] = await collect(connectTo(store).listOrders({}));
    expect(order).toMatchObject({
      status: 'paid',
      rawStatus: 'processing',
      lines: [{ sku: 'GHOST-SKU-1', quantity: 2, unitPrice: '4.50' }],
    });
  });

  it('backfills from the start date (after, GMT) and pages by id', async () => {
    const store = msw.store();
    store.addOrder({
      status: 'completed',
      createdAt: new Date('2025-12-31T23:00:00Z'),
      lines: [{ sku: 'A', quantity: 1, price: '1.00' }],
    });
    store.addOrder({
      status: 'completed',
      createdAt: new Date('2026-01-02T08:00:00Z'),
      lines: [{ sku: 'A', quantity: 1, price: '1.00' }],
    });
    const orders = await collect(connectTo(store, { startDate: '2026-01-01' }).listOrders({}));
    expect(orders).toHaveLength(1);
    expect(store.calls[0]?.query).toMatchObject({
      after: '2025-12-31T23:59:59',
      dates_are_gmt: 'true',
      orderby: 'id',
      order: 'asc',
    });
  });

  it('re-reads once when an order is trashed mid-download, so none is missed', async () => {
    const store = msw.store();
    const ids = Array.from(
      { length: 12 },
      () => store.addOrder({ status: 'processing', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] }).id as number,
    );
    store.beforeAnswer = (call) => {
      if (call.path === '/orders' && call.query.page === '2' && store.orders.get(ids[0]!)?.status !== 'trash') {
        store.orders.get(ids[0]!)!.status = 'trash';
      }
    };
    const orders = await collect(connectTo(store, { pageSize: 5 }).listOrders({}));
    expect(orders.map((o) => Number(o.externalId)).sort()).toEqual(ids);
  });

  it('reads one order, and null for one the store does not have', async () => {
    const store = msw.store();
    const order = store.addOrder({ status: 'on-hold', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    const connector = connectTo(store);
    expect((await connector.getOrder!(String(order.id)))?.status).toBe('on_hold');
    expect(await connector.getOrder!('777777')).toBeNull();
  });

  it('writes a status back with PUT /orders/{id}, honouring the write-back overrides', async () => {
    const store = msw.store({ customOrderStatuses: ['shipped'] });
    const order = store.addOrder({ status: 'processing', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    await connectTo(store).updateOrderStatus!(String(order.id), 'completed');
    expect(store.calls.at(-1)).toMatchObject({
      method: 'PUT',
      path: `/orders/${order.id}`,
      body: { status: 'completed' },
    });
    await connectTo(store, { writeBackStatuses: { shipped: 'shipped' } }).updateOrderStatus!(
      String(order.id),
      'shipped',
    );
    expect(store.orders.get(order.id as number)?.status).toBe('shipped');
  });

  it('rejects an order in an unknown status alone, naming status and settings.statusMap; the others are delivered', async () => {
    const store = msw.store({ customOrderStatuses: ['awaiting-pickup'] });
    const first = store.addOrder({ status: 'processing', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    const odd = store.addOrder({ status: 'awaiting-pickup', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    const last = store.addOrder({ status: 'completed', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    const pages: PageV1<ChannelOrder>[] = [];
    for await (const page of connectTo(store).listOrders({})) pages.push(page);
    expect(pages.flatMap((p) => p.items.map((o) => o.externalId))).toEqual([String(first.id), String(last.id)]);
    const rejected = pages.flatMap((p) => p.rejected ?? []);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.id).toBe(String(odd.id));
    expect(rejected[0]?.error.issues[0]?.path).toBe('status');
    expect(rejected[0]?.error.message).toContain('settings.statusMap');
    const mapped = await collect(connectTo(store, { statusMap: { 'awaiting-pickup': 'paid' } }).listOrders({}));
    expect(mapped.map((o) => o.externalId)).toContain(String(odd.id));
  });

  it("lists the store's order statuses for the setup form and flags a plugin's unmapped one", async () => {
    const store = msw.store({ customOrderStatuses: ['awaiting-pickup'] });
    store.addOrder({ status: 'awaiting-pickup', lines: [{ sku: 'A', quantity: 1, price: '1.00' }] });
    const check = await connectTo(store, { channelId: 'shop' }).checkOrderStatuses();
    expect(check.statuses.find((s) => s.slug === 'processing')).toMatchObject({ name: 'Processing', mappedTo: 'paid' });
    expect(check.unmapped).toEqual([{ slug: 'awaiting-pickup', name: 'awaiting-pickup', total: 1, mappedTo: null }]);
    expect(check.notices).toEqual([
      expect.objectContaining({
        kind: 'unmapped-order-status',
        channelId: 'shop',
        subject: { type: 'order-status', id: 'awaiting-pickup' },
      }),
    ]);
    const mapped = await connectTo(store, { statusMap: { 'awaiting-pickup': 'paid' } }).checkOrderStatuses();
    expect(mapped.unmapped).toEqual([]);
  });

  it('lists payment gateways and shipping methods for the method mappings', async () => {
    const connector = connectTo(msw.store());
    const payments = await connector.listPaymentMethods!();
    expect(payments.slice(0, 2)).toEqual([
      { id: 'bacs', title: 'Direct bank transfer', enabled: true },
      { id: 'cheque', title: 'Check payments', enabled: false },
    ]);
    expect((await connector.listDeliveryMethods!()).map((m) => m.id)).toEqual([
      'flat_rate',
      'free_shipping',
      'local_pickup',
    ]);
  });
});

describe('webhooks through the connector', () => {
  it('verifies a product.updated for a variable product and reads its variations', async () => {
    const { store, tee } = shop();
    const events = await connectTo(store).parseWebhook!(store.delivery('product.updated', store.products.get(tee)));
    expect(events.map((e) => e.type === 'listing' && e.listing.sku)).toEqual(['TEE-S', 'TEE-M', 'TEE-L']);
  });

  it('turns a product.updated about one variation into that variant listing', async () => {
    const { store, tee, sizes } = shop();
    const payload = asProductResource(store, store.variations.get(sizes.S!)!);
    const events = await connectTo(store).parseWebhook!(store.delivery('product.updated', payload));
    expect(events).toMatchObject([
      { type: 'listing', listing: { listingId: String(tee), variantId: String(sizes.S), sku: 'TEE-S' } },
    ]);
  });

  it('has no parseWebhook (and says so) without a webhook secret', () => {
    const connector = connectTo(msw.store(), { webhookSecret: undefined });
    expect(connector.capabilities.webhooks).toBe(false);
    expect(connector.parseWebhook).toBeUndefined();
  });
});

describe('webhook health', () => {
  it('reports a disabled webhook as a notice and re-activates it', async () => {
    const store = msw.store();
    store.addWebhook({ topic: 'order.created' });
    const broken = store.addWebhook({ topic: 'order.updated', status: 'disabled' });
    const connector = connectTo(store, { channelId: 'shop' });
    const check = await connector.checkWebhooks();
    expect(check.disabled.map((w) => w.id)).toEqual([String(broken.id)]);
    expect(check.notices).toEqual([
      expect.objectContaining({
        kind: 'webhook-disabled',
        channelId: 'shop',
        subject: { type: 'webhook', id: String(broken.id) },
      }),
    ]);
    const repair = await connector.repairWebhooks();
    expect(repair.reactivated.map((w) => w.status)).toEqual(['active']);
    expect(store.webhooks.get(broken.id as number)?.status).toBe('active');
    expect((await connector.checkWebhooks()).disabled).toEqual([]);
  });
});
