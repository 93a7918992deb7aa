/**
 * Order import throughput: N channel orders downloaded and imported through
 * the whole engine path (ledger claim, rules, matching, sale, payment,
 * commit with action log and stock hooks) into the memory store and the
 * SQLite store, against a bare insert of the same ledger rows into the same
 * kind of store, in the same process. The channel and POS are minimal
 * in-process fakes, so the figures are the engine's and the store's cost.
 *
 * Run: npx tsx --conditions=@omnisync/source bench/orders.ts [--orders=100000] [--stores=memory,sqlite]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CHANNEL_CAPABILITIES, NO_POS_CAPABILITIES } from '@omnisync/core';
import {
  type ChannelConnectorV1,
  type ChannelOrder,
  createMemoryStore,
  createOmnisync,
  type NewLedgerEntry,
  type PosConnectorV1,
  type PosItem,
  type PosSale,
  type SyncStore,
} from '../packages/core/src/index';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ORDERS = arg('orders', 100_000);
const PAGE = 100;
const SKUS = 500;
const dir = mkdtempSync(join(tmpdir(), 'omnisync-orders-bench-'));

const items: PosItem[] = Array.from({ length: SKUS }, (_, i) => ({
  id: `I${i}`,
  sku: `SKU-${i}`,
  name: `Item ${i}`,
  attributes: {},
  externalIds: {},
  modifiers: [],
  components: [],
  active: true,
  updatedAt: '2026-11-01T00:00:00.000Z',
}));

function order(i: number): ChannelOrder {
  const at = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  const paid = i % 2 === 0;
  return {
    channelId: 'bench',
    externalId: `ORD-${i}`,
    number: `#${i}`,
    rawStatus: paid ? 'processing' : 'pending',
    status: paid ? 'paid' : 'unpaid',
    createdAt: at,
    updatedAt: at,
    currency: 'IDR',
    customer: null,
    lines: [
      {
        lineId: `${i}-1`,
        sku: `SKU-${i % SKUS}`,
        title: 'Item',
        quantity: 1 + (i % 3),
        unitPrice: '12500',
        discount: '0',
        tax: '0',
        modifiers: [],
      },
    ],
    payment: { method: 'cod', paid },
    delivery: { method: 'standard', cost: null },
    totals: { subtotal: '12500', discount: '0', tax: '0', shipping: '0', total: '12500' },
  };
}

const orders = Array.from({ length: ORDERS }, (_, i) => order(i));

function benchChannel(): ChannelConnectorV1 {
  return {
    specificationVersion: 'v1',
    connector: 'bench',
    capabilities: NO_CHANNEL_CAPABILITIES,
    limits: { stockBatchSize: 50 },
    async *listListings() {},
    async updateStock() {
      return [];
    },
    async *listOrders() {
      for (let at = 0; at < orders.length; at += PAGE)
        yield { items: orders.slice(at, at + PAGE), total: orders.length };
    },
  };
}

function benchPos(): PosConnectorV1 {
  const sales = new Map<string, PosSale>();
  return {
    specificationVersion: 'v1',
    connector: 'bench',
    capabilities: { ...NO_POS_CAPABILITIES, payments: true },
    defaultWarehouses: ['main'],
    async *listItems() {
      yield { items };
    },
    async getStock({ itemIds }) {
      return itemIds.map((itemId) => ({ itemId, warehouseId: 'main', onHand: 1_000_000, reserved: 0 }));
    },
    async createSale(_order, args) {
      let sale = sales.get(args.idempotencyKey);
      if (!sale) {
        sale = { id: `S${sales.size + 1}`, idempotencyKey: args.idempotencyKey, status: 'open' };
        sales.set(args.idempotencyKey, sale);
      }
      return sale;
    },
    async recordPayment() {},
  };
}

/** The row the import ends with, written directly. */
function bareRow(o: ChannelOrder, i: number): NewLedgerEntry {
  return {
    tenantId: 'default',
    channelId: 'bench',
    externalId: o.externalId,
    state: 'imported',
    saleId: `S${i + 1}`,
    channelUpdatedAt: o.updatedAt,
    data: {
      status: o.status,
      rawStatus: o.rawStatus,
      applied: o.status === 'paid' ? { sale: true, payment: true } : { sale: true },
      inFlight: [],
      fulfilled: false,
      itemIds: [`I${i % SKUS}`],
      currency: 'IDR',
      paymentMethod: 'CASH',
      error: null,
      claim: null,
      order: null,
    },
  };
}

async function bareInsert(store: SyncStore): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < orders.length; i++) await store.insertLedgerEntry(bareRow(orders[i] as ChannelOrder, i));
  return performance.now() - started;
}

async function engineImport(store: SyncStore): Promise<number> {
  const omni = createOmnisync({
    pos: benchPos(),
    store,
    channels: {
      bench: { connector: benchChannel(), orders: { payments: { default: 'CASH' }, delivery: { default: 'COURIER' } } },
    },
  });
  const started = performance.now();
  const report = await omni.downloadOrders('bench');
  const ms = performance.now() - started;
  if (report.imported !== ORDERS)
    throw new Error(`imported ${report.imported} of ${ORDERS}: ${JSON.stringify(report)}`);
  await omni.close();
  return ms;
}

type Maker = { name: string; open(): Promise<SyncStore> };

async function sqliteMakers(): Promise<Maker[]> {
  try {
    const { createSqliteStore } = await import('../packages/store-sqlite/src/index');
    let files = 0;
    return [
      { name: 'sqlite (synchronous full)', open: () => createSqliteStore({ path: join(dir, `o${files++}.db`) }) },
      {
        name: 'sqlite (synchronous normal)',
        open: () => createSqliteStore({ path: join(dir, `o${files++}.db`), synchronous: 'normal' }),
      },
    ];
  } catch (error) {
    console.log(`SQLite store not available (${String(error)}); memory store only.`);
    return [];
  }
}

async function main() {
  const only = process.argv.find((a) => a.startsWith('--stores='))?.split('=')[1];
  const makers: Maker[] = [{ name: 'memory', open: async () => createMemoryStore() }, ...(await sqliteMakers())].filter(
    (m) => !only || only.split(',').some((name) => m.name.startsWith(name)),
  );
  console.log(`Order import, ${ORDERS.toLocaleString('en')} orders (half paid), pages of ${PAGE}, ${SKUS} SKUs\n`);
  const head = ['store', 'import throughput', 'per order', 'bare insert per row', 'overhead per order', 'ratio'];
  const widths = [28, 18, 11, 20, 19, 7];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(line(head));
  for (const maker of makers) {
    const bareStore = await maker.open();
    const bare = await bareInsert(bareStore);
    await bareStore.close();
    const store = await maker.open();
    const engine = await engineImport(store);
    await store.close();
    const perOrder = (engine * 1000) / ORDERS;
    const perRow = (bare * 1000) / ORDERS;
    console.log(
      line([
        maker.name,
        `${Math.round(ORDERS / (engine / 1000)).toLocaleString('en')}/s`,
        `${perOrder.toFixed(1)} µs`,
        `${perRow.toFixed(1)} µs`,
        `${(perOrder - perRow).toFixed(1)} µs`,
        `${(engine / bare).toFixed(2)}×`,
      ]),
    );
  }
  console.log('\nTarget: under 1 ms (1000 µs) per order on SQLite.');
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
