/*
 * The orders and inventory flows that run on the mock channel in
 * packages/core/test, run once more against the WooCommerce connector over
 * the msw-simulated store: createOmnisync + the mock POS + createWooCommerce.
 */
import {
  createMemoryStore,
  createOmnisync,
  type Omnisync,
  type OrderImportRulesInput,
  WebhookSignatureError,
} from '@omnisync/core';
import { createMockPos, type MockPos } from '@omnisync/mock';
import { describe, expect, it } from 'vitest';
import { connectTo, useWooCommerceServer } from '../src/__fixtures__/woocommerce-msw';
import type { Json } from '../src/__fixtures__/woocommerce-test-builders';
import type { WooTestStore } from '../src/__fixtures__/woocommerce-test-store';

const msw = useWooCommerceServer();

const RULES: OrderImportRulesInput = {
  payments: { mapping: { bacs: 'BANK', cod: 'CASH' }, default: 'OTHER' },
  delivery: { mapping: { flat_rate: 'COURIER' }, default: 'COURIER' },
  writeBack: { enabled: true, completed: 'completed', cancelled: 'cancelled' },
};

function manualClock(start = '2026-11-20T08:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    ms: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

interface World {
  store: WooTestStore;
  pos: MockPos;
  omni: Omnisync;
  clock: ReturnType<typeof manualClock>;
  ids: { mug: number; tee: number; teeS: number; teeM: number };
  /** Another omnisync on the same sync store and POS, with other connector settings (a fixed setting). */
  reconnect(settings: Record<string, unknown>): Omnisync;
}

/** A store with a mug and a tee in two sizes, a POS with the same SKUs, and omnisync over both. */
function world(inventory: Record<string, unknown> = {}): World {
  const clock = manualClock();
  const store = msw.store({ now: clock.now });
  const mug = store.addProduct({ name: 'Mug', sku: 'MUG', stockQuantity: 50 }).id as number;
  const tee = store.addProduct({
    name: 'Tee',
    sku: 'TEE',
    type: 'variable',
    attributes: [{ name: 'Size', options: ['S', 'M'] }],
  }).id as number;
  const teeS = store.addVariation({ parentId: tee, sku: 'TEE-S', stockQuantity: 50, attributes: { Size: 'S' } })
    .id as number;
  const teeM = store.addVariation({ parentId: tee, sku: 'TEE-M', stockQuantity: 50, attributes: { Size: 'M' } })
    .id as number;
  const pos = createMockPos({
    clock: clock.now,
    items: [
      { sku: 'MUG', quantity: 100 },
      { sku: 'TEE-S', quantity: 100 },
      { sku: 'TEE-M', quantity: 100 },
    ],
  });
  const sync = createMemoryStore({ clock: clock.ms });
  const reconnect = (settings: Record<string, unknown>) =>
    createOmnisync({
      pos,
      store: sync,
      clock: clock.now,
      channels: {
        shop: { connector: connectTo(store, { channelId: 'shop', ...settings }), orders: RULES, inventory },
      },
    });
  return { store, pos, omni: reconnect({}), clock, ids: { mug, tee, teeS, teeM }, reconnect };
}

function customerOrders(w: World, status: string, lines: { sku: string; quantity: number }[]): Json {
  const product = (sku: string) =>
    sku === 'MUG'
      ? { productId: w.ids.mug }
      : sku === 'TEE-S'
        ? { productId: w.ids.tee, variationId: w.ids.teeS }
        : sku === 'TEE-M'
          ? { productId: w.ids.tee, variationId: w.ids.teeM }
          : { productId: 9999 };
  return w.store.addOrder({ status, lines: lines.map((l) => ({ ...l, price: '12.00', ...product(l.sku) })) });
}

/** Move an order to a status on the store, as the shop admin would. */
function setStatus(w: World, order: Json, status: string): void {
  w.clock.advance(60_000);
  order.status = status;
  w.store.touch(order);
}

/** A full scan through the engine, a second apart from what it follows and precedes. */
async function scan(w: World): Promise<void> {
  w.clock.advance(1000);
  await w.omni.scan('shop', { type: 'full' });
  w.clock.advance(1000);
}

describe('scans end to end on WooCommerce', () => {
  it('records every variation as a listing, classifies them, and an updated scan reads only what changed', async () => {
    const w = world();
    w.store.addProduct({ name: 'Poster', sku: 'POSTER-1', stockQuantity: 2 });
    const full = await w.omni.scan('shop', { type: 'full' });
    expect(full.counts).toMatchObject({ listingsWritten: 4, malformed: 0 });
    expect(full.sweep).toBe('marked');
    const [stats] = await w.omni.channelStatistics();
    expect(stats).toMatchObject({ liveProducts: 4, soldInChannel: 3, notInPos: 1 });

    w.clock.advance(3_600_000);
    w.store.variations.get(w.ids.teeS)!.stock_quantity = 9;
    w.store.touch(w.store.variations.get(w.ids.teeS)!);
    w.store.touch(w.store.products.get(w.ids.tee)!);
    const updated = await w.omni.scan('shop', { type: 'updated' });
    expect(updated.type).toBe('updated');
    const read = w.store.calls.filter((c) => c.path === '/products').at(-1);
    expect(read?.query).toMatchObject({ dates_are_gmt: 'true' });
    expect(read?.query.modified_after).toBeTruthy();
  });

  it('marks a product deleted from the store as deleted after a full scan', async () => {
    const w = world();
    await scan(w);
    w.store.products.delete(w.ids.mug);
    const second = await w.omni.scan('shop', { type: 'full' });
    expect(second.counts.deletedMarked).toBe(1);
  });
});

describe('orders end to end on WooCommerce', () => {
  it('imports a paid order once, with a variation line, then completes it when the store does', async () => {
    const w = world();
    const order = customerOrders(w, 'processing', [
      { sku: 'MUG', quantity: 2 },
      { sku: 'TEE-M', quantity: 1 },
    ]);
    expect(await w.omni.downloadOrders('shop')).toMatchObject({ imported: 1, failed: 0, waiting: 0 });
    expect(await w.omni.downloadOrders('shop')).toMatchObject({ imported: 0 });
    expect(w.pos.sales()).toHaveLength(1);
    expect(w.pos.sales()[0]).toMatchObject({ status: 'paid' });
    expect(w.pos.payments()).toHaveLength(1);
    expect(w.pos.sales()[0]?.order.lines.map((l) => l.sku)).toEqual(['MUG', 'TEE-M']);

    setStatus(w, order, 'completed');
    expect(await w.omni.downloadOrders('shop')).toMatchObject({ updated: 1 });
    expect(w.pos.sales()).toMatchObject([{ status: 'completed' }]);
    expect(w.pos.payments()).toHaveLength(1);
  });

  it('cancels the sale when the store cancels the order, and backfills from a start date', async () => {
    const w = world();
    const order = customerOrders(w, 'on-hold', [{ sku: 'MUG', quantity: 1 }]);
    await w.omni.downloadOrders('shop', { from: '2026-01-01T00:00:00Z' });
    expect(w.pos.sales()).toMatchObject([{ status: 'open' }]);
    setStatus(w, order, 'cancelled');
    await w.omni.downloadOrders('shop');
    expect(w.pos.sales()).toMatchObject([{ status: 'cancelled' }]);
  });

  it('holds an order whose SKU the POS does not know, without creating a sale', async () => {
    const w = world();
    const notices: string[] = [];
    w.omni.on('notice', (n) => notices.push(`${n.kind}: ${n.message}`));
    const order = customerOrders(w, 'processing', [{ sku: 'NOT-IN-POS', quantity: 1 }]);
    const report = await w.omni.downloadOrders('shop');
    expect(report).toMatchObject({ imported: 0, waiting: 1 });
    expect(w.pos.sales()).toHaveLength(0);
    expect(notices.join('\n')).toContain('NOT-IN-POS');
    expect((await w.omni.orderHistory('shop', String(order.id))).ledger?.state).toBe('waiting');
  });

  it('imports the rest of the page past an order in an unmapped status, which imports once statusMap maps it', async () => {
    const w = world();
    const before = customerOrders(w, 'processing', [{ sku: 'MUG', quantity: 1 }]);
    const odd = customerOrders(w, 'awaiting-pickup', [{ sku: 'TEE-S', quantity: 2 }]);
    const after = customerOrders(w, 'processing', [{ sku: 'TEE-M', quantity: 1 }]);
    const notices: string[] = [];
    w.omni.on('notice', (n) => notices.push(`${n.kind}:${n.subject?.id}:${n.message}`));
    const first = await w.omni.downloadOrders('shop');
    expect(first).toMatchObject({ imported: 2, rejected: 1, retried: { stillWaiting: 1 } });
    expect(
      w.pos
        .sales()
        .map((s) => s.order.externalId)
        .sort(),
    ).toEqual([String(before.id), String(after.id)].sort());
    expect(notices).toEqual([expect.stringMatching(new RegExp(`^order-malformed:${odd.id}:.*status.*statusMap`))]);
    expect(await w.omni.retryWaitingOrders('shop')).toMatchObject({ shop: { imported: 0, stillWaiting: 1 } });

    const fixed = w.reconnect({ statusMap: { 'awaiting-pickup': 'paid' } });
    expect(await fixed.retryWaitingOrders('shop')).toMatchObject({ shop: { imported: 1, stillWaiting: 0 } });
    await fixed.retryWaitingOrders('shop');
    await fixed.downloadOrders('shop');
    const sales = w.pos.sales().filter((s) => s.order.externalId === String(odd.id));
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ status: 'paid' });
  });

  it('writes the POS completion back to the store as the completed status', async () => {
    const w = world();
    const order = customerOrders(w, 'processing', [{ sku: 'MUG', quantity: 1 }]);
    await w.omni.downloadOrders('shop');
    const sale = w.pos.sales()[0]!;
    w.pos.setSaleStatus(sale.id, 'completed');
    await w.omni.saleStatusChanged({ saleId: sale.id }, 'completed');
    await w.omni.pushOrderStatuses();
    expect(w.store.orders.get(order.id as number)?.status).toBe('completed');
  });

  it('imports from a signed order.created webhook, and refuses a forged one', async () => {
    const w = world();
    const order = customerOrders(w, 'processing', [{ sku: 'TEE-S', quantity: 3 }]);
    const delivery = w.store.delivery('order.created', order);
    const report = await w.omni.ingestWebhook('shop', delivery);
    expect(report.orders).toEqual([{ externalId: String(order.id), outcome: expect.any(String) }]);
    expect(w.pos.sales()).toHaveLength(1);
    await expect(
      w.omni.ingestWebhook('shop', w.store.delivery('order.created', order, 'not-the-secret')),
    ).rejects.toSatisfy(WebhookSignatureError.isInstance);
    await w.omni.ingestWebhook('shop', delivery);
    expect(w.pos.sales()).toHaveLength(1);
  });
});

