import { ChannelPayloadError, type Listing, type OmnisyncError, WebhookSignatureError } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { createMockChannel } from './mock-channel';

async function readAll<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page.items);
  return out;
}

const fixedClock = (iso = '2026-11-11T00:00:00.000Z') => {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};

describe('createMockChannel: catalog', () => {
  it('serves seeded listings with variants through paged reads that lose nothing', async () => {
    const channel = createMockChannel({
      pageSize: 3,
      listings: [
        { sku: 'A', quantity: 5, price: '10.00' },
        {
          title: 'Shirt',
          variants: [
            { sku: 'S-M', quantity: 1 },
            { sku: 'S-L', quantity: 2 },
          ],
        },
      ],
      catalogSize: 5,
    });
    const all = await readAll(channel.listListings({ status: 'all' }));
    expect(all).toHaveLength(8);
    expect(new Set(all.map((l) => `${l.listingId}:${l.variantId}`)).size).toBe(8);
    const shirt = all.filter((l) => l.sku?.startsWith('S-'));
    expect(shirt[0]?.listingId).toBe(shirt[1]?.listingId);
    expect(shirt[0]?.variantId).not.toBe(shirt[1]?.variantId);
    expect(all[0]?.price).toEqual({ amount: '10.00', currency: 'IDR' });
  });

  it('filters by status and updatedSince', async () => {
    const clock = fixedClock();
    const channel = createMockChannel({ clock: clock.now, listings: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }] });
    channel.deactivate('B');
    channel.archive('C');
    expect((await readAll(channel.listListings({ status: 'active' }))).map((l) => l.sku)).toEqual(['A']);
    expect((await readAll(channel.listListings({ status: 'all' }))).map((l) => l.status)).toEqual([
      'live',
      'inactive',
      'archived',
    ]);
    clock.advance(60_000);
    const since = clock.now().toISOString();
    channel.setQuantity('A', 9);
    const changed = await readAll(channel.listListings({ status: 'all', updatedSince: since }));
    expect(changed.map((l) => l.sku)).toEqual(['A']);
  });

  it('finds one listing by SKU or id, and creates listings (variants under a parent SKU)', async () => {
    const channel = createMockChannel({ listings: [{ sku: 'A', quantity: 2 }] });
    const bySku = (await channel.getListing?.({ sku: 'A' })) as Listing;
    expect(bySku.quantity).toBe(2);
    expect(await channel.getListing?.({ listingId: bySku.listingId })).toMatchObject({ sku: 'A' });
    expect(await channel.getListing?.({ sku: 'nope' })).toBeNull();
    const created = await channel.createListing?.({ sku: 'B', title: 'B', quantity: 4, attributes: {} });
    expect(channel.quantityOf('B')).toBe(4);
    const variant = await channel.createListing?.({
      sku: 'A-2',
      title: 'A2',
      quantity: 1,
      attributes: {},
      parentSku: 'A',
    });
    expect(variant?.listingId).toBe(bySku.listingId);
    expect(created?.listingId).not.toBe(bySku.listingId);
  });

  it('deleted listings vanish from reads but stay in the ground truth', async () => {
    const channel = createMockChannel({ listings: [{ sku: 'A' }, { sku: 'B' }] });
    channel.deleteListing('A');
    expect((await readAll(channel.listListings({ status: 'all' }))).map((l) => l.sku)).toEqual(['B']);
    expect(channel.listings().map((l) => l.status)).toEqual(['deleted', 'live']);
    expect(await channel.getListing?.({ sku: 'A' })).toBeNull();
  });
});

