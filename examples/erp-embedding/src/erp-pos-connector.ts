import type { DatabaseSync } from 'node:sqlite';
import {
  type ChannelOrder,
  type CreateSaleArgsV1,
  InvalidArgumentError,
  NO_POS_CAPABILITIES,
  type PosConnectorV1,
  type PosItem,
  type PosSale,
  type RecordPaymentArgsV1,
  type StockLevel,
} from '@omnisync/core';

interface ArticleRow {
  id: number;
  code: string | null;
  name: string;
  price_cents: number;
  changed_at: string;
}

interface SaleRow {
  id: number;
  ext_key: string;
  number: string | null;
  status: string;
}

const toItem = (row: ArticleRow): PosItem => ({
  id: String(row.id),
  sku: row.code,
  barcode: null,
  name: row.name,
  parentId: null,
  attributes: {},
  price: { amount: (row.price_cents / 100).toFixed(2), currency: 'EUR' },
  externalIds: {},
  modifiers: [],
  components: [],
  active: true,
  updatedAt: row.changed_at,
});

const toSale = (row: SaleRow): PosSale => ({
  id: String(row.id),
  idempotencyKey: row.ext_key,
  status: row.status as PosSale['status'],
  number: row.number,
});

/**
 * The ERP's side of the contract: `PosConnectorV1` over its own tables.
 * `createSale` is idempotent through the UNIQUE `ext_key` column, so omnisync
 * can retry an import after a crash without ever creating a second sale.
 */
export function createErpPosConnector(db: DatabaseSync): PosConnectorV1 {
  const findSale = db.prepare('SELECT id, ext_key, number, status FROM sales WHERE ext_key = ?');
  return {
    specificationVersion: 'v1',
    connector: 'erp-example',
    defaultWarehouses: ['main'],
    capabilities: { ...NO_POS_CAPABILITIES, payments: true, getSale: true },
    async *listItems() {
      const rows = db.prepare('SELECT * FROM articles ORDER BY id').all() as unknown as ArticleRow[];
      for (let i = 0; i < rows.length; i += 500)
        yield { items: rows.slice(i, i + 500).map(toItem), total: rows.length };
    },
    async getStock({ itemIds, warehouseIds }) {
      const select = db.prepare('SELECT article_id, store, qty, blocked FROM stock WHERE article_id = ?');
      const levels: StockLevel[] = [];
      for (const id of itemIds) {
        for (const row of select.all(Number(id)) as {
          article_id: number;
          store: string;
          qty: number;
          blocked: number;
        }[]) {
          if (warehouseIds && !warehouseIds.includes(row.store)) continue;
          levels.push({
            itemId: String(row.article_id),
            warehouseId: row.store,
            onHand: row.qty,
            reserved: row.blocked,
          });
        }
      }
      return levels;
    },
    async createSale(order: ChannelOrder, args: CreateSaleArgsV1) {
      const existing = findSale.get(args.idempotencyKey) as SaleRow | undefined;
      if (existing) return toSale(existing);
      const known = db.prepare('SELECT id FROM articles WHERE id = ?');
      for (const line of order.lines) {
        const itemId = args.itemIds[line.lineId];
        if (!itemId || !known.get(Number(itemId)))
          throw new InvalidArgumentError(`Order ${order.number}: line ${line.lineId} has no ERP article.`);
      }
      db.exec('BEGIN');
      try {
        const status = order.payment.paid ? 'paid' : 'open';
        const sale = db
          .prepare('INSERT INTO sales (ext_key, number, status, currency) VALUES (?, ?, ?, ?) RETURNING id')
          .get(args.idempotencyKey, args.saleNumber ?? null, status, args.currency) as { id: number };
        const insertLine = db.prepare('INSERT INTO sale_lines (sale_id, article_id, qty, price) VALUES (?, ?, ?, ?)');
        const takeStock = db.prepare("UPDATE stock SET qty = qty - ? WHERE article_id = ? AND store = 'main'");
        for (const line of order.lines) {
          insertLine.run(sale.id, Number(args.itemIds[line.lineId]), line.quantity, line.unitPrice);
          takeStock.run(line.quantity, Number(args.itemIds[line.lineId]));
        }
        db.exec('COMMIT');
        return toSale(findSale.get(args.idempotencyKey) as unknown as SaleRow);
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async getSale(ref) {
      const row =
        'saleId' in ref
          ? db.prepare('SELECT id, ext_key, number, status FROM sales WHERE id = ?').get(Number(ref.saleId))
          : findSale.get(ref.idempotencyKey);
      return row ? toSale(row as unknown as SaleRow) : null;
    },
    async recordPayment(saleId: string, args: RecordPaymentArgsV1) {
      db.prepare('INSERT OR IGNORE INTO payments (ext_key, sale_id, amount, currency) VALUES (?, ?, ?, ?)').run(
        args.idempotencyKey,
        Number(saleId),
        args.amount,
        args.currency,
      );
      db.prepare("UPDATE sales SET status = 'paid' WHERE id = ?").run(Number(saleId));
    },
  };
}
