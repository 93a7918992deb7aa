import { WebhookSignatureError } from '@omnisync/core';
import type { MockWebhookDelivery } from '@omnisync/mock';
import { describe, expect, it } from 'vitest';
import { checkConsistency, MAPPED, ordersWorld, salesByOrder } from './orders-fixtures';

const SECOND = 1000;

async function ingestAll(w: ReturnType<typeof ordersWorld>, deliveries: MockWebhookDelivery[]) {
  for (const d of deliveries) await w.omni.ingestWebhook('shop', d);
}

describe('status changes', () => {
  it('moves the sale through payment, completion, and releases the reservation into a deduction', async () => {
    const w = ordersWorld();
    const order = w.channel.sell({ sku: 'TS-RED-M', quantity: 3 });
    await w.omni.downloadOrders('shop');
    expect(w.pos.sales()).toMatchObject([{ status: 'open' }]);
    expect(w.pos.stockOf({ sku: 'TS-RED-M' })).toMatchObject({ onHand: 100_000, reserved: 3 });

    w.clock.advance(SECOND);
    w.channel.pay(order.externalId);
    w.clock.advance(SECOND);
    w.channel.ship(order.externalId);
    expect(await w.omni.downloadOrders('shop')).toMatchObject({ updated: 1 });
    expect(w.pos.sales()).toMatchObject([{ status: 'paid' }]);

    w.clock.advance(SECOND);
    w.channel.complete(order.externalId);
    await w.omni.downloadOrders('shop');
    expect(w.pos.sales()).toMatchObject([{ status: 'completed' }]);
    expect(w.pos.payments()).toHaveLength(1);
    expect(w.pos.stockOf({ sku: 'TS-RED-M' })).toMatchObject({ onHand: 99_997, reserved: 0 });
    const history = await w.omni.orderHistory('shop', order.externalId);
    expect(history.ledger?.applied).toEqual({ sale: true, payment: true, complete: true });
  });

  it('cancels an unfulfilled sale (stock back) and reverses a fulfilled one, telling inventory', async () => {
    const w = ordersWorld();
    const affected: string[] = [];
    w.omni.on('order:status', (e) => affected.push(`${e.externalId}:${e.from}->${e.to}`));
    const cancelled = w.channel.sell({ sku: 'MUG-01', quantity: 2, status: 'paid' });
    const returned = w.channel.sell({ sku: 'MUG-01', quantity: 1, status: 'paid' });
    await w.omni.downloadOrders('shop');
    w.clock.advance(SECOND);
    w.channel.cancel(cancelled.externalId);
    w.channel.ship(returned.externalId);
    w.channel.complete(returned.externalId);
    await w.omni.downloadOrders('shop');
    w.clock.advance(SECOND);
    w.channel.returnOrder(returned.externalId);
    await w.omni.downloadOrders('shop');
    const byOrder = new Map(w.pos.sales().map((s) => [s.order.externalId, s.status]));
    expect(byOrder.get(cancelled.externalId)).toBe('cancelled');
    expect(byOrder.get(returned.externalId)).toBe('reversed');
    expect(w.pos.stockOf({ sku: 'MUG-01' })).toMatchObject({ onHand: 100_000, reserved: 0 });
    expect(affected).toContain(`${cancelled.externalId}:paid->cancelled`);
    expect(affected).toContain(`${returned.externalId}:completed->returned`);
  });

  it('applies a jump straight to completed as payment then completion, once', async () => {
    const w = ordersWorld();
    const order = w.channel.sell({ sku: 'MUG-01' });
    await w.omni.downloadOrders('shop');
    w.clock.advance(SECOND);
    w.channel.complete(order.externalId);
    await w.omni.downloadOrders('shop');
    await w.omni.downloadOrders('shop');
    expect(w.pos.payments()).toHaveLength(1);
    expect(w.pos.sales()).toMatchObject([{ status: 'completed' }]);
  });
});