describe('createMockChannel: stock', () => {
  it('applies a batch, honours compare-and-set and deactivation, and reports per item', async () => {
    const channel = createMockChannel({
      listings: [
        { sku: 'A', quantity: 5 },
        { sku: 'B', quantity: 5 },
      ],
    });
    const [a, b] = channel.listings() as [Listing, Listing];
    const results = await channel.updateStock([
      { listingId: a.listingId, quantity: 3, expectedQuantity: 5 },
      { listingId: b.listingId, quantity: 0, expectedQuantity: 4 },
      { listingId: 'missing', quantity: 1 },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
    expect(results[1]?.conflict).toEqual({ actualQuantity: 5 });
    expect(results[2]?.error?.code).toBe('NOT_FOUND');
    expect(channel.quantityOf('A')).toBe(3);
    expect(channel.quantityOf('B')).toBe(5);
    await channel.updateStock([{ listingId: b.listingId, quantity: 0, active: false }]);
    expect(channel.listing('B')?.status).toBe('inactive');
    await channel.updateStock([{ listingId: b.listingId, quantity: 2, active: true }]);
    expect(channel.listing('B')).toMatchObject({ status: 'live', quantity: 2 });
  });

  it('refuses a batch over its limit and logs batch sizes', async () => {
    const channel = createMockChannel({ batchLimit: 2, listings: [{ sku: 'A' }] });
    const id = channel.listings()[0]?.listingId as string;
    const updates = Array.from({ length: 3 }, () => ({ listingId: id, quantity: 1 }));
    await expect(channel.updateStock(updates)).rejects.toThrow(/exceeds the limit of 2/);
    await channel.updateStock(updates.slice(0, 2));
    expect(channel.callsTo('updateStock').map((c) => [c.size, c.ok])).toEqual([
      [3, false],
      [2, true],
    ]);
    expect(channel.limits.stockBatchSize).toBe(2);
  });

  it('ignores expectedQuantity and active when those capabilities are off', async () => {
    const channel = createMockChannel({
      listings: [{ sku: 'A', quantity: 5 }],
      capabilities: { compareAndSetStock: false, deactivateListing: false },
    });
    const id = channel.listings()[0]?.listingId as string;
    const [r] = await channel.updateStock([{ listingId: id, quantity: 0, expectedQuantity: 99, active: false }]);
    expect(r?.ok).toBe(true);
    expect(channel.listing('A')).toMatchObject({ quantity: 0, status: 'live' });
  });
});

describe('createMockChannel: orders', () => {
  it('sells from stock, refuses short stock unless oversell is allowed', () => {
    const channel = createMockChannel({ listings: [{ sku: 'A', quantity: 2, price: '5.00' }] });
    const order = channel.sell({ sku: 'A', quantity: 2, shippingFee: '1.50' });
    expect(order).toMatchObject({ status: 'unpaid', rawStatus: 'UNPAID', currency: 'IDR' });
    expect(order.totals).toMatchObject({ subtotal: '10.00', total: '11.50' });
    expect(channel.quantityOf('A')).toBe(0);
    expect(() => channel.sell({ sku: 'A' })).toThrow(/holds 0 units; 1 asked/);
    channel.sell({ sku: 'A', allowOversell: true });
    expect(channel.quantityOf('A')).toBe(-1);
  });

  it('moves orders through a realistic lifecycle and refuses impossible moves', () => {
    const channel = createMockChannel({ listings: [{ sku: 'A', quantity: 5 }] });
    const id = channel.sell({ sku: 'A' }).externalId;
    expect(channel.pay(id)).toMatchObject({ status: 'paid', rawStatus: 'READY_TO_SHIP', payment: { paid: true } });
    expect(channel.ship(id).status).toBe('shipped');
    expect(() => channel.cancel(id)).toThrow(/cannot move from shipped to cancelled/);
    expect(channel.complete(id).status).toBe('completed');
    expect(channel.returnOrder(id).status).toBe('returned');
    const other = channel.sell({ sku: 'A', quantity: 2 }).externalId;
    expect(channel.quantityOf('A')).toBe(2);
    channel.cancel(other);
    expect(channel.quantityOf('A')).toBe(4);
  });

  it('writes statuses back and lists orders by update and creation windows', async () => {
    const clock = fixedClock();
    const channel = createMockChannel({ clock: clock.now, pageSize: 2, listings: [{ sku: 'A', quantity: 50 }] });
    const first = channel.sell({ sku: 'A', status: 'paid' }).externalId;
    clock.advance(1000);
    const t1 = clock.now().toISOString();
    const ids = [1, 2, 3].map(() => channel.sell({ sku: 'A' }).externalId);
    clock.advance(1000);
    await channel.updateOrderStatus?.(first, 'shipped');
    expect(channel.order(first)?.status).toBe('shipped');
    await expect(channel.updateOrderStatus?.(first, 'unpaid')).rejects.toMatchObject({ code: 'CHANNEL_HTTP' });
    const updated = await readAll(channel.listOrders({ updatedSince: t1 }));
    expect(updated.map((o) => o.externalId)).toEqual([...ids, first]);
    const created = await readAll(channel.listOrders({ createdSince: t1 }));
    expect(created.map((o) => o.externalId)).toEqual(ids);
    const window = await readAll(channel.listOrders({ updatedBefore: t1 }));
    expect(window).toEqual([]);
    expect(await channel.getOrder?.(ids[0] as string)).toMatchObject({ externalId: ids[0] });
  });

  it('lists payment and delivery methods', async () => {
    const channel = createMockChannel();
    expect((await channel.listPaymentMethods?.())?.map((m) => m.id)).toContain('cod');
    expect((await channel.listDeliveryMethods?.())?.some((m) => !m.enabled)).toBe(true);
  });
});

describe('createMockChannel: webhooks', () => {
  it('sends signed deliveries that parseWebhook turns into typed events', async () => {
    const channel = createMockChannel({ listings: [{ sku: 'A', quantity: 5 }] });
    const order = channel.sell({ sku: 'A' });
    channel.setQuantity('A', 9);
    const deliveries = channel.webhooks.drain();
    expect(deliveries.map((d) => d.topic)).toEqual(['order.created', 'listing.updated']);
    const events = (await Promise.all(deliveries.map((d) => channel.parseWebhook?.(d)))).flat();
    expect(events[0]).toMatchObject({ type: 'order', externalId: order.externalId, order: { status: 'unpaid' } });
    expect(events[1]).toMatchObject({ type: 'listing', listing: { sku: 'A', quantity: 9 } });
  });

  it('refuses forged, unsigned and stale deliveries without leaking the secret', async () => {
    const clock = fixedClock();
    const channel = createMockChannel({
      clock: clock.now,
      webhookSecret: 'whsec-very-private',
      listings: [{ sku: 'A', quantity: 1 }],
    });
    channel.sell({ sku: 'A' });
    const [d] = channel.webhooks.drain();
    if (!d) throw new Error('no delivery');
    const tampered = { headers: d.headers, rawBody: d.rawBody.replace('"UNPAID"', '"COMPLETED"') };
    const unsigned = { headers: { 'content-type': 'application/json' }, rawBody: d.rawBody };
    for (const request of [tampered, unsigned]) {
      const error = await channel.parseWebhook?.(request).catch((e: unknown) => e);
      expect(WebhookSignatureError.isInstance(error)).toBe(true);
      expect(JSON.stringify((error as OmnisyncError).toJSON())).not.toContain('whsec-very-private');
    }
    clock.advance(10 * 60_000);
    await expect(channel.parseWebhook?.(d)).rejects.toThrow(/timestamp/);
  });

  it('raises ChannelPayloadError naming the field for a signed but malformed body', async () => {
    const channel = createMockChannel();
    const rawBody = JSON.stringify({
      delivery_id: 'x',
      topic: 'order.updated',
      sent_at: new Date().toISOString(),
      data: { order_id: 'x' },
    });
    const error = await channel
      .parseWebhook?.({ headers: channel.webhooks.sign(rawBody), rawBody })
      .catch((e: unknown) => e);
    expect(ChannelPayloadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('order_number');
  });

  it('delivers to subscribers asynchronously', async () => {
    const channel = createMockChannel({ listings: [{ sku: 'A', quantity: 1 }] });
    const got: string[] = [];
    channel.webhooks.subscribe((d) => {
      got.push(d.topic);
    });
    channel.sell({ sku: 'A' });
    await Promise.resolve();
    expect(got).toEqual(['order.created']);
    expect(channel.webhooks.drain()).toEqual([]);
  });

  it('releases a delivery held back by the reorder fault on demand', async () => {
    const channel = createMockChannel({ listings: [{ sku: 'A', quantity: 1 }], faults: { webhooks: { reorder: 1 } } });
    const got: string[] = [];
    channel.webhooks.subscribe((d) => {
      got.push(d.deliveryId);
    });
    channel.sell({ sku: 'A' });
    await Promise.resolve();
    expect(got).toEqual([]);
    channel.webhooks.releaseHeld();
    await Promise.resolve();
    expect(got).toEqual(['wh-1']);
  });
});

describe('createMockChannel: capabilities', () => {
  it('has every method by default and drops the methods of a capability switched off', () => {
    const full = createMockChannel();
    expect(Object.values(full.capabilities).every(Boolean)).toBe(true);
    const limited = createMockChannel({ capabilities: { getListing: false, webhooks: false, methodLists: false } });
    expect(limited.capabilities.getListing).toBe(false);
    expect(limited.getListing).toBeUndefined();
    expect(limited.parseWebhook).toBeUndefined();
    expect(limited.listPaymentMethods).toBeUndefined();
    expect(typeof limited.createListing).toBe('function');
  });

  it('reads every listing when updatedSinceListings is off (the engine filters)', async () => {
    const channel = createMockChannel({ capabilities: { updatedSinceListings: false }, listings: [{ sku: 'A' }] });
    const all = await readAll(channel.listListings({ status: 'all', updatedSince: '2999-01-01T00:00:00Z' }));
    expect(all).toHaveLength(1);
  });

  it('honours an aborted signal', async () => {
    const channel = createMockChannel({ listings: [{ sku: 'A' }] });
    const controller = new AbortController();
    controller.abort();
    await expect(readAll(channel.listListings({ status: 'all', signal: controller.signal }))).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });
});

describe('createMockChannel / createMockPos: settings', () => {
  it('refuses bad options with InvalidSettingsError naming the path', async () => {
    const { createMockPos } = await import('../pos/mock-pos');
    const bad: [() => unknown, string][] = [
      [() => createMockChannel({ pageSize: 0 }), 'pageSize'],
      [() => createMockChannel({ batchLimit: -1 }), 'batchLimit'],
      [() => createMockChannel({ faults: { rateLimit: { rate: 2 } } }), 'faults.rateLimit.rate'],
      [() => createMockChannel().setFaults({ serverError: { rate: 0.5, status: 404 } }), 'serverError.status'],
      [() => createMockPos({ warehouses: [] }), 'warehouses'],
    ];
    for (const [make, path] of bad) {
      let error: unknown;
      try {
        make();
      } catch (e) {
        error = e;
      }
      expect((error as OmnisyncError).code).toBe('INVALID_SETTINGS');
      expect((error as Error).message).toContain(path);
    }
  });
});
