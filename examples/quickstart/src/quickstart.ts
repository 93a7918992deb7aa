import { createOmnisync } from '@omnisync/core';
import { createMockChannel, createMockPos } from '@omnisync/mock';

/**
 * omnisync in twenty lines: a POS (here the mock; in your app, your own
 * `PosConnectorV1`), a channel (here the mock marketplace; in your app,
 * `createWooCommerce(...)` or another connector), and the routine.
 */
export async function quickstart(log: (line: string) => void = console.log) {
  const pos = createMockPos({
    items: [
      { id: 'tee-m', sku: 'TEE-M', name: 'T-shirt M', quantity: 12 },
      { id: 'tee-l', sku: 'TEE-L', name: 'T-shirt L', quantity: 3 },
    ],
  });
  const shop = createMockChannel({
    channelId: 'shop',
    listings: [
      { listingId: '100', sku: 'TEE-M', quantity: 20 },
      { listingId: '101', sku: 'TEE-L', quantity: 20 },
      { listingId: '102', sku: 'MUG-1', quantity: 5 },
    ],
  });
  const omni = createOmnisync({
    pos,
    channels: {
      shop: {
        connector: shop,
        orders: { payments: { unmapped: 'pass-through' }, delivery: { unmapped: 'pass-through' } },
      },
    },
  });

  const scan = await omni.scan('shop', { type: 'full' });
  log(`scanned ${scan.counts.listingsWritten} listings`);
  const tabs = await omni.classify();
  log(`not in POS: ${tabs.channels[0]?.tabs.notInPos} (MUG-1 has no POS item)`);

  shop.sell({ sku: 'TEE-L', quantity: 1, status: 'paid' });
  const orders = await omni.downloadOrders('shop');
  log(`imported ${orders.imported} order(s); POS sales: ${pos.sales().length}`);

  const inventory = await omni.updateInventory();
  log(`pushed ${inventory.totals.pushed} stock update(s)`);
  const why = await omni.explainQuantity('shop', { sku: 'TEE-L' });
  log(`TEE-L: ${why.sentence}`);
  await omni.close();
  return { pos, shop, omni };
}