describe('inventory end to end on WooCommerce', () => {
  it('pushes POS quantities to products and variations through the batch endpoints, only what differs', async () => {
    const w = world();
    await scan(w);
    w.pos.setStock({ sku: 'MUG' }, 7);
    w.pos.setStock({ sku: 'TEE-M' }, 3);
    w.pos.setStock({ sku: 'TEE-S' }, 50);
    const report = await w.omni.updateInventory();
    expect(report.totals).toMatchObject({ failed: 0 });
    expect(w.store.products.get(w.ids.mug)?.stock_quantity).toBe(7);
    expect(w.store.variations.get(w.ids.teeM)?.stock_quantity).toBe(3);
    expect(w.store.variations.get(w.ids.teeS)?.stock_quantity).toBe(50);
    const batches = w.store.calls.filter((c) => c.path.endsWith('/batch'));
    const sent = batches.flatMap((c) => (c.body as { update: { id: number }[] }).update.map((u) => u.id));
    expect(sent.sort()).toEqual([w.ids.mug, w.ids.teeM].sort());
  });

  it('deactivates a listing at zero and reactivates it when stock returns', async () => {
    const w = world({ deactivateAtZero: true });
    await scan(w);
    w.pos.setStock({ sku: 'MUG' }, 0);
    await w.omni.updateInventory();
    expect(w.store.products.get(w.ids.mug)).toMatchObject({ stock_quantity: 0, status: 'private' });
    w.clock.advance(60_000);
    w.pos.setStock({ sku: 'MUG' }, 4);
    await w.omni.updateInventory();
    expect(w.store.products.get(w.ids.mug)).toMatchObject({ stock_quantity: 4, status: 'publish' });
  });
});
