import { NO_POS_CAPABILITIES } from '@omnisync/core';
/**
 * Order export overhead: N orders exported through `omni.exportOrder` (order
 * parse, lease, export record, pre-flight of external ids against a catalog of
 * C items, history entry in one transaction) to an in-process POS that answers
 * at once, against the bare `createSale` calls of the same orders on the same
 * POS, in the same process. The figures are the engine's and the memory
 * store's cost per export; a real POS adds its own latency on top.
 *
 * Run: npx tsx --conditions=@omnisync/source bench/export.ts [--orders=2000] [--catalog=2000]
 */
import {
  type ChannelOrder,
  type CreateSaleArgsV1,
  createMemoryStore,
  createOmnisync,
  type PosConnectorV1,
  type PosItem,
  type PosSale,
} from '../packages/core/src/index';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ORDERS = arg('orders', 2_000);
const CATALOG = arg('catalog', 2_000);

const items: PosItem[] = Array.from({ length: CATALOG }, (_, i) => ({
  id: `dish-${i}`,
  sku: `SKU-${i}`,
  name: `Dish ${i}`,
  attributes: {},
  externalIds: { pos: `P-${i}` },
  modifiers: [{ id: `mod-${i}`, name: 'Extra', externalIds: { pos: `M-${i}` } }],
  components: [],
  active: true,
  updatedAt: '2026-11-01T00:00:00.000Z',
}));

const catalog: PosConnectorV1 = {
  specificationVersion: 'v1',
  connector: 'catalog',
  capabilities: NO_POS_CAPABILITIES,
  async *listItems() {
    yield { items };
  },
  getStock: async () => [],
  createSale: async () => {
    throw new Error('not a target');
  },
};

function targetPos(): PosConnectorV1 & { count(): number } {
  const sales = new Map<string, PosSale>();
  return {
    specificationVersion: 'v1',
    connector: 'pos',
    capabilities: NO_POS_CAPABILITIES,
    async *listItems() {},
    getStock: async () => [],
    async createSale(_order: ChannelOrder, args: CreateSaleArgsV1) {
      const sale = sales.get(args.idempotencyKey) ?? {
        id: `S${sales.size}`,
        idempotencyKey: args.idempotencyKey,
        status: 'open',
      };
      sales.set(args.idempotencyKey, sale);
      return sale;
    },
    count: () => sales.size,
  };
}

function order(i: number): ChannelOrder {
  const dish = i % CATALOG;
  return {
    channelId: 'app',
    externalId: `A-${i}`,
    number: String(i),
    rawStatus: 'accepted',
    status: 'accepted',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    currency: 'UAH',
    customer: null,
    lines: [
      {
        lineId: '1',
        sku: null,
        externalProductId: `dish-${dish}`,
        title: `Dish ${dish}`,
        quantity: 1,
        unitPrice: '100.00',
        discount: '0',
        tax: '0',
        modifiers: [{ externalId: `mod-${dish}`, name: 'Extra', quantity: 1, unitPrice: '10.00' }],
      },
    ],
    payment: { method: 'card', paid: true },
    delivery: { method: 'pickup', cost: null },
    totals: { subtotal: '110.00', discount: '0', tax: '0', shipping: '0', total: '110.00' },
  };
}

const orders = Array.from({ length: ORDERS }, (_, i) => order(i));

async function bare(): Promise<number> {
  const pos = targetPos();
  const started = performance.now();
  for (const o of orders) {
    await pos.createSale(o, { idempotencyKey: `k-${o.externalId}`, itemIds: { '1': 'P-1' }, currency: 'UAH' });
  }
  return performance.now() - started;
}

async function viaExport(catalogCacheMs: number): Promise<number> {
  const pos = targetPos();
  const omni = createOmnisync({
    pos: catalog,
    channels: {},
    store: createMemoryStore(),
    export: { locations: { main: { pos } }, catalogCacheMs },
  });
  const started = performance.now();
  for (const o of orders) await omni.exportOrder(o, { locationId: 'main' });
  const ms = performance.now() - started;
  if (pos.count() !== ORDERS) throw new Error(`expected ${ORDERS} sales, got ${pos.count()}`);
  return ms;
}

await bare(); // warm up
const baseline = await bare();
const uncached = await viaExport(0);
const cached = await viaExport(5_000);
const perOrder = (ms: number) => `${((ms / ORDERS) * 1000).toFixed(1)} µs/order`;
const rate = (ms: number) => `${(ORDERS / (ms / 1000)).toFixed(0)} orders/s`;
console.log(`export bench: ${ORDERS} orders, catalog of ${CATALOG} items, memory store`);
console.log(`  bare createSale (baseline):          ${baseline.toFixed(1)} ms (${perOrder(baseline)})`);
console.log(
  `  exportOrder, catalog read per order: ${uncached.toFixed(1)} ms (${perOrder(uncached)}, ${rate(uncached)})`,
);
console.log(`  exportOrder, catalog cached (5 s):   ${cached.toFixed(1)} ms (${perOrder(cached)}, ${rate(cached)})`);
console.log(`  ratio uncached / cached: ${(uncached / cached).toFixed(1)}x`);
console.log(`  engine overhead per order (cached - bare): ${(((cached - baseline) / ORDERS) * 1000).toFixed(1)} µs`);
