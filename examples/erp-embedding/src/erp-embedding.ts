import { createOmnisync } from '@omnisync/core';
import { createMockChannel } from '@omnisync/mock';
import { createSqliteStore } from '@omnisync/store-sqlite';
import { openErpDatabase } from './erp-database';
import { createErpPosConnector } from './erp-pos-connector';

/**
 * An ERP embeds omnisync: its own tables stay the system of record, its
 * `PosConnectorV1` is the bridge, omnisync's state lives in a SQLite file
 * beside the ERP's, and a crash between two steps never imports an order twice.
 */
export async function erpEmbedding(options: { storePath?: string; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const db = openErpDatabase();
  db.exec(`
    INSERT INTO articles (id, code, name, price_cents) VALUES (1, 'BOLT-M6', 'Bolt M6', 40), (2, 'NUT-M6', 'Nut M6', 15);
    INSERT INTO stock (article_id, store, qty) VALUES (1, 'main', 500), (2, 'main', 80);
  `);
  const marketplace = createMockChannel({
    channelId: 'marketplace',
    listings: [
      { listingId: 'L-1', sku: 'BOLT-M6', quantity: 0 },
      { listingId: 'L-2', sku: 'NUT-M6', quantity: 0 },
    ],
  });
  const store = await createSqliteStore({ path: options.storePath ?? ':memory:' });
  const omni = createOmnisync({
    pos: createErpPosConnector(db),
    store,
    channels: {
      marketplace: {
        connector: marketplace,
        orders: { payments: { unmapped: 'pass-through' }, delivery: { unmapped: 'pass-through' } },
        inventory: { buffer: 5 },
      },
    },
  });
  try {
    await omni.scan('marketplace', { type: 'full' });
    await omni.updateInventory();
    log(`marketplace shows ${marketplace.quantityOf({ listingId: 'L-1' })} bolts (500 on hand - 5 buffer)`);

    marketplace.sell({ sku: 'BOLT-M6', quantity: 20, status: 'paid' });
    await omni.downloadOrders('marketplace');
    await omni.downloadOrders('marketplace', { from: '2020-01-01T00:00:00.000Z' });
    const sales = db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number };
    log(`ERP sales after two downloads of the same order: ${sales.n}`);

    await omni.updateInventory();
    await omni.pushPendingStock();
    log(`marketplace now shows ${marketplace.quantityOf({ listingId: 'L-1' })} bolts`);
    return { db, marketplace, sales: sales.n };
  } finally {
    await omni.close();
    await store.close();
  }
}
