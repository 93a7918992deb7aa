import type { Notice } from '@omnisync/core';
import { describe, expect, it } from 'vitest';
import { checkConsistency, ordersWorld, salesByOrder } from './orders-fixtures';

const SECOND = 1000;

/** Sell `n` orders a second apart; the first one is served malformed on the next order page. */
function sellWithOneMalformed(w: ReturnType<typeof ordersWorld>, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    w.clock.advance(SECOND);
    ids.push(w.channel.sell({ sku: 'TS-RED-M', status: 'paid' }).externalId);
  }
  w.channel.corruptNext('orders');
  return ids;
}

function noticesOf(w: ReturnType<typeof ordersWorld>): Notice[] {
  const notices: Notice[] = [];
  w.omni.on('notice', (n) => notices.push(n));
  return notices;
}

describe('a malformed order in a page', () => {
  it('imports every other order on the page, raises a notice naming the order and the field, and imports it once re-read', async () => {
    const w = ordersWorld();
    const notices = noticesOf(w);
    const [bad, ...good] = sellWithOneMalformed(w, 5);
    const report = await w.omni.downloadOrders('shop');
    expect(report).toMatchObject({ seen: 5, imported: 4, rejected: 1 });
    const malformed = notices.filter((n) => n.kind === 'order-malformed');
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({ channelId: 'shop', subject: { type: 'order', id: bad } });
    expect(malformed[0]?.message).toContain(bad);
    expect(malformed[0]?.message).toContain('items.0.quantity');
    // The end-of-download retry re-reads it with getOrder (the channel serves it well now).
    expect(report.retried).toMatchObject({ attempted: 1, imported: 1 });
    const sales = salesByOrder(w.pos);
    for (const id of [bad, ...good]) expect(sales.get(id as string)).toBe(1);
    const history = await w.omni.orderHistory('shop', bad as string);
    expect(history.ledger?.state).toBe('imported');
    expect(history.actions.some((a) => a.action === 'reject' && a.message.includes('items.0.quantity'))).toBe(true);
    await w.omni.downloadOrders('shop');
    expect(w.pos.sales()).toHaveLength(5);
  });

  it('without getOrder: waits as rejected (the cursor moves on), and the next read covering it imports it exactly once', async () => {
    const w = ordersWorld({ channel: { capabilities: { getOrder: false, webhooks: false } } });
    const [bad] = sellWithOneMalformed(w, 3);
    const first = await w.omni.downloadOrders('shop');
    expect(first).toMatchObject({ imported: 2, rejected: 1, retried: { attempted: 0, stillWaiting: 1 } });
    expect(first.cursorAfter).not.toBeNull();
    const history = await w.omni.orderHistory('shop', bad as string);
    expect(history.ledger).toMatchObject({ state: 'rejected', saleId: null, error: { code: 'CHANNEL_PAYLOAD' } });
    expect(await w.omni.retryWaitingOrders('shop')).toMatchObject({ shop: { stillWaiting: 1, imported: 0 } });
    expect(w.pos.sales()).toHaveLength(2);

    w.channel.corruptNext('orders');
    const stillBad = await w.omni.reconcileOrders('shop', { from: '2026-11-01T00:00:00.000Z', dryRun: true });
    expect(stillBad).toMatchObject({ steps: [], rejected: [{ externalId: bad, fields: ['items.0.quantity'] }] });
    const plan = await w.omni.reconcileOrders('shop', { from: '2026-11-01T00:00:00.000Z', dryRun: true });
    expect(plan).toMatchObject({ steps: [{ externalId: bad, kind: 'import' }], rejected: [] });
    const repaired = await w.omni.reconcileOrders('shop', { from: '2026-11-01T00:00:00.000Z' });
    expect(repaired.repaired).toBe(1);
    expect(salesByOrder(w.pos).get(bad as string)).toBe(1);
    expect(w.pos.sales()).toHaveLength(3);
    expect((await w.omni.orderHistory('shop', bad as string)).ledger?.state).toBe('imported');
  });

  it('an imported order later served malformed keeps its sale, and its next good version applies once', async () => {
    const w = ordersWorld({ channel: { capabilities: { getOrder: false, webhooks: false } } });
    w.clock.advance(SECOND);
    const order = w.channel.sell({ sku: 'TS-RED-M', status: 'unpaid' });
    await w.omni.downloadOrders('shop');
    w.clock.advance(SECOND);
    w.channel.pay(order.externalId);
    w.channel.corruptNext('orders');
    expect(await w.omni.downloadOrders('shop')).toMatchObject({ rejected: 1 });
    const rejected = await w.omni.orderHistory('shop', order.externalId);
    expect(rejected.ledger).toMatchObject({ state: 'rejected', saleId: expect.any(String) });
    w.clock.advance(SECOND);
    w.channel.ship(order.externalId);
    await w.omni.downloadOrders('shop');
    expect(w.pos.sales()).toMatchObject([{ status: 'paid' }]);
    expect((await w.omni.orderHistory('shop', order.externalId)).ledger?.state).toBe('imported');
  });

  it('the same malformed order read again raises no second notice', async () => {
    const w = ordersWorld({ channel: { capabilities: { getOrder: false, webhooks: false } } });
    const notices = noticesOf(w);
    sellWithOneMalformed(w, 2);
    await w.omni.downloadOrders('shop');
    w.channel.corruptNext('orders');
    await w.omni.downloadOrders('shop', { from: '2026-11-01T00:00:00.000Z' });
    expect(notices.filter((n) => n.kind === 'order-malformed')).toHaveLength(1);
  });

  it('under the malformedPayload fault (a bad order on a fifth of the pages) every order ends in the POS exactly once', async () => {
    const w = ordersWorld({ pageSize: 20, channel: { seed: 11, faults: { malformedPayload: 0.2 } } });
    for (let i = 0; i < 200; i++) {
      w.clock.advance(SECOND);
      w.channel.sell({ sku: 'MUG-01', status: i % 3 === 0 ? 'unpaid' : 'paid' });
    }
    const report = await w.omni.downloadOrders('shop');
    const faults = w.channel.faultLog.filter((f) => f.kind === 'malformedPayload').length;
    expect(faults).toBeGreaterThan(0);
    expect(report.rejected).toBe(faults);
    expect(report.retried.imported).toBe(faults);
    expect([...salesByOrder(w.pos).values()].every((n) => n === 1)).toBe(true);
    expect(w.pos.sales()).toHaveLength(200);
    expect(checkConsistency(w.channel, w.pos)).toEqual([]);
  });
});
