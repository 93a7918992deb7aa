import {
  ChannelHttpError,
  createOmnisync,
  InvalidSettingsError,
  type Notice,
  orderIdempotencyKey,
  type PosConnectorV1,
} from '@omnisync/core';
import { createMockChannel, createMockPos } from '@omnisync/mock';
import { describe, expect, it } from 'vitest';
import { MAPPED, ordersWorld } from './orders-fixtures';

const keyOf = (externalId: string) => orderIdempotencyKey({ tenantId: 'default', channelId: 'shop', externalId });

describe('import rules on the mock channel and POS', () => {
  it('imports a paid order once, with its payment, reservation, number, date and mapped methods', async () => {
    const w = ordersWorld({
      rules: { ...MAPPED, taxRate: '11', saleType: 'online', merchantId: 'u-7', warehouseId: 'main' },
    });
    const order = w.channel.sell({ sku: 'TS-RED-M', quantity: 2, status: 'paid', paymentMethod: 'bank_transfer' });
    w.clock.advance(60_000);
    const report = await w.omni.downloadOrders('shop');
    expect(report).toMatchObject({ imported: 1, waiting: 0, failed: 0, cursorAfter: order.updatedAt });

    const [sale] = w.pos.sales();
    expect(sale).toMatchObject({ status: 'paid', number: order.number, stock: 'reserved' });
    expect(sale?.args).toMatchObject({
      saleDate: order.createdAt,
      paymentMethod: 'BANK',
      deliveryMethod: 'COURIER',
      taxRate: '11',
      saleType: 'online',
      merchantId: 'u-7',
      currency: 'IDR',
    });
    expect(w.pos.payments()).toMatchObject([{ saleId: sale?.id, amount: order.totals.total, method: 'BANK' }]);
    expect(w.pos.stockOf({ sku: 'TS-RED-M' }).reserved).toBe(2);
  });

  it('dates the sale at sync time, leaves out the external number, and blocks nothing when told', async () => {
    const w = ordersWorld({ rules: { ...MAPPED, saleDate: 'sync', externalSaleNumber: false, reserve: false } });
    w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    w.clock.advance(5 * 86_400_000);
    await w.omni.downloadOrders('shop');
    const [sale] = w.pos.sales();
    expect(sale?.args).toMatchObject({ saleDate: w.clock.now().toISOString(), saleNumber: null, reserve: false });
    expect(sale?.stock).toBe('deducted');
    expect(w.pos.stockOf({ sku: 'MUG-01' }).reserved).toBe(0);
  });

  it('imports only the configured statuses; a skipped order imports once it moves into one', async () => {
    const w = ordersWorld({ rules: { ...MAPPED, statuses: { import: ['paid', 'completed'] } } });
    const order = w.channel.sell({ sku: 'MUG-01' });
    w.clock.advance(1000);
    expect(await w.omni.downloadOrders('shop')).toMatchObject({ skipped: 1, imported: 0 });
    expect(w.pos.sales()).toHaveLength(0);
    w.channel.pay(order.externalId);
    w.clock.advance(1000);
    expect(await w.omni.downloadOrders('shop')).toMatchObject({ imported: 1 });
    expect(w.pos.sales()).toMatchObject([{ status: 'paid' }]);
  });

  it('matches the customer by the configured keys in order, and creates one when none matches', async () => {
    const pos = createMockPos({
      items: [{ sku: 'MUG-01', quantity: 10 }],
      customers: [
        { id: 'C-PHONE', phone: '+62 811 111', email: 'other@example.com' },
        { id: 'C-MAIL', email: 'ana@example.com' },
      ],
    });
    const channel = createMockChannel({ channelId: 'shop', listings: [{ sku: 'MUG-01', quantity: 10 }] });
    const omni = createOmnisync({
      pos,
      channels: {
        shop: { connector: channel, orders: { ...MAPPED, customers: { match: ['email', 'phone'], type: 'company' } } },
      },
    });
    const orders = [
      channel.sell({ sku: 'MUG-01', status: 'paid', customer: { phone: '+62811111', email: 'ANA@example.com' } }),
      channel.sell({ sku: 'MUG-01', status: 'paid', customer: { phone: '0811111', email: 'nobody@example.com' } }),
      channel.sell({ sku: 'MUG-01', status: 'paid', customer: { phone: '+628999', email: 'new@example.com' } }),
      channel.sell({ sku: 'MUG-01', status: 'paid', customer: null }),
    ];
    await omni.downloadOrders('shop');
    const customerOf = (id: string) => pos.sale({ idempotencyKey: keyOf(id) })?.args.customerId;
    const created = pos.customers().find((c) => c.email === 'new@example.com');
    expect(orders.map((o) => customerOf(o.externalId))).toEqual(['C-MAIL', 'C-PHONE', created?.id, null]);
    expect(created).toMatchObject({ type: 'company', phone: '+628999' });
    expect(pos.customers()).toHaveLength(3);
  });

  it('uses the default currency when the channel sends none, checked against the POS', async () => {
    const w = ordersWorld({ rules: { ...MAPPED, currency: { default: 'USD' } }, currencies: ['IDR'] });
    const notices: Notice[] = [];
    w.omni.on('notice', (n) => notices.push(n));
    const order = w.channel.sell({ sku: 'MUG-01', status: 'paid', currency: null });
    const fine = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    await w.omni.downloadOrders('shop');
    expect(w.pos.sales().map((s) => s.order.externalId)).toEqual([fine.externalId]);
    expect(notices).toMatchObject([
      { kind: 'order-waiting', channelId: 'shop', subject: { type: 'order', id: order.externalId } },
    ]);
    expect(notices[0]?.message).toContain('USD');
  });

  it('holds an order with an unknown SKU or an unmapped method, says why, and imports it once fixed', async () => {
    const w = ordersWorld({ rules: { payments: { mapping: { bank_transfer: 'BANK' } }, delivery: { default: 'X' } } });
    const notices: Notice[] = [];
    const failed: string[] = [];
    w.omni.on('notice', (n) => notices.push(n));
    w.omni.on('order:failed', (e) => failed.push(`${e.externalId}:${e.error.code}`));
    w.channel.addListing({ sku: 'NEW-SKU', quantity: 5 });
    const unknownSku = w.channel.sell({ sku: 'NEW-SKU', status: 'paid' });
    const unmapped = w.channel.sell({ sku: 'MUG-01', status: 'paid', paymentMethod: 'ewallet' });
    const good = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    const report = await w.omni.downloadOrders('shop');
    expect(report).toMatchObject({ imported: 1, waiting: 2, cursorAfter: good.updatedAt });
    expect(failed).toEqual([`${unknownSku.externalId}:ORDER_RULE`, `${unmapped.externalId}:ORDER_RULE`]);
    expect(notices.map((n) => n.details?.problems)).toMatchObject([
      [{ kind: 'unknown-sku', sku: 'NEW-SKU' }],
      [{ kind: 'unmapped-payment-method', value: 'ewallet' }],
    ]);
    const history = await w.omni.orderHistory('shop', unknownSku.externalId);
    expect(history.ledger).toMatchObject({ state: 'waiting', problems: [{ kind: 'unknown-sku' }] });
    expect(history.actions).toMatchObject([{ action: 'notice:order-waiting', outcome: 'notice' }]);

    // Downloading again changes nothing and repeats no notice.
    await w.omni.downloadOrders('shop');
    expect(notices).toHaveLength(2);

    // The merchant adds the item to the POS: the order imports on the next retry.
    w.pos.addItem({ sku: 'NEW-SKU', quantity: 5 });
    expect(await w.omni.retryWaitingOrders('shop')).toEqual({ shop: { attempted: 2, imported: 1, stillWaiting: 1 } });
    expect(
      w.pos
        .sales()
        .map((s) => s.order.externalId)
        .sort(),
    ).toEqual([good.externalId, unknownSku.externalId].sort());
  });

  it('an order fixed by a new mapping imports on the next download', async () => {
    const channel = createMockChannel({ channelId: 'shop', listings: [{ sku: 'MUG-01', quantity: 10 }] });
    const pos = createMockPos({ items: [{ sku: 'MUG-01', quantity: 10 }] });
    const store = (await import('@omnisync/core')).createMemoryStore();
    const rules = { payments: { mapping: {} as Record<string, string> }, delivery: { default: 'X' } };
    const first = createOmnisync({ pos, store, channels: { shop: { connector: channel, orders: rules } } });
    const order = channel.sell({ sku: 'MUG-01', status: 'paid', paymentMethod: 'cod' });
    expect(await first.downloadOrders('shop')).toMatchObject({ waiting: 1 });
    // The host restarts with the fixed mapping (rules are settings of the instance).
    const fixed = { ...rules, payments: { mapping: { cod: 'CASH' } } };
    const second = createOmnisync({ pos, store, channels: { shop: { connector: channel, orders: fixed } } });
    const report = await second.downloadOrders('shop');
    expect(report).toMatchObject({ imported: 1, waiting: 0 });
    expect(pos.sales()).toMatchObject([{ order: { externalId: order.externalId }, args: { paymentMethod: 'CASH' } }]);
  });

  it('issues the financial document on import and pays immediately when told', async () => {
    const w = ordersWorld({
      rules: { ...MAPPED, documents: { issueOnImport: true, payImmediately: true, kind: 'receipt' } },
    });
    w.channel.sell({ sku: 'MUG-01' }); // unpaid, yet paid immediately
    await w.omni.downloadOrders('shop');
    expect(w.pos.documents()).toMatchObject([{ kind: 'receipt' }]);
    expect(w.pos.payments()).toHaveLength(1);
  });

  it('issues the document on payment, before the payment, when the order arrives unpaid', async () => {
    const w = ordersWorld({ rules: { ...MAPPED, documents: { issueOnPayment: true } } });
    const order = w.channel.sell({ sku: 'MUG-01' });
    await w.omni.downloadOrders('shop');
    expect(w.pos.documents()).toHaveLength(0);
    expect(w.pos.payments()).toHaveLength(0);
    w.clock.advance(1000);
    w.channel.pay(order.externalId);
    await w.omni.downloadOrders('shop');
    expect(w.pos.documents()).toHaveLength(1);
    expect(w.pos.payments()).toHaveLength(1);
    const history = await w.omni.orderHistory('shop', order.externalId);
    const steps = history.actions.map((a) => a.action).reverse();
    expect(steps.indexOf('transition:document')).toBeLessThan(steps.indexOf('transition:payment'));
  });

  it('raises a stock request naming the short items, checked in the chosen warehouses, for the user to notify', async () => {
    const channel = createMockChannel({ channelId: 'shop', listings: [{ sku: 'MUG-01', quantity: 10 }] });
    const pos = createMockPos({
      warehouses: ['front', 'back'],
      items: [{ sku: 'MUG-01' }],
      stock: [
        { sku: 'MUG-01', warehouseId: 'front', onHand: 1 },
        { sku: 'MUG-01', warehouseId: 'back', onHand: 50 },
      ],
    });
    const omni = createOmnisync({
      pos,
      channels: {
        shop: {
          connector: channel,
          orders: { ...MAPPED, notifyUserId: 'u-boss', stockRequest: { enabled: true, warehouses: ['front'] } },
        },
      },
    });
    const notices: Notice[] = [];
    omni.on('notice', (n) => notices.push(n));
    channel.sell({ sku: 'MUG-01', quantity: 3, status: 'paid' });
    await omni.downloadOrders('shop');
    expect(pos.sales()).toHaveLength(1);
    expect(notices).toMatchObject([
      {
        kind: 'stock-request',
        details: { short: [{ needed: 3, available: 1 }], warehouses: ['front'], notifyUserId: 'u-boss' },
      },
    ]);
  });

  it('lists the channel methods with their mapping, to build it', async () => {
    const w = ordersWorld({ rules: { payments: { mapping: { cod: 'CASH' } }, delivery: { default: 'COURIER' } } });
    const methods = await w.omni.channelMethods('shop');
    expect(methods.payment).toMatchObject([
      { id: 'bank_transfer', mappedTo: null },
      { id: 'cod', mappedTo: 'CASH', viaDefault: false },
      { id: 'ewallet', mappedTo: null },
    ]);
    expect(methods.delivery[0]).toMatchObject({ id: 'standard', mappedTo: 'COURIER', viaDefault: true });
  });

  it('records a transition the POS cannot do as skipped, never silently', async () => {
    const channel = createMockChannel({ channelId: 'shop', listings: [{ sku: 'MUG-01', quantity: 10 }] });
    const pos = createMockPos({ items: [{ sku: 'MUG-01', quantity: 10 }], capabilities: { payments: false } });
    const omni = createOmnisync({ pos, channels: { shop: { connector: channel, orders: MAPPED } } });
    const order = channel.sell({ sku: 'MUG-01', status: 'paid' });
    expect(await omni.downloadOrders('shop')).toMatchObject({ imported: 1 });
    const history = await omni.orderHistory('shop', order.externalId);
    expect(history.actions).toContainEqual(
      expect.objectContaining({
        action: 'transition:payment',
        outcome: 'skipped',
        details: expect.objectContaining({ capability: 'payments' }),
      }),
    );
    expect(history.ledger?.applied).toMatchObject({ payment: true });
  });

  it('a POS refusal fails that order only, with a notice, and a retry imports it', async () => {
    const w = ordersWorld();
    let refuse = true;
    const pos: PosConnectorV1 = {
      ...w.pos,
      async createSale(order, args) {
        if (refuse && order.lines[0]?.sku === 'MUG-01') {
          throw new ChannelHttpError({
            code: 'CHANNEL_HTTP',
            connector: 'pos',
            method: 'POST',
            pathTemplate: '/sales',
            status: 422,
          });
        }
        return w.pos.createSale(order, args);
      },
    };
    const omni = createOmnisync({
      pos,
      store: w.store,
      clock: w.clock.now,
      channels: { shop: { connector: w.channel, orders: MAPPED } },
    });
    const notices: Notice[] = [];
    omni.on('notice', (n) => notices.push(n));
    const bad = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    w.channel.sell({ sku: 'TS-RED-M', status: 'paid' });
    expect(await omni.downloadOrders('shop')).toMatchObject({ imported: 1, failed: 1, unfinished: 0 });
    expect(notices).toMatchObject([{ kind: 'order-failed', subject: { id: bad.externalId } }]);
    expect((await omni.orderHistory('shop', bad.externalId)).ledger).toMatchObject({
      state: 'failed',
      error: { code: 'CHANNEL_HTTP' },
    });
    refuse = false;
    expect(await omni.retryWaitingOrders()).toEqual({ shop: { attempted: 1, imported: 1, stillWaiting: 0 } });
    expect(w.pos.sales()).toHaveLength(2);
  });

  it('refuses bad rules when the instance is created, naming the channel and path', () => {
    const channel = createMockChannel({ channelId: 'shop' });
    expect(() =>
      createOmnisync({
        pos: createMockPos(),
        channels: {
          shop: { connector: channel, orders: { statuses: { paid: 'paid' }, customers: { match: ['ssn'] } } },
        },
      }),
    ).toThrowError(InvalidSettingsError);
    try {
      createOmnisync({
        pos: createMockPos(),
        channels: { shop: { connector: channel, orders: { customers: { match: ['ssn'] } } } },
      });
    } catch (error) {
      expect((error as Error).message).toContain('channels.shop.orders');
      expect((error as Error).message).toContain('customers.match.0');
    }
  });
});
