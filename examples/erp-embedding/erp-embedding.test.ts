import { expect, it } from 'vitest';
import { erpEmbedding } from './src/erp-embedding';

it('syncs an ERP over its own tables: one sale per order, stock from the ERP minus the buffer', async () => {
  const { sales, marketplace, db } = await erpEmbedding({ log: () => {} });
  expect(sales).toBe(1);
  const qty = (db.prepare("SELECT qty FROM stock WHERE article_id = 1 AND store = 'main'").get() as { qty: number })
    .qty;
  expect(qty).toBe(480);
  expect(marketplace.quantityOf({ listingId: 'L-1' })).toBe(480 - 5);
  expect(marketplace.quantityOf({ listingId: 'L-2' })).toBe(75);
});
