import type { Omnisync } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { type Clock, type MockChannel, recordStockUpdates, scanAll, setup } from './inventory-fixtures';

type WithOrders = Omnisync & { downloadOrders(channelId: string): Promise<unknown> };

const orders = { payments: { unmapped: 'pass-through' }, delivery: { unmapped: 'pass-through' } };

function shop() {
  const env = setup(
    { items: [{ id: 'B', sku: 'B', name: 'Plenty', quantity: 40 }] },
    { shop: { listings: [{ listingId: '2', sku: 'B', quantity: 40 }], orders } },
  );
  return { ...env, omni: env.omni as WithOrders, channel: env.channels.shop as MockChannel };
}

/**
 * Have the channel sell `quantity` units of `sku` right after it applies the
 * next stock write, before omnisync hears back (a buyer between the write and
 * its answer), with time moving as it would.
 */
function sellRightAfterNextWrite(channel: MockChannel, clock: Clock, sku: string, quantity: number): void {
  const original = channel.updateStock.bind(channel);
  let armed = true;
  channel.updateStock = async (updates, options) => {
    clock.advance(5);
    const results = await original(updates, options);
    if (armed) {
      armed = false;
      clock.advance(5);
      channel.sell({ sku, quantity, status: 'paid' });
      clock.advance(5);
    }
    return results;
  };
}

describe('compare-and-set conflicts and imported channel sales', () => {
  it('gives the channel exactly what the rules give when the sale behind the conflict is already imported', async () => {
    const { omni, channel, clock, pos } = shop();
    await scanAll(omni, { shop: channel }, clock);
    pos.setStock('B', 9);
    await omni.stockChanged(['B'], 'adjustment');
    sellRightAfterNextWrite(channel, clock, 'B', 2);
    await omni.pushPendingStock();
    expect(channel.quantityOf({ listingId: '2' })).toBe(7);

    clock.advance(1000);
    await omni.downloadOrders('shop');
    expect(pos.availableOf('B')).toBe(7);
    const sent = recordStockUpdates(channel);
    await omni.pushPendingStock();

    // The rules give 7 (9 on hand - 2 reserved), and the channel holds 7 after its sale: nothing to deduct again.
    expect((await omni.explainQuantity('shop', { sku: 'B' })).quantity).toBe(7);
    expect(channel.quantityOf({ listingId: '2' })).toBe(7);
    expect(sent.flat().filter((u) => u.quantity < 7)).toEqual([]);
  });

  it('takes off, across two conflicts in a row, each sale not yet imported exactly once', async () => {
    const { omni, channel, clock, pos } = shop();
    await scanAll(omni, { shop: channel }, clock);
    // Imported: 3 units (the POS counts them). Not imported: 2 units, then 1 more between the two writes.
    channel.sell({ sku: 'B', quantity: 3, status: 'paid' });
    clock.advance(1000);
    await omni.downloadOrders('shop');
    pos.setStock('B', 50);
    channel.sell({ sku: 'B', quantity: 2, status: 'paid' });
    const original = channel.updateStock.bind(channel);
    let calls = 0;
    channel.updateStock = async (updates, options) => {
      if (++calls === 2) channel.sell({ sku: 'B', quantity: 1, status: 'paid' });
      return original(updates, options);
    };
    const sent = recordStockUpdates(channel);
    const report = await omni.updateInventory();

    expect(pos.availableOf('B')).toBe(47);
    expect(sent.flat().map((u) => [u.quantity, u.expectedQuantity])).toEqual([
      [47, 40],
      [45, 35],
      [44, 34],
    ]);
    expect(report.channels[0]).toMatchObject({ pushed: 1, conflicts: 2 });
    // 47 from the rules, less the 3 units sold on the channel whose orders the POS has not seen.
    expect(channel.quantityOf({ listingId: '2' })).toBe(44);
  });
});
