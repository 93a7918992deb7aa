import { createMemoryStore, createOmnisync } from '@omnisync/core';
import { createMockChannel, createMockPos } from '@omnisync/mock';
import { describe, expect, it } from 'vitest';
import { manualClock } from './__fixtures__/export-fixtures';

const SECOND = 1000;

/** A platform importing channel orders into its own POS, exporting accepted ones to a kitchen POS. */
function world(autoExport: boolean) {
  const clock = manualClock();
  const channel = createMockChannel({
    channelId: 'dots',
    clock: clock.now,
    listings: [{ sku: 'LATTE', quantity: 100, price: '35000' }],
  });
  const platformPos = createMockPos({
    clock: clock.now,
    items: [{ sku: 'LATTE', quantity: 100, externalIds: { kitchen: 'K-LATTE' } }],
  });
  const kitchen = createMockPos({ clock: clock.now, items: [{ id: 'K-LATTE', sku: 'K-LATTE', quantity: 100 }] });
  const omni = createOmnisync({
    pos: platformPos,
    store: createMemoryStore({ clock: clock.ms }),
    clock: clock.now,
    channels: {
      dots: {
        connector: channel,
        orders: { payments: { default: 'OTHER' }, delivery: { default: 'PICKUP' } },
      },
    },
    export: { locations: { 'kyiv-1': { pos: kitchen, targetId: 'kitchen', autoExport, channels: ['dots'] } } },
  });
  return { clock, channel, kitchen, omni };
}

describe('export of channel orders accepted on the channel', () => {
  it('exports once when the channel order becomes accepted, whatever duplicates follow', async () => {
    const w = world(true);
    const order = w.channel.sell({ sku: 'LATTE', quantity: 2, status: 'paid' });
    await w.omni.downloadOrders('dots');
    expect(w.kitchen.sales()).toHaveLength(0);
    w.clock.advance(SECOND);
    w.channel.accept(order.externalId);
    await w.omni.downloadOrders('dots');
    await w.omni.downloadOrders('dots');
    expect(w.kitchen.sales()).toHaveLength(1);
    expect(w.kitchen.sales()[0]!.order.lines[0]!.externalProductId).toBe('K-LATTE');
    const ref = { channelId: 'dots', externalId: order.externalId };
    expect((await w.omni.exportStatus(ref))?.state).toBe('exported');

    const notices: string[] = [];
    w.omni.on('notice', (n) => notices.push(n.kind));
    w.clock.advance(SECOND);
    w.channel.cancel(order.externalId);
    await w.omni.downloadOrders('dots');
    expect(notices).toContain('export-desync');
  });

  it('leaves the accepted order for a manual export when auto-export is off', async () => {
    const w = world(false);
    const order = w.channel.sell({ sku: 'LATTE', quantity: 1, status: 'paid' });
    w.clock.advance(SECOND);
    w.channel.accept(order.externalId);
    await w.omni.downloadOrders('dots');
    expect(w.kitchen.sales()).toHaveLength(0);
    const history = await w.omni.exportHistory({ channelId: 'dots', externalId: order.externalId });
    expect(history.map((h) => h.action)).toEqual(['export:skipped']);
    await w.omni.exportOrder(w.channel.order(order.externalId)!);
    expect(w.kitchen.sales()).toHaveLength(1);
  });
});
