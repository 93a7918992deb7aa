import type { Notice, Omnisync } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { recordStockUpdates, scanAll, setup } from './inventory-fixtures';

type WithOrders = Omnisync & { downloadOrders(channelId: string): Promise<unknown> };

const orders = { payments: { unmapped: 'pass-through' }, delivery: { unmapped: 'pass-through' } };

function twoChannels() {
  const env = setup(
    {
      items: [
        { id: 'A', sku: 'A', name: 'Last one', quantity: 1 },
        { id: 'B', sku: 'B', name: 'Plenty', quantity: 50 },
      ],
    },
    {
      shop: {
        listings: [
          { listingId: '1', sku: 'A', quantity: 1 },
          { listingId: '2', sku: 'B', quantity: 40 },
        ],
        orders,
      },
      mall: {
        listings: [
          { listingId: '7', sku: 'A', quantity: 1 },
          { listingId: '8', sku: 'B', quantity: 40 },
        ],
        orders,
      },
    },
  );
  return { ...env, omni: env.omni as WithOrders };
}

describe('oversell guard', () => {
  it('pushes the last units of a SKU to every other channel ahead of routine work', async () => {
    const { omni, channels, clock } = twoChannels();
    const mallUpdates = recordStockUpdates(channels.mall!);
    await scanAll(omni, channels, clock);
    await omni.stockChanged(['B'], 'adjustment');
    channels.shop?.sell({ sku: 'A', quantity: 1, status: 'paid' });
    await omni.downloadOrders('shop');
    const queue = await omni.store.listOutbox({ tenantId: 'default', topic: 'stock' });
    expect(queue.map((e) => [e.key, e.priority])).toEqual([
      ['A', 0],
      ['B', 100],
    ]);
    await omni.pushPendingStock({ limit: 1 });
    expect(mallUpdates[0]).toEqual([expect.objectContaining({ listingId: '7', quantity: 0 })]);
    expect(channels.mall?.quantityOf({ listingId: '7' })).toBe(0);
  });

  it('sells the last unit on both channels within one sync interval: both show 0 and the second order is flagged oversold', async () => {
    const { omni, channels, clock } = twoChannels();
    const notices: Notice[] = [];
    omni.on('notice', (n) => notices.push(n));
    await scanAll(omni, channels, clock);
    const first = channels.shop!.sell({ sku: 'A', quantity: 1, status: 'paid' });
    const second = channels.mall!.sell({ sku: 'A', quantity: 1, status: 'paid' });
    await omni.downloadOrders('shop');
    await omni.downloadOrders('mall');
    await omni.pushPendingStock();
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(0);
    expect(channels.mall?.quantityOf({ listingId: '7' })).toBe(0);
    const oversold = notices.filter((n) => n.kind === 'oversold');
    expect(oversold).toHaveLength(1);
    expect(oversold[0]).toMatchObject({
      channelId: 'mall',
      subject: { type: 'order', id: second.externalId },
      details: {
        itemId: 'A',
        available: -1,
        order: { channelId: 'mall', externalId: second.externalId },
        previousOrder: { channelId: 'shop', externalId: first.externalId },
      },
    });
    expect(oversold[0]?.message).toContain(`order ${first.number} on shop had taken the last units`);
    const kept = await omni.actions({ outcome: 'notice', subjectId: second.externalId });
    expect(kept.items.map((a) => a.action)).toContain('notice:oversold');
  });

  it('never deducts a channel sale twice: a compare-and-set conflict after the order was imported keeps the POS quantity', async () => {
    const { omni, channels, clock, pos } = twoChannels();
    const shopUpdates = recordStockUpdates(channels.shop!);
    await scanAll(omni, channels, clock);
    pos.setStock('B', 9);
    channels.shop?.sell({ sku: 'B', quantity: 2, status: 'paid' });
    await omni.downloadOrders('shop');
    await omni.pushPendingStock();
    expect(pos.availableOf('B')).toBe(7);
    expect(shopUpdates.flat().filter((u) => u.listingId === '2')).toMatchObject([
      { expectedQuantity: 40 },
      { quantity: 7, expectedQuantity: 38 },
    ]);
    expect(channels.shop?.quantityOf({ listingId: '2' })).toBe(7);
    expect(channels.mall?.quantityOf({ listingId: '8' })).toBe(7);
  });

  it('reads the POS only after the order committed: no POS call holds the store, and no notice precedes the commit', async () => {
    const { omni, channels, clock, store, pos } = twoChannels();
    let open = 0;
    let transactions = 0;
    const transaction = store.transaction.bind(store);
    store.transaction = async (fn) => {
      open++;
      transactions++;
      try {
        return await transaction(fn);
      } finally {
        open--;
      }
    };
    const stockReads: boolean[] = [];
    const getStock = pos.getStock.bind(pos);
    pos.getStock = (args) => {
      stockReads.push(open > 0);
      return getStock(args);
    };
    const notices: { kind: string; inTransaction: boolean }[] = [];
    omni.on('notice', (n) => notices.push({ kind: n.kind, inTransaction: open > 0 }));
    await scanAll(omni, channels, clock);
    channels.shop!.sell({ sku: 'A', quantity: 1, status: 'paid' });
    channels.mall!.sell({ sku: 'A', quantity: 1, status: 'paid' });
    transactions = 0;
    stockReads.length = 0;
    await omni.downloadOrders('shop');
    await omni.downloadOrders('mall');

    expect(transactions).toBeGreaterThan(0);
    expect(stockReads.length).toBeGreaterThan(0);
    expect(stockReads.filter((inTransaction) => inTransaction)).toEqual([]);
    expect(notices).toEqual([{ kind: 'oversold', inTransaction: false }]);
    const queue = await omni.store.listOutbox({ tenantId: 'default', topic: 'stock' });
    expect(queue.map((e) => [e.key, e.priority])).toEqual([['A', 0]]);
  });

  it('gives units back to every channel when an imported order is cancelled', async () => {
    const { omni, channels, clock, pos } = twoChannels();
    await scanAll(omni, channels, clock);
    const order = channels.shop!.sell({ sku: 'A', quantity: 1, status: 'paid' });
    await omni.downloadOrders('shop');
    await omni.pushPendingStock();
    expect(channels.mall?.quantityOf({ listingId: '7' })).toBe(0);
    clock.advance(60_000);
    channels.shop?.cancel(order.externalId);
    await omni.downloadOrders('shop');
    const queue = await omni.store.listOutbox({ tenantId: 'default', topic: 'stock' });
    expect(queue.map((e) => [e.key, e.priority])).toEqual([['A', 50]]);
    await omni.pushPendingStock();
    expect(pos.availableOf('A')).toBe(1);
    expect(channels.mall?.quantityOf({ listingId: '7' })).toBe(1);
    expect(channels.shop?.quantityOf({ listingId: '1' })).toBe(1);
  });
});