describe('webhooks and polling feed one path', () => {
  it('imports from webhooks alone, and a duplicated delivery changes nothing', async () => {
    const w = ordersWorld();
    w.channel.setFaults({ webhooks: { duplicate: 1 } });
    const order = w.channel.sell({ sku: 'TS-BLUE-L', quantity: 2 });
    w.clock.advance(SECOND);
    w.channel.pay(order.externalId);
    w.clock.advance(SECOND);
    w.channel.complete(order.externalId);
    const deliveries = w.channel.webhooks.drain();
    expect(deliveries).toHaveLength(6);
    await ingestAll(w, deliveries);
    await ingestAll(w, deliveries); // the channel re-sends everything after a timeout
    expect(salesByOrder(w.pos).get(order.externalId)).toBe(1);
    expect(w.pos.payments()).toHaveLength(1);
    expect(w.pos.sales()).toMatchObject([{ status: 'completed' }]);
    expect(w.channel.callsTo('listOrders')).toHaveLength(0);
  });

  it('applies out-of-order deliveries in the channel order: an older update after a newer one is ignored', async () => {
    const w = ordersWorld();
    const order = w.channel.sell({ sku: 'MUG-01' });
    w.clock.advance(SECOND);
    w.channel.pay(order.externalId);
    w.clock.advance(SECOND);
    w.channel.cancel(order.externalId);
    const [created, paid, cancelled] = w.channel.webhooks.drain() as MockWebhookDelivery[];
    const statuses: string[] = [];
    w.omni.on('order:status', (e) => statuses.push(`${e.from}->${e.to}`));
    await ingestAll(w, [cancelled as MockWebhookDelivery]);
    // Not imported: a cancelled order that was never imported is skipped.
    expect(w.pos.sales()).toHaveLength(0);
    await ingestAll(w, [paid as MockWebhookDelivery, created as MockWebhookDelivery]);
    expect(w.pos.sales()).toHaveLength(0);
    expect(statuses).toEqual([]);
    expect((await w.omni.orderHistory('shop', order.externalId)).ledger).toMatchObject({ state: 'skipped' });
  });

  it('ignores a late "paid" after "completed" was applied, with one payment and one completion', async () => {
    const w = ordersWorld();
    const order = w.channel.sell({ sku: 'MUG-01' });
    await w.omni.downloadOrders('shop');
    w.channel.webhooks.drain();
    w.clock.advance(SECOND);
    w.channel.pay(order.externalId);
    w.clock.advance(SECOND);
    w.channel.complete(order.externalId);
    const [paid, completed] = w.channel.webhooks.drain() as MockWebhookDelivery[];
    await ingestAll(w, [completed as MockWebhookDelivery, paid as MockWebhookDelivery]);
    expect(w.pos.sales()).toMatchObject([{ status: 'completed' }]);
    expect(w.pos.payments()).toHaveLength(1);
    const history = await w.omni.orderHistory('shop', order.externalId);
    expect(history.ledger).toMatchObject({
      status: 'completed',
      channelUpdatedAt: w.channel.order(order.externalId)?.updatedAt,
    });
  });

  it('with the webhook faults on (lost, duplicated, reordered), polling repairs what webhooks missed', async () => {
    const w = ordersWorld();
    w.channel.setFaults({ webhooks: { lose: 0.3, duplicate: 0.3, reorder: 0.3 } });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      w.clock.advance(SECOND);
      const o = w.channel.sell({ sku: 'TS-RED-M', status: i % 3 === 0 ? 'paid' : 'unpaid' });
      ids.push(o.externalId);
      if (i % 4 === 0) w.channel.pay(o.externalId);
      if (i % 5 === 0) w.channel.cancel(o.externalId);
    }
    for (const id of ids.slice(0, 20)) {
      w.clock.advance(SECOND);
      const status = w.channel.order(id)?.status;
      if (status === 'paid') w.channel.complete(id);
    }
    await ingestAll(w, w.channel.webhooks.drain());
    expect(w.channel.faultLog.some((f) => f.kind === 'webhookLost')).toBe(true);
    const beforePolling = checkConsistency(w.channel, w.pos).filter((p) => !p.includes('missing (cancelled)'));
    expect(beforePolling.length).toBeGreaterThan(0);

    await w.omni.downloadOrders('shop');
    expect(checkConsistency(w.channel, w.pos).filter((p) => !p.includes('missing (cancelled)'))).toEqual([]);
  });

  it('refuses a forged delivery and changes nothing', async () => {
    const w = ordersWorld();
    w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    const delivery = w.channel.webhooks.drain()[0] as MockWebhookDelivery;
    const forged = { ...delivery, rawBody: delivery.rawBody.replace('MUG-01', 'MUG-02') };
    await expect(w.omni.ingestWebhook('shop', forged)).rejects.toSatisfy(WebhookSignatureError.isInstance);
    expect(w.pos.sales()).toHaveLength(0);
  });
});

