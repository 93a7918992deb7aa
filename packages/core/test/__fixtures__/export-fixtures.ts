import {
  type ChannelOrder,
  ChannelHttpError,
  type CreateSaleArgsV1,
  type PosConnectorV1,
  type PosItem,
  type PosItemInput,
  PosItem as PosItemSchema,
  type PosSale,
  createMemoryStore,
  type EngineContext,
  OmnisyncEmitter,
  type OmnisyncOptions,
  silentLogger, NO_POS_CAPABILITIES } from '@omnisync/core';

/** A catalog (the ordering platform's menu) as a read-only POS connector: the instance's `pos`. */
export function catalogPos(items: PosItemInput[]): PosConnectorV1 & { items: PosItem[] } {
  const parsed = items.map((i) => PosItemSchema.parse(i));
  return {
    specificationVersion: 'v1',
    connector: 'catalog',
    capabilities: NO_POS_CAPABILITIES,
    items: parsed,
    async *listItems() {
      yield { items: parsed };
    },
    async getStock() {
      return [];
    },
    async createSale() {
      throw new Error('the catalog takes no sales');
    },
  };
}

/** What the target POS received: one entry per sale it holds. */
export interface ReceivedSale {
  sale: PosSale;
  order: ChannelOrder;
  args: CreateSaleArgsV1;
}

/**
 * An external POS that exports go to: it keeps one sale per idempotency key,
 * and can be told to fail its next calls (a 503, or a timeout after the sale
 * was stored, as when the answer is lost on the way back).
 */
export function targetPos(connector = 'kasir', menu: PosItemInput[] = []) {
  const sales = new Map<string, ReceivedSale>();
  const failures: ('503' | 'timeout-after-write' | '422')[] = [];
  let calls = 0;
  const fail = (kind: '503' | '422', transport: 'timeout' | null = null) =>
    new ChannelHttpError({
      code: kind === '422' ? 'CHANNEL_HTTP' : 'CHANNEL_UNAVAILABLE',
      connector,
      method: 'POST',
      pathTemplate: '/orders',
      status: transport ? null : Number(kind),
      transport,
    });
  const pos: PosConnectorV1 = {
    specificationVersion: 'v1',
    connector,
    capabilities: NO_POS_CAPABILITIES,
    async *listItems() {
      yield { items: menu.map((i) => PosItemSchema.parse(i)) };
    },
    async getStock() {
      return [];
    },
    async createSale(order, args) {
      calls++;
      const failure = failures.shift();
      if (failure === '503' || failure === '422') throw fail(failure);
      const existing = sales.get(args.idempotencyKey);
      const sale = existing?.sale ?? { id: `S${sales.size + 1}`, idempotencyKey: args.idempotencyKey, status: 'open' };
      if (!existing) sales.set(args.idempotencyKey, { sale, order, args });
      if (failure === 'timeout-after-write') throw fail('503', 'timeout');
      return sale;
    },
  };
  return {
    pos,
    sales,
    get calls() {
      return calls;
    },
    failNext(...kinds: ('503' | 'timeout-after-write' | '422')[]) {
      failures.push(...kinds);
    },
  };
}

/** The menu of a small café: a latte with modifiers (mapped to the POS as `kasir`), a croissant. */
export const MENU: PosItemInput[] = [
  {
    id: 'latte',
    sku: 'LATTE',
    name: 'Latte',
    price: { amount: '35000', currency: 'IDR' },
    externalIds: { kasir: 'P-10' },
    modifiers: [
      { id: 'oat', name: 'Oat milk', price: { amount: '5000', currency: 'IDR' }, externalIds: { kasir: 'M-1' } },
      { id: 'shot', name: 'Extra shot', price: { amount: '6000', currency: 'IDR' }, externalIds: {} },
    ],
    updatedAt: '2026-11-01T00:00:00Z',
  },
  {
    id: 'croissant',
    sku: 'CROISSANT',
    name: 'Croissant',
    price: { amount: '25000', currency: 'IDR' },
    externalIds: { kasir: 'P-20' },
    updatedAt: '2026-11-01T00:00:00Z',
  },
  {
    id: 'cake',
    sku: 'CAKE',
    name: 'Cheesecake',
    price: { amount: '40000', currency: 'IDR' },
    updatedAt: '2026-11-01T00:00:00Z',
  },
];

/** An accepted order for the café: a latte with oat milk and a croissant. */
export function cafeOrder(externalId = '1001', overrides: Partial<ChannelOrder> = {}): ChannelOrder {
  return {
    channelId: 'dots',
    externalId,
    number: `#${externalId}`,
    rawStatus: 'new',
    status: 'unpaid',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    currency: 'IDR',
    customer: { name: 'Dewi', phone: '+628111', email: 'dewi@example.com', addresses: [] },
    lines: [
      {
        lineId: 'l1',
        sku: 'LATTE',
        externalProductId: 'latte',
        title: 'Latte',
        quantity: 2,
        unitPrice: '35000',
        discount: '0',
        tax: '0',
        modifiers: [{ externalId: 'oat', name: 'Oat milk', quantity: 1, unitPrice: '5000' }],
      },
      {
        lineId: 'l2',
        sku: 'CROISSANT',
        externalProductId: null,
        title: 'Croissant',
        quantity: 1,
        unitPrice: '25000',
        discount: '0',
        tax: '0',
        modifiers: [],
      },
    ],
    payment: { method: 'card', paid: true },
    delivery: { method: 'pickup', cost: null },
    totals: { subtotal: '105000', discount: '0', tax: '0', shipping: '0', total: '105000' },
    note: null,
    ...overrides,
  };
}

/** A clock tests move by hand. */
export function manualClock(start = '2026-11-24T10:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), ms: () => t, advance: (ms: number) => (t += ms) };
}

/**
 * An engine context like `createOmnisync` builds, for tests that play the
 * orders feature (which fires `hooks.orderStatusChanged`).
 */
export function engineContext(options: OmnisyncOptions, clock: () => Date): EngineContext {
  const store = options.store ?? createMemoryStore();
  const events = new OmnisyncEmitter();
  const tenantId = options.tenantId ?? 'default';
  return {
    tenantId,
    options,
    store,
    pos: options.pos,
    channels: new Map(),
    events,
    logger: silentLogger,
    matching: { caseInsensitive: false } as never,
    workerId: 'test-worker',
    services: new Map(),
    onClose: () => {},
    hooks: { stockAffected: [], orderStatusChanged: [] },
    now: clock,
    channel: (id) => {
      throw new Error(`no channel ${id}`);
    },
    async notice(notice) {
      const at = clock().toISOString();
      await store.appendAction({
        tenantId,
        channelId: notice.channelId,
        subjectType: notice.subject?.type ?? 'notice',
        subjectId: notice.subject?.id ?? notice.kind,
        action: `notice:${notice.kind}`,
        outcome: 'notice',
        message: notice.message,
        details: {},
        at,
      });
      events.emit('notice', { ...notice, at });
    },
  };
}
