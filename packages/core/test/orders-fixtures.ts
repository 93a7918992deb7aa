import {
  createMemoryStore,
  createOmnisync,
  type Omnisync,
  type OrderImportRulesInput,
  type SyncStore,
} from '@omnisync/core';
import {
  createMockChannel,
  createMockPos,
  type MockChannel,
  type MockChannelOptions,
  type MockPos,
} from '@omnisync/mock';

/** The SKUs both sides share in the orders tests. */
export const SKUS = ['TS-RED-M', 'TS-BLUE-L', 'MUG-01'] as const;

/** Rules that map the mock channel's methods, so orders import without waiting. */
export const MAPPED: OrderImportRulesInput = {
  payments: { mapping: { bank_transfer: 'BANK', cod: 'CASH' }, default: 'OTHER' },
  delivery: { mapping: { standard: 'COURIER' }, default: 'COURIER' },
};

/** A clock tests move by hand, shared by the channel, the POS, the store and omnisync. */
export function manualClock(start = '2026-11-01T08:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    ms: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface OrdersWorld {
  channel: MockChannel;
  pos: MockPos;
  store: SyncStore;
  omni: Omnisync;
  clock: ReturnType<typeof manualClock>;
  /** Another omnisync instance (another worker) on the same store, POS and channel. */
  worker(workerId?: string): Omnisync;
}

/** A mock channel and POS sharing three SKUs with plenty of stock, and an omnisync over them. */
export function ordersWorld(
  options: {
    rules?: OrderImportRulesInput;
    stock?: number;
    pageSize?: number;
    currencies?: string[];
    /** More options of the mock channel (e.g. capabilities). */
    channel?: MockChannelOptions;
  } = {},
): OrdersWorld {
  const clock = manualClock();
  const stock = options.stock ?? 100_000;
  const channel = createMockChannel({
    channelId: 'shop',
    clock: clock.now,
    pageSize: options.pageSize ?? 50,
    listings: SKUS.map((sku) => ({ sku, quantity: stock, price: '100000' })),
    ...options.channel,
  });
  const pos = createMockPos({
    clock: clock.now,
    items: SKUS.map((sku) => ({ sku, quantity: stock })),
    currencies: options.currencies ?? null,
  });
  const store = createMemoryStore({ clock: clock.ms });
  const make = (workerId?: string) =>
    createOmnisync({
      pos,
      store,
      clock: clock.now,
      ...(workerId ? { workerId } : {}),
      channels: { shop: { connector: channel, orders: options.rules ?? MAPPED } },
    });
  return { channel, pos, store, omni: make('worker-a'), clock, worker: make };
}

/** Every sale per channel order id, to assert "exactly once". */
export function salesByOrder(pos: MockPos): Map<string, number> {
  const count = new Map<string, number>();
  for (const sale of pos.sales()) count.set(sale.order.externalId, (count.get(sale.order.externalId) ?? 0) + 1);
  return count;
}

/** The POS sale status each canonical channel status should end in, under the default rules. */
export function expectedSaleStatus(status: string, everFulfilled = false): string {
  if (status === 'completed') return 'completed';
  if (status === 'cancelled') return everFulfilled ? 'reversed' : 'cancelled';
  if (status === 'returned') return 'reversed';
  if (['paid', 'accepted', 'shipped'].includes(status)) return 'paid';
  return 'open';
}

/**
 * The whole world's problems, empty when consistent: every channel order once in the POS, with the right
 * status, one payment when paid, and its reservation held exactly while the sale is open or paid.
 */
export function checkConsistency(channel: MockChannel, pos: MockPos) {
  const problems: string[] = [];
  const sales = new Map(pos.sales().map((s) => [s.order.externalId, s]));
  const counts = salesByOrder(pos);
  const reservations = pos.reservations();
  const paidKeys = new Map<string, number>();
  for (const p of pos.payments()) paidKeys.set(p.saleId, (paidKeys.get(p.saleId) ?? 0) + 1);
  for (const order of channel.orders()) {
    const n = counts.get(order.externalId) ?? 0;
    if (n > 1) problems.push(`${order.externalId}: ${n} sales`);
    const sale = sales.get(order.externalId);
    if (!sale) {
      problems.push(`${order.externalId}: missing (${order.status})`);
      continue;
    }
    const want = expectedSaleStatus(order.status, sale.status === 'reversed');
    if (sale.status !== want) problems.push(`${order.externalId}: sale ${sale.status}, channel ${order.status}`);
    const reserved = `sale:${sale.idempotencyKey}` in reservations;
    const open = sale.status === 'open' || sale.status === 'paid';
    if (reserved !== open)
      problems.push(`${order.externalId}: sale ${sale.status}, reservation ${reserved ? 'held' : 'gone'}`);
    const payments = paidKeys.get(sale.id) ?? 0;
    const shouldBePaid = ['paid', 'accepted', 'shipped', 'completed'].includes(order.status);
    if (payments > 1) problems.push(`${order.externalId}: ${payments} payments`);
    if (shouldBePaid && payments !== 1)
      problems.push(`${order.externalId}: ${payments} payments, status ${order.status}`);
  }
  return problems;
}