describe('status write-back', () => {
  it('sends the configured status when the POS completes or cancels a sale, and the echo changes nothing', async () => {
    const w = ordersWorld({ rules: { ...MAPPED, writeBack: { enabled: true } } });
    const done = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    const dropped = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    await w.omni.downloadOrders('shop');
    const saleOf = (id: string) => w.pos.sales().find((s) => s.order.externalId === id)?.id as string;

    w.clock.advance(SECOND);
    w.pos.setSaleStatus(saleOf(done.externalId), 'completed');
    const result = await w.omni.saleStatusChanged({ saleId: saleOf(done.externalId) }, 'completed');
    expect(result).toMatchObject({ channelStatus: 'completed', queued: true, delivered: true });
    expect(w.channel.order(done.externalId)?.status).toBe('completed');

    await w.omni.saleStatusChanged({ channelId: 'shop', externalId: dropped.externalId }, 'cancelled');
    expect(w.channel.order(dropped.externalId)?.status).toBe('cancelled');

    // The channel reports its new statuses back: nothing is applied twice.
    const calls = w.pos.sales().length;
    w.clock.advance(SECOND);
    await ingestAll(w, w.channel.webhooks.drain());
    await w.omni.downloadOrders('shop');
    expect(w.pos.sales()).toHaveLength(calls);
    expect(w.pos.payments()).toHaveLength(2);
    const history = await w.omni.orderHistory('shop', done.externalId);
    expect(history.actions.map((a) => `${a.action}:${a.outcome}`)).toContain('write-back:ok');
  });

  it('retries a failed write-back from the outbox until it lands', async () => {
    const w = ordersWorld({ rules: { ...MAPPED, writeBack: { enabled: true } } });
    const order = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    await w.omni.downloadOrders('shop');
    w.channel.failNext({ kind: 'serverError', method: 'updateOrderStatus', status: 503 });
    const result = await w.omni.saleStatusChanged({ channelId: 'shop', externalId: order.externalId }, 'completed');
    expect(result).toMatchObject({ queued: true, delivered: false });
    expect(w.channel.order(order.externalId)?.status).toBe('paid');
    expect(await w.omni.pushOrderStatuses()).toMatchObject({ sent: 0 }); // backoff not over yet
    w.clock.advance(5 * SECOND);
    expect(await w.omni.pushOrderStatuses()).toMatchObject({ sent: 1 });
    expect(w.channel.order(order.externalId)?.status).toBe('completed');
    const actions = (await w.omni.orderHistory('shop', order.externalId)).actions.map(
      (a) => `${a.action}:${a.outcome}`,
    );
    expect(actions.slice(0, 2)).toEqual(['write-back:ok', 'write-back:error']);
  });

  it('records the POS change but sends nothing when write-back is off', async () => {
    const w = ordersWorld();
    const order = w.channel.sell({ sku: 'MUG-01', status: 'paid' });
    await w.omni.downloadOrders('shop');
    const result = await w.omni.saleStatusChanged({ channelId: 'shop', externalId: order.externalId }, 'completed');
    expect(result).toMatchObject({ queued: false, channelStatus: null });
    expect(w.channel.callsTo('updateOrderStatus')).toHaveLength(0);
  });
});
